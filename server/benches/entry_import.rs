//! Benchmark: a pilot's 1,000,000-line metric CSV, checked (dry run), imported, and imported
//! again (every line unchanged), on a SQLite file and — when `ASYNC_PILOT_BENCH_POSTGRES` names
//! a server such as `postgres://postgres@127.0.0.1:5432` — on a fresh PostgreSQL database.
//! Writes its figures to `$CARGO_TARGET_DIR/bench-results/entry_import.txt` (or `target/…`).
//!   cargo bench -p async-pilot --bench entry_import

mod support;

use std::{fmt::Write, time::Instant};

use app::{
    domain::{
        capture::import::{ImportKind, ImportPreview},
        pilot::{plan::PlanInput, Arm, ProtocolInput},
    },
    server::{
        repo::{self, audit::Actor},
        services::{entry_import, pilot_teams, pilots},
    },
};
use chrono::{Days, Utc};
use migrations::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;

const PEOPLE: usize = 1_000;
const PER_TEAM: usize = 10;
const DAYS: usize = 100;
const MEASURES: [(&str, &str, &str); 10] = [
    ("energy", "morning", "3"),
    ("energy", "afternoon", "4"),
    ("energy", "evening", "2"),
    ("focus_planned_hours", "", "3"),
    ("focus_achieved_hours", "", "2.5"),
    ("meeting_hours", "", "1.5"),
    ("meetings", "", "3"),
    ("asyncable_meetings", "", "1"),
    ("felt_reply_hours", "chat", "0.5"),
    ("felt_reply_hours", "email", "4"),
];

fn roster_csv() -> String {
    let mut csv = String::from("email,name,team,department\n");
    for i in 0..PEOPLE {
        let _ = writeln!(
            csv,
            "p{i}@example.org,Person {i},Team {},Bench",
            i / PER_TEAM
        );
    }
    csv
}

fn metric_csv(first_day: chrono::NaiveDate) -> String {
    let mut csv = String::with_capacity(PEOPLE * DAYS * MEASURES.len() * 48);
    csv.push_str("email,date,measure,value,qualifier\n");
    for day in 0..DAYS {
        let date = first_day + Days::new(day as u64);
        for person in 0..PEOPLE {
            for (measure, qualifier, value) in MEASURES {
                let _ = writeln!(
                    csv,
                    "p{person}@example.org,{date},{measure},{value},{qualifier}"
                );
            }
        }
    }
    csv
}

/// A pilot of every team, its baseline 120 days ago, everyone consented; returns its id.
async fn pilot(db: &DatabaseConnection) -> anyhow::Result<(i64, chrono::NaiveDate)> {
    let fail = |error: app::error::AppError| anyhow::anyhow!("{error}");
    let now = Utc::now();
    support::organisation(db, &roster_csv(), now).await?;
    let start = now.date_naive() - Days::new(120);
    let protocol = ProtocolInput {
        name: "Bench".into(),
        hypothesis: "Importing a million values stays quick".into(),
        primary_metric: "meeting_load".into(),
        guardrail_metrics: String::new(),
        plan: PlanInput {
            baseline_start: start.format("%Y-%m-%d").to_string(),
            baseline_days: "50".into(),
            intervention_days: "20".into(),
            follow_up_days: "50".into(),
        },
        privacy_k: "5".into(),
    };
    let pilot = pilots::create(db, Actor::System, &protocol, now)
        .await
        .map_err(fail)?;
    for team in repo::teams::summaries(db).await.map_err(fail)? {
        pilot_teams::add_team(db, Actor::System, pilot, team.id, Arm::Pilot, true, now)
            .await
            .map_err(fail)?;
    }
    for (email, id) in repo::import_facts::people_by_email(db)
        .await
        .map_err(fail)?
    {
        if let Some(team) = repo::memberships::current_team(db, id)
            .await
            .map_err(fail)?
        {
            repo::consents::record(db, pilot, team, id, now)
                .await
                .map_err(fail)?;
        } else {
            eprintln!("{email} is in no team");
        }
    }
    Ok((pilot, start))
}

async fn timed(
    db: &DatabaseConnection,
    pilot: i64,
    csv: &str,
    dry_run: bool,
) -> anyhow::Result<(f64, ImportPreview)> {
    let started = Instant::now();
    let preview = entry_import::run(
        db,
        ImportKind::Entries,
        pilot,
        csv,
        dry_run,
        Actor::System,
        Utc::now(),
        &|_| {},
    )
    .await
    .map_err(|error| anyhow::anyhow!("{error}"))?;
    if preview.bad_lines > 0 {
        anyhow::bail!("bad lines: {:?}", preview.errors.first());
    }
    Ok((started.elapsed().as_secs_f64(), preview))
}

async fn measure(name: &str, db: &DatabaseConnection) -> anyhow::Result<String> {
    Migrator::up(db, None).await?;
    let (pilot, start) = pilot(db).await?;
    let csv = metric_csv(start);
    let lines = PEOPLE * DAYS * MEASURES.len();
    let (dry, checked) = timed(db, pilot, &csv, true).await?;
    let (apply, imported) = timed(db, pilot, &csv, false).await?;
    let (again, unchanged) = timed(db, pilot, &csv, false).await?;
    let summary = |preview: &ImportPreview| preview.summary(ImportKind::Entries);
    Ok(format!(
        "{name}: {lines} lines, {:.1} MB\n  dry run:   {dry:.2} s ({})\n  import:    {apply:.2} s ({})\n  re-import: {again:.2} s ({})\n",
        csv.len() as f64 / 1e6,
        summary(&checked),
        summary(&imported),
        summary(&unchanged),
    ))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    support::on_both(
        "metric CSV import (entry_import::run)",
        "ap_bench",
        "entry_import.txt",
        measure,
    )
    .await
}
