//! Decision process types: everyone who keeps a decision log reads them; HR defines new ones.

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use crate::{
    domain::{
        access::Action,
        audit::AuditAction,
        capture::decision::{parse_new_process_type, BUILT_IN_PROCESS_TYPES},
    },
    error::AppError,
    server::{
        repo::{
            self,
            audit::{Actor, Entry},
        },
        tx,
    },
    wire::process_types::{ProcessType, ProcessTypeInput},
};

/// The built-in types, then HR's by key.
pub async fn list(db: &DatabaseConnection, actor: Actor<'_>) -> Result<Vec<ProcessType>, AppError> {
    super::authorize(&actor, Action::ReadTeamRecords)?;
    let built_in = BUILT_IN_PROCESS_TYPES
        .iter()
        .map(|(key, label)| ProcessType {
            key: key.to_string(),
            label: label.to_string(),
            built_in: true,
        });
    let defined = repo::process_types::all(db)
        .await?
        .into_iter()
        .map(|(key, label)| ProcessType {
            key,
            label,
            built_in: false,
        });
    Ok(built_in.chain(defined).collect())
}

/// Defines a new type; returns its id. A key defined already answers 409.
pub async fn create(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    input: &ProcessTypeInput,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    super::authorize(&actor, Action::ChangeCapture)?;
    let (key, label) = parse_new_process_type(&input.key, &input.label)?;
    tx::write(db, async |tx| {
        let taken = repo::process_types::all(tx)
            .await?
            .iter()
            .any(|(existing, _)| *existing == key);
        if taken {
            return Err(AppError::Conflict(format!("a process type '{key}' exists")));
        }
        let id = repo::process_types::insert(tx, &key, &label, now).await?;
        let entry = Entry::new(actor, AuditAction::ProcessTypeCreated, "process_type")
            .object(id)
            .detail(format!("{key}: {label}"));
        repo::audit::record(tx, entry, now).await?;
        Ok(id)
    })
    .await
}
