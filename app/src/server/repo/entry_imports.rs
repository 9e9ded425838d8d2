//! The rows of background metric and decision imports (entry_imports): started, progressed,
//! finished, read back. Their stages are the roster import's.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::{
    domain::{
        jobs::{JobState, Progress},
        roster::ImportStage,
    },
    error::AppError,
    server::entities::entry_import,
};

/// An import's row, as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    pub id: i64,
    pub pilot_id: i64,
    pub kind: String,
    pub dry_run: bool,
    pub status: String,
    pub stage: String,
    pub done: i64,
    pub total: i64,
    pub lines: i64,
    pub outcome: Option<String>,
    pub failure: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// How a finished import's row ends: its state, and its outcome (JSON) or why it failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ending {
    pub state: JobState,
    pub outcome: Option<String>,
    pub failure: Option<String>,
}

/// Records a running import at its first stage; returns its id.
pub async fn insert_running(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    kind: &str,
    started_by: Option<i64>,
    dry_run: bool,
    lines: i64,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let row = entry_import::ActiveModel {
        pilot_id: Set(pilot_id),
        kind: Set(kind.to_string()),
        started_by: Set(started_by),
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
    Ok(row.id)
}

/// When the writing (not dry-run) import into this pilot still running and touched since
/// `since` started, if there is one.
pub async fn writing_since(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    since: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, AppError> {
    Ok(entry_import::Entity::find()
        .filter(entry_import::Column::PilotId.eq(pilot_id))
        .filter(entry_import::Column::DryRun.eq(false))
        .filter(entry_import::Column::Status.eq(JobState::Running.as_str()))
        .filter(entry_import::Column::UpdatedAt.gt(since))
        .one(db)
        .await?
        .map(|row| row.started_at))
}

/// Touches the row, with the newest progress when there is one.
pub async fn save_progress(
    db: &impl ConnectionTrait,
    id: i64,
    progress: Option<Progress<ImportStage>>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut row = entry_import::ActiveModel {
        id: Set(id),
        updated_at: Set(now),
        ..Default::default()
    };
    if let Some(progress) = progress {
        row.stage = Set(progress.stage.as_str().into());
        row.done = Set(progress.done);
        row.total = Set(progress.total);
    }
    row.update(db).await?;
    Ok(())
}

pub async fn save_ending(
    db: &impl ConnectionTrait,
    id: i64,
    ending: &Ending,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    entry_import::ActiveModel {
        id: Set(id),
        status: Set(ending.state.as_str().into()),
        stage: Set(ImportStage::Finished.as_str().into()),
        outcome: Set(ending.outcome.clone()),
        failure: Set(ending.failure.clone()),
        updated_at: Set(now),
        finished_at: Set(Some(now)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<ImportRow>, AppError> {
    Ok(entry_import::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|row| ImportRow {
            id: row.id,
            pilot_id: row.pilot_id,
            kind: row.kind,
            dry_run: row.dry_run,
            status: row.status,
            stage: row.stage,
            done: row.done,
            total: row.total,
            lines: row.lines,
            outcome: row.outcome,
            failure: row.failure,
            updated_at: row.updated_at,
        }))
}
