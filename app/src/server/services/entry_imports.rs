//! Metric and decision imports as background jobs: started by one request (so a file of a
//! million lines never meets a request timeout), run by the job runner, polled by the page or
//! the API. The job's row holds its progress and outcome, so any instance can answer a poll.

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use super::entry_import::{self, ACTION};
use crate::{
    domain::{
        access::Action,
        capture::import::{ImportKind, ImportPreview},
        jobs::{is_stale, stale_before, JobState, Progress},
        roster::ImportStage,
    },
    error::AppError,
    server::{
        auth::caller::Caller,
        jobs::{self, JobKind},
        repo::{
            self,
            audit::Actor,
            entry_imports::{Ending, ImportRow},
        },
    },
    wire::entry_imports::EntryImportJob,
};

/// Records the job and starts it in the background; returns its id at once. One writing import
/// per pilot at a time; dry runs may overlap.
pub async fn start(
    db: &DatabaseConnection,
    caller: &Caller,
    pilot_id: i64,
    kind: ImportKind,
    csv: String,
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    super::authorize(&Actor::Caller(caller), ACTION)?;
    repo::pilots::get(db, pilot_id).await?;
    if !dry_run {
        if let Some(started_at) =
            repo::entry_imports::writing_since(db, pilot_id, stale_before(now)).await?
        {
            return Err(AppError::Conflict(format!(
                "another import into this pilot (started {}) is still being written; try again when it has finished",
                started_at.format("%H:%M UTC")
            )));
        }
    }
    let lines = csv.lines().count() as i64;
    let id = repo::entry_imports::insert_running(
        db,
        pilot_id,
        kind.as_str(),
        Some(caller.person_id),
        dry_run,
        lines,
        now,
    )
    .await?;
    let (caller, job_db) = (caller.clone(), db.clone());
    jobs::spawn::<EntryImport, _, _>(db.clone(), id, move |reporter| async move {
        let report = |progress| reporter.report(progress);
        let actor = Actor::Caller(&caller);
        let outcome = entry_import::run(
            &job_db,
            kind,
            pilot_id,
            &csv,
            dry_run,
            actor,
            Utc::now(),
            &report,
        )
        .await;
        ending(kind, outcome)
    });
    Ok(id)
}

struct EntryImport;

impl JobKind for EntryImport {
    type Stage = ImportStage;
    type Ending = Ending;

    async fn save_progress(
        db: &DatabaseConnection,
        id: i64,
        progress: Option<Progress<ImportStage>>,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        repo::entry_imports::save_progress(db, id, progress, now).await
    }

    async fn save_ending(
        db: &DatabaseConnection,
        id: i64,
        ending: &Ending,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        repo::entry_imports::save_ending(db, id, ending, now).await
    }
}

/// What a finished job keeps in its `outcome` column.
#[derive(serde::Serialize, serde::Deserialize)]
struct Stored {
    summary: String,
    preview: ImportPreview,
}

fn ending(kind: ImportKind, outcome: Result<ImportPreview, AppError>) -> Ending {
    let failed = |failure: String| Ending {
        state: JobState::Failed,
        outcome: None,
        failure: Some(failure),
    };
    let preview = match outcome {
        Ok(preview) => preview,
        Err(error) => return failed(format!("{error}; nothing was written")),
    };
    let stored = Stored {
        summary: preview.summary(kind),
        preview,
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

/// The job as its page shows it; a job of another pilot is not found under this one. A running
/// job that stopped moving long ago is reported as stopped (its transaction went with it).
/// Reading one is reading people (its bad lines name them): admins, a read token included.
pub async fn get(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    pilot_id: i64,
    id: i64,
    now: DateTime<Utc>,
) -> Result<EntryImportJob, AppError> {
    super::authorize(&actor, Action::ReadPeople)?;
    let row = repo::entry_imports::find(db, id)
        .await?
        .filter(|row| row.pilot_id == pilot_id)
        .ok_or_else(|| AppError::NotFound(format!("import {id} of pilot {pilot_id}")))?;
    Ok(job(row, now))
}

fn job(row: ImportRow, now: DateTime<Utc>) -> EntryImportJob {
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
    EntryImportJob {
        id: row.id,
        pilot_id: row.pilot_id,
        kind: ImportKind::parse(&row.kind).unwrap_or(ImportKind::Entries),
        dry_run: row.dry_run,
        state,
        stage: ImportStage::parse(&row.stage).unwrap_or(ImportStage::Reading),
        done: row.done,
        total: row.total,
        lines: row.lines,
        summary: stored.as_ref().map(|stored| stored.summary.clone()),
        preview: stored.map(|stored| stored.preview),
        failure,
    }
}
