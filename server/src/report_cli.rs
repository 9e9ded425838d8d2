//! `async-pilot export report --pilot ID [--format json|csv] [--output FILE]`: the whole report,
//! unrounded, exactly as the API serves it to HR; `async-pilot export readiness [--format
//! json|csv] [--output FILE]`: every pilot's readiness, as executives read it.

use std::path::Path;

use anyhow::Context;
use app::{
    domain::{readiness, report::csv::to_csv},
    server::{
        repo::audit::Actor,
        services::{self, reports},
    },
};
use sea_orm::DatabaseConnection;

use crate::cli::ReportFormat;

pub async fn export(
    db: &DatabaseConnection,
    pilot: i64,
    format: ReportFormat,
    output: Option<&Path>,
) -> anyhow::Result<()> {
    let report = reports::of_pilot(db, Actor::System, pilot, chrono::Utc::now())
        .await
        .map_err(|error| anyhow::anyhow!("{error}"))?;
    let text = match format {
        ReportFormat::Json => {
            serde_json::to_string_pretty(&report).context("writing the report as JSON")? + "\n"
        }
        ReportFormat::Csv => to_csv(&report),
    };
    write(&text, output)
}

pub async fn export_readiness(
    db: &DatabaseConnection,
    format: ReportFormat,
    output: Option<&Path>,
) -> anyhow::Result<()> {
    let portfolio = services::readiness::portfolio(db, Actor::System, chrono::Utc::now())
        .await
        .map_err(|error| anyhow::anyhow!("{error}"))?;
    let text = match format {
        ReportFormat::Json => {
            serde_json::to_string_pretty(&portfolio).context("writing readiness as JSON")? + "\n"
        }
        ReportFormat::Csv => readiness::csv::to_csv(&portfolio),
    };
    write(&text, output)
}

fn write(text: &str, output: Option<&Path>) -> anyhow::Result<()> {
    match output {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => print!("{text}"),
    }
    Ok(())
}
