//! Roster imports as background jobs: started by one request, run by the job runner, polled by
//! the page or the API. The job's row holds its progress and outcome, so any instance can
//! answer a poll; the instance that received the file runs it.

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use super::roster;
use crate::{
    domain::{
        jobs::{is_stale, stale_before, JobState, Progress},
        roster::{ImportStage, RosterOptions, RosterPreview},
    },
    error::AppError,
    server::{
        auth::caller::Caller,
        jobs::{self, JobKind},
        repo::{
            self,
            audit::Actor,
            roster_imports::{Ending, ImportRow},
        },
    },
    wire::roster::{ImportJob, SHOWN},
};

/// Records the job and starts it in the background; returns its id at once. A dry run needs
/// to read people, a real import to change the organisation; one writing import at a time.
pub async fn start(
    db: &DatabaseConnection,
    caller: &Caller,
    csv: String,
    dry_run: bool,
    options: RosterOptions,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    super::authorize(&Actor::Caller(caller), roster::action(dry_run))?;
    if !dry_run {
        refuse_while_another_import_writes(db, now).await?;
    }
    let lines = csv.lines().count() as i64;
    let id =
        repo::roster_imports::insert_running(db, caller.person_id, dry_run, lines, now).await?;
    let (caller, job_db) = (caller.clone(), db.clone());
    jobs::spawn::<RosterImport, _, _>(db.clone(), id, move |reporter| async move {
        let db = job_db;
        let report = |progress| reporter.report(progress);
        let actor = Actor::Caller(&caller);
        let outcome = if dry_run {
            roster::preview_with(&db, &csv, options, actor, &report)
                .await
                .map(Ok)
        } else {
            roster::import_with(&db, &csv, options, actor, Utc::now(), &report).await
        };
        ending(outcome)
    });
    Ok(id)
}

/// One writing import at a time: a second would wait on (or conflict with) the first one's
/// transaction, and its preview would describe a roster about to change. Dry runs may overlap.
async fn refuse_while_another_import_writes(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    match repo::roster_imports::writing_since(db, stale_before(now)).await? {
        Some(started_at) => Err(AppError::Conflict(format!(
            "another roster import (started {}) is still being written; try again when it has finished",
            started_at.format("%H:%M UTC")
        ))),
        None => Ok(()),
    }
}

struct RosterImport;

impl JobKind for RosterImport {
    type Stage = ImportStage;
    type Ending = Ending;

    async fn save_progress(
        db: &DatabaseConnection,
        id: i64,
        progress: Option<Progress<ImportStage>>,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        repo::roster_imports::save_progress(db, id, progress, now).await
    }

    async fn save_ending(
        db: &DatabaseConnection,
        id: i64,
        ending: &Ending,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        repo::roster_imports::save_ending(db, id, ending, now).await
    }
}

/// What a finished job keeps in its `outcome` column.
#[derive(serde::Serialize, serde::Deserialize)]
struct Stored {
    summary: String,
    bad_lines: i64,
    #[serde(default)]
    noted_lines: i64,
    new_people: i64,
    changed_people: i64,
    missing_people: i64,
    preview: RosterPreview,
}

/// The job's ending: the outcome (lists cut to their first [`SHOWN`] rows, with full counts),
/// or why it failed.
fn ending(outcome: Result<Result<RosterPreview, RosterPreview>, AppError>) -> Ending {
    let failed = |failure: String| Ending {
        state: JobState::Failed,
        outcome: None,
        failure: Some(failure),
    };
    let preview = match outcome {
        Ok(preview) => preview.unwrap_or_else(|rejected| rejected),
        Err(error) => return failed(format!("{error}; nothing was written")),
    };
    let stored = Stored {
        summary: preview.summary(),
        bad_lines: preview.errors.len() as i64,
        noted_lines: preview.notes.len() as i64,
        new_people: preview.new_people.len() as i64,
        changed_people: preview.changed_people.len() as i64,
        missing_people: preview.missing.len() as i64,
        preview: preview.cut(SHOWN),
    };
    match serde_json::to_string(&stored) {
        Ok(json) => Ending {
            state: JobState::Finished,
            outcome: Some(json),
            failure: None,
        },
        Err(error) => failed(format!(
            "the import ran, but its outcome could not be recorded: {error}"
        )),
    }
}

/// The job as its page shows it; a running job that stopped moving long ago is reported as
/// stopped (its server went away, and its transaction with it).
pub async fn get(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    id: i64,
    now: DateTime<Utc>,
) -> Result<ImportJob, AppError> {
    super::authorize(&actor, roster::action(true))?;
    let row = repo::roster_imports::find(db, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("roster import {id}")))?;
    Ok(job(row, now))
}

fn job(row: ImportRow, now: DateTime<Utc>) -> ImportJob {
    let stored: Option<Stored> = row
        .outcome
        .as_deref()
        .and_then(|json| serde_json::from_str(json).ok());
    let mut state = JobState::parse(&row.status).unwrap_or(JobState::Failed);
    let mut failure = row.failure;
    if is_stale(state, row.updated_at, now) {
        state = JobState::Failed;
        failure = Some("the server stopped during the import; nothing was written".into());
    }
    ImportJob {
        id: row.id,
        dry_run: row.dry_run,
        state,
        stage: ImportStage::parse(&row.stage).unwrap_or(ImportStage::Reading),
        done: row.done,
        total: row.total,
        lines: row.lines,
        summary: stored.as_ref().map(|stored| stored.summary.clone()),
        bad_lines: stored.as_ref().map_or(0, |stored| stored.bad_lines),
        noted_lines: stored.as_ref().map_or(0, |stored| stored.noted_lines),
        new_people: stored.as_ref().map_or(0, |stored| stored.new_people),
        changed_people: stored.as_ref().map_or(0, |stored| stored.changed_people),
        missing_people: stored.as_ref().map_or(0, |stored| stored.missing_people),
        preview: stored.map(|stored| stored.preview),
        failure,
    }
}
