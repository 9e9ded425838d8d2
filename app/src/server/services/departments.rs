//! Departments: list them with their counts, create, rename, (de)activate. Nothing is deleted.

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use crate::{
    domain::{access::Action, audit::AuditAction, org::parse_unit_name},
    error::AppError,
    server::{
        repo::{
            self,
            audit::{Actor, Entry},
            departments::Department,
        },
        tx,
    },
    wire::departments::DepartmentSummary,
};

/// Every department by name, with its active teams and the active people in them.
pub async fn list(
    db: &DatabaseConnection,
    actor: Actor<'_>,
) -> Result<Vec<DepartmentSummary>, AppError> {
    super::authorize(&actor, Action::ReadOrganisation)?;
    repo::departments::summaries(db).await
}

/// Creates a department (`id` None) or renames one; returns its id.
pub async fn save(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    id: Option<i64>,
    name: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    super::authorize(&actor, Action::ChangeOrganisation)?;
    let name = parse_unit_name("name", name)?;
    tx::write(db, async |tx| {
        let taken = repo::departments::find_by_name(tx, &name)
            .await?
            .is_some_and(|other| Some(other.id) != id);
        if taken {
            return Err(AppError::Conflict(format!(
                "a department named '{name}' exists"
            )));
        }
        let (id, detail) = match id {
            Some(id) => {
                let existing = find(tx, id).await?;
                repo::departments::rename(tx, id, &name).await?;
                (id, format!("{} → {name}", existing.name))
            }
            None => (repo::departments::insert(tx, &name, now).await?, name),
        };
        let entry = Entry::new(actor, AuditAction::DepartmentSaved, "department")
            .object(id)
            .detail(detail);
        repo::audit::record(tx, entry, now).await?;
        Ok(id)
    })
    .await
}

/// Deactivating refuses while the department has active teams.
pub async fn set_active(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    id: i64,
    active: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    super::authorize(&actor, Action::ChangeOrganisation)?;
    tx::write(db, async |tx| {
        let existing = find(tx, id).await?;
        if !active {
            let teams = repo::departments::active_teams(tx, id).await?;
            if teams > 0 {
                return Err(AppError::Conflict(format!(
                    "{} still has {teams} active teams; move or deactivate them first",
                    existing.name
                )));
            }
        }
        repo::departments::set_active(tx, id, active).await?;
        let action = if active {
            AuditAction::DepartmentReactivated
        } else {
            AuditAction::DepartmentDeactivated
        };
        let entry = Entry::new(actor, action, "department")
            .object(id)
            .detail(existing.name);
        repo::audit::record(tx, entry, now).await
    })
    .await
}

async fn find(db: &impl sea_orm::ConnectionTrait, id: i64) -> Result<Department, AppError> {
    repo::departments::find(db, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("department {id}")))
}
