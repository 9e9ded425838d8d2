//! `async-pilot import roster` and `async-pilot export roster`.

use std::path::Path;

use anyhow::Context;
use app::{
    domain::roster::{RosterOptions, RosterPreview},
    server::{repo::audit::Actor, services::roster},
};
use sea_orm::DatabaseConnection;

pub async fn import(
    db: &DatabaseConnection,
    file: &Path,
    dry_run: bool,
    options: RosterOptions,
) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read {} as UTF-8 text", file.display()))?;
    let now = chrono::Utc::now();
    let preview = if dry_run {
        roster::preview_with(db, &text, options, Actor::System, &|_| {})
            .await
            .map_err(|error| anyhow::anyhow!("{error}"))?
    } else {
        match roster::import_with(db, &text, options, Actor::System, now, &|_| {})
            .await
            .map_err(|error| anyhow::anyhow!("{error}"))?
        {
            Ok(preview) => preview,
            Err(rejected) => rejected,
        }
    };
    if !preview.errors.is_empty() {
        for error in &preview.errors {
            eprintln!("{}: {error}", file.display());
        }
        anyhow::bail!(
            "{} has {} bad line(s); nothing was imported",
            file.display(),
            preview.errors.len()
        );
    }
    print_changes(&preview);
    if dry_run {
        println!("dry run: {} (nothing written)", preview.summary());
    } else {
        println!("imported: {}", preview.summary());
    }
    Ok(())
}

fn print_changes(preview: &RosterPreview) {
    for note in &preview.notes {
        println!("  note     {note}");
    }
    for person in &preview.new_people {
        println!("  new      line {:>6}  {}", person.line, person.email);
    }
    for person in &preview.changed_people {
        println!(
            "  changed  line {:>6}  {}: {}",
            person.line,
            person.email,
            person.changes.join(", ")
        );
    }
    for person in preview.deactivated() {
        println!("  leaves   {:>11}  {}", "", person.email);
    }
    if !preview.deactivate_missing && !preview.missing.is_empty() {
        println!(
            "  {} active people are not in the file and stay as they are (--deactivate-missing deactivates them)",
            preview.missing.len()
        );
    }
}

pub async fn export(db: &DatabaseConnection, output: Option<&Path>) -> anyhow::Result<()> {
    let csv = roster::export(db, Actor::System, chrono::Utc::now())
        .await
        .map_err(|error| anyhow::anyhow!("{error}"))?;
    match output {
        Some(path) => std::fs::write(path, &csv)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => print!("{csv}"),
    }
    Ok(())
}
