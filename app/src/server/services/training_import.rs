//! The training CSV import: checked against the organisation and the catalogue, every bad line
//! reported with its number, and written in one transaction only when every line is good.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use super::{authorize, signed_in};
use crate::{
    domain::{
        access::Action,
        audit::AuditAction,
        champions::training_csv::{self, KnownPerson},
    },
    error::AppError,
    server::{
        repo::{
            self,
            audit::{Actor, Entry},
        },
        tx,
    },
    wire::training::TrainingImportResult,
};

/// Checks a training CSV and, when every line is good and this is no dry run, writes it all in
/// one transaction with one audit entry.
pub async fn import(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    csv: &str,
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<TrainingImportResult, AppError> {
    authorize(&actor, Action::ChangeChampions)?;
    let managers: BTreeSet<i64> = repo::training::managers(db)
        .await?
        .into_iter()
        .map(|(id, ..)| id)
        .collect();
    let people: HashMap<String, KnownPerson> = repo::people::list(db)
        .await?
        .into_iter()
        .map(|person| {
            let known = KnownPerson {
                id: person.id,
                manager: managers.contains(&person.id),
            };
            (person.email.to_lowercase(), known)
        })
        .collect();
    let modules: BTreeSet<String> = repo::training::modules(db)
        .await?
        .into_iter()
        .map(|module| module.key)
        .collect();
    let rows = match training_csv::parse(csv, &people, &modules, now.date_naive()) {
        Ok(rows) => rows,
        Err(errors) => {
            return Ok(TrainingImportResult {
                rows: 0,
                errors,
                written: false,
            })
        }
    };
    let count = rows.len() as i64;
    if !dry_run {
        let recorded_by = signed_in(&actor).ok().map(|caller| caller.person_id);
        tx::write(db, async |tx| {
            for row in &rows {
                repo::training::set_record(
                    tx,
                    row.person_id,
                    &row.module,
                    row.progress,
                    recorded_by,
                    now,
                )
                .await?;
            }
            let entry = Entry::new(actor, AuditAction::TrainingImported, "training")
                .detail(format!("{count} statuses"));
            repo::audit::record(tx, entry, now).await
        })
        .await?;
    }
    Ok(TrainingImportResult {
        rows: count,
        errors: Vec::new(),
        written: !dry_run,
    })
}
