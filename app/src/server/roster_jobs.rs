//! Roster imports as background jobs. The job's row holds its progress and outcome, so any app
//! instance can answer a poll; the instance that received the file runs it.

use std::{
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};

use super::{auth::caller::Caller, entities::roster_import, repo::audit::Actor, roster};
use crate::{
    domain::{
        import_job::{ImportJob, ImportProgress, ImportStage, JobState, SHOWN},
        roster::{RosterOptions, RosterPreview},
    },
    error::AppError,
};

/// How often a running job's progress is written to its row.
const PROGRESS_EVERY: Duration = Duration::from_millis(250);

/// A running job's row is touched at least this often, however long a step takes…
const HEARTBEAT: Duration = Duration::from_secs(30);

/// …so a running job whose row has not moved for this long was stopped with its server.
const STALE_AFTER_MINUTES: i64 = 10;

/// Tries at recording a job's outcome.
const FINISH_ATTEMPTS: u32 = 5;

/// Records the job and starts it in the background; returns its id at once.
pub async fn start(
    db: &DatabaseConnection,
    caller: &Caller,
    csv: String,
    dry_run: bool,
    options: RosterOptions,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    if !dry_run {
        refuse_while_another_import_writes(db, now).await?;
    }
    let lines = csv.lines().count() as i64;
    let row = roster_import::ActiveModel {
        started_by: Set(caller.person_id),
        dry_run: Set(dry_run),
        status: Set(JobState::Running.as_str().into()),
        stage: Set(ImportStage::Reading.as_str().into()),
        done: Set(0),
        total: Set(lines),
        lines: Set(lines),
        outcome: Set(None),
        failure: Set(None),
        started_at: Set(now),
        updated_at: Set(now),
        finished_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let (db, caller) = (db.clone(), caller.clone());
    tokio::spawn(async move { run(db, row.id, caller, csv, dry_run, options).await });
    Ok(row.id)
}

/// One writing import at a time: a second would wait on (or conflict with) the first one's
/// transaction, and its preview would describe a roster about to change. Dry runs may overlap.
async fn refuse_while_another_import_writes(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let running = roster_import::Entity::find()
        .filter(roster_import::Column::DryRun.eq(false))
        .filter(roster_import::Column::Status.eq(JobState::Running.as_str()))
        .filter(
            roster_import::Column::UpdatedAt
                .gt(now - chrono::Duration::minutes(STALE_AFTER_MINUTES)),
        )
        .one(db)
        .await?;
    match running {
        Some(job) => Err(AppError::Conflict(format!(
            "another roster import (started {}) is still being written; try again when it has finished",
            job.started_at.format("%H:%M UTC")
        ))),
        None => Ok(()),
    }
}

async fn run(
    db: DatabaseConnection,
    id: i64,
    caller: Caller,
    csv: String,
    dry_run: bool,
    options: RosterOptions,
) {
    let latest = Arc::new(Mutex::new(None::<ImportProgress>));
    let stopped = Arc::new(AtomicBool::new(false));
    let writer = tokio::spawn(write_progress(
        db.clone(),
        id,
        latest.clone(),
        stopped.clone(),
    ));
    let report = move |progress| {
        *latest.lock().expect("progress lock") = Some(progress);
    };
    let actor = Actor::Caller(&caller);
    let outcome = if dry_run {
        roster::preview_with(&db, &csv, options, actor, &report)
            .await
            .map(Ok)
    } else {
        roster::import_with(&db, &csv, options, actor, Utc::now(), &report).await
    };
    stopped.store(true, Ordering::Release);
    // The last progress write must not land after the outcome.
    let _ = writer.await;
    // Built once; written with retries, since the import may have committed and its outcome must
    // not be lost to a passing database hiccup.
    let row = finished_row(id, outcome, Utc::now());
    for attempt in 1..=FINISH_ATTEMPTS {
        match row.clone().update(&db).await {
            Ok(_) => break,
            Err(error) => {
                tracing::error!(%error, job = id, attempt, "could not record the roster import's outcome");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}

/// Writes the newest progress every [`PROGRESS_EVERY`] until the job stops, and at least every
/// [`HEARTBEAT`] even when nothing moved, so a long step is never taken for a stopped server. On
/// SQLite a write waits while the import's transaction holds the database, so progress there
/// moves by stages.
async fn write_progress(
    db: DatabaseConnection,
    id: i64,
    latest: Arc<Mutex<Option<ImportProgress>>>,
    stopped: Arc<AtomicBool>,
) {
    let mut written = None;
    let mut last_write = tokio::time::Instant::now();
    while !stopped.load(Ordering::Acquire) {
        tokio::time::sleep(PROGRESS_EVERY).await;
        let current = *latest.lock().expect("progress lock");
        let due = last_write.elapsed() >= HEARTBEAT;
        if (current == written && !due) || stopped.load(Ordering::Acquire) {
            continue;
        }
        let mut row = roster_import::ActiveModel {
            id: Set(id),
            updated_at: Set(Utc::now()),
            ..Default::default()
        };
        if let Some(progress) = current {
            row.stage = Set(progress.stage.as_str().into());
            row.done = Set(progress.done);
            row.total = Set(progress.total);
        }
        match row.update(&db).await {
            Ok(_) => {
                written = current;
                last_write = tokio::time::Instant::now();
            }
            Err(error) => tracing::debug!(%error, job = id, "progress not written"),
        }
    }
}

/// The job's row once it has finished: the outcome (lists cut to their first [`SHOWN`] rows,
/// with full counts), or why it failed.
fn finished_row(
    id: i64,
    outcome: Result<Result<RosterPreview, RosterPreview>, AppError>,
    now: DateTime<Utc>,
) -> roster_import::ActiveModel {
    let mut row = roster_import::ActiveModel {
        id: Set(id),
        stage: Set(ImportStage::Finished.as_str().into()),
        updated_at: Set(now),
        finished_at: Set(Some(now)),
        ..Default::default()
    };
    match outcome {
        Ok(preview) => {
            let preview = preview.unwrap_or_else(|rejected| rejected);
            let stored = Stored {
                summary: preview.summary(),
                bad_lines: preview.errors.len() as i64,
                new_people: preview.new_people.len() as i64,
                changed_people: preview.changed_people.len() as i64,
                missing_people: preview.missing.len() as i64,
                preview: preview.cut(SHOWN),
            };
            match serde_json::to_string(&stored) {
                Ok(json) => {
                    row.status = Set(JobState::Finished.as_str().into());
                    row.outcome = Set(Some(json));
                }
                Err(error) => {
                    row.status = Set(JobState::Failed.as_str().into());
                    row.failure = Set(Some(format!(
                        "the import ran, but its outcome could not be recorded: {error}"
                    )));
                }
            }
        }
        Err(error) => {
            row.status = Set(JobState::Failed.as_str().into());
            row.failure = Set(Some(format!("{error}; nothing was written")));
        }
    }
    row
}

/// What a finished job keeps in its `outcome` column.
#[derive(serde::Serialize, serde::Deserialize)]
struct Stored {
    summary: String,
    bad_lines: i64,
    new_people: i64,
    changed_people: i64,
    missing_people: i64,
    preview: RosterPreview,
}

/// The job as its page shows it; a running job that stopped moving long ago is reported as
/// stopped (its server went away, and its transaction with it).
pub async fn get(
    db: &DatabaseConnection,
    id: i64,
    now: DateTime<Utc>,
) -> Result<ImportJob, AppError> {
    let row = roster_import::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("roster import {id}")))?;
    let stored: Option<Stored> = row
        .outcome
        .as_deref()
        .and_then(|json| serde_json::from_str(json).ok());
    let mut state = JobState::parse(&row.status).unwrap_or(JobState::Failed);
    let mut failure = row.failure;
    if state == JobState::Running
        && now - row.updated_at > chrono::Duration::minutes(STALE_AFTER_MINUTES)
    {
        state = JobState::Failed;
        failure = Some("the server stopped during the import; nothing was written".into());
    }
    Ok(ImportJob {
        id: row.id,
        dry_run: row.dry_run,
        state,
        stage: ImportStage::parse(&row.stage).unwrap_or(ImportStage::Reading),
        done: row.done,
        total: row.total,
        lines: row.lines,
        summary: stored.as_ref().map(|stored| stored.summary.clone()),
        bad_lines: stored.as_ref().map_or(0, |stored| stored.bad_lines),
        new_people: stored.as_ref().map_or(0, |stored| stored.new_people),
        changed_people: stored.as_ref().map_or(0, |stored| stored.changed_people),
        missing_people: stored.as_ref().map_or(0, |stored| stored.missing_people),
        preview: stored.map(|stored| stored.preview),
        failure,
    })
}
