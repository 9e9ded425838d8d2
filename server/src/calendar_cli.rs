//! `async-pilot import calendar FILE --email E [--from D --to D] [--dry-run] [--format json]`:
//! one person's meeting figures per covered working day, on standard output.

use std::path::Path;

use anyhow::Context;
use app::{
    domain::meeting::{CalendarSummary, MAX_FILE_BYTES},
    server::{
        repo::audit::Actor,
        services::calendar_import::{self, Window},
    },
};
use sea_orm::DatabaseConnection;

use crate::cli::CalendarFormat;

pub async fn import(
    db: &DatabaseConnection,
    file: &Path,
    email: &str,
    window: Window,
    dry_run: bool,
    format: CalendarFormat,
) -> anyhow::Result<()> {
    let size = std::fs::metadata(file)
        .with_context(|| format!("cannot read {}", file.display()))?
        .len();
    if size > MAX_FILE_BYTES as u64 {
        anyhow::bail!(
            "{} is {} MB: calendar files of at most 20 MB are accepted; export a shorter range",
            file.display(),
            size / (1024 * 1024)
        );
    }
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let now = chrono::Utc::now();
    let summary =
        calendar_import::import_for(db, Actor::System, email, &bytes, window, dry_run, now)
            .await
            .map_err(|error| match error {
                app::error::AppError::Validation { message, .. } => {
                    anyhow::anyhow!("{}: {message}; nothing was imported", file.display())
                }
                other => anyhow::anyhow!("{other}"),
            })?;
    match format {
        CalendarFormat::Json => println!("{}", json(&summary)),
        CalendarFormat::Text => {
            let verb = if dry_run {
                "dry run (nothing written)"
            } else {
                "imported"
            };
            match summary.span() {
                Some((first, last)) => println!(
                    "{verb}: {} working days from {first} to {last}, {} meetings, {} meeting hours",
                    summary.days.len(),
                    summary.total_meetings(),
                    round(summary.total_hours())
                ),
                None => println!("{verb}: the file covers no working day"),
            }
        }
    }
    Ok(())
}

/// `{"days": {"YYYY-MM-DD": {"meetings", "meeting_hours", "calendar_focus_hours"}},
/// "total_meetings", "total_hours"}`, days in date order.
pub fn json(summary: &CalendarSummary) -> serde_json::Value {
    let days: serde_json::Map<String, serde_json::Value> = summary
        .days
        .iter()
        .map(|(date, figures)| {
            (
                date.to_string(),
                serde_json::json!({
                    "meetings": figures.meetings,
                    "meeting_hours": figures.meeting_hours,
                    "calendar_focus_hours": figures.calendar_focus_hours,
                }),
            )
        })
        .collect();
    serde_json::json!({
        "days": days,
        "total_meetings": summary.total_meetings(),
        "total_hours": summary.total_hours(),
    })
}

fn round(hours: f64) -> f64 {
    (hours * 100.0).round() / 100.0
}
