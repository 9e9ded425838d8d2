//! `async-pilot import entries|decisions FILE --pilot ID [--dry-run]`: the preview on standard
//! output, every bad line on standard error, and a non-zero exit when there is any.

use std::path::Path;

use anyhow::Context;
use app::{
    domain::capture::import::ImportKind,
    server::{repo::audit::Actor, services::entry_import},
};
use sea_orm::DatabaseConnection;

pub async fn import(
    db: &DatabaseConnection,
    kind: ImportKind,
    file: &Path,
    pilot: i64,
    dry_run: bool,
) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read {} as UTF-8 text", file.display()))?;
    let now = chrono::Utc::now();
    let preview = entry_import::run(db, kind, pilot, &text, dry_run, Actor::System, now, &|_| {})
        .await
        .map_err(|error| anyhow::anyhow!("{error}"))?;
    if preview.bad_lines > 0 {
        for error in &preview.errors {
            eprintln!("{}: {error}", file.display());
        }
        if preview.bad_lines > preview.errors.len() as i64 {
            eprintln!(
                "{}: … and {} more bad lines",
                file.display(),
                preview.bad_lines - preview.errors.len() as i64
            );
        }
        anyhow::bail!(
            "{} has {} bad line(s); nothing was imported",
            file.display(),
            preview.bad_lines
        );
    }
    if dry_run {
        println!("dry run: {} (nothing written)", preview.summary(kind));
    } else {
        println!("imported: {}", preview.summary(kind));
    }
    Ok(())
}

/// `async-pilot import training FILE [--dry-run]`: every bad line on standard error and a
/// non-zero exit when there is any (then nothing is written).
pub async fn import_training(
    db: &DatabaseConnection,
    file: &Path,
    dry_run: bool,
) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read {} as UTF-8 text", file.display()))?;
    let now = chrono::Utc::now();
    let result =
        app::server::services::training_import::import(db, Actor::System, &text, dry_run, now)
            .await
            .map_err(|error| anyhow::anyhow!("{error}"))?;
    if !result.errors.is_empty() {
        for error in &result.errors {
            eprintln!("{}: {error}", file.display());
        }
        anyhow::bail!(
            "{} has {} bad line(s); nothing was imported",
            file.display(),
            result.errors.len()
        );
    }
    if dry_run {
        println!(
            "dry run: {} training statuses (nothing written)",
            result.rows
        );
    } else {
        println!("imported: {} training statuses", result.rows);
    }
    Ok(())
}
