//! Teams: the searched list, the choices for a pilot, create or change one, (de)activate.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use super::person_details::person_by_email;
use crate::{
    domain::{
        access::Action,
        audit::AuditAction,
        clamp_page,
        org::{parse_unit_name, TimeZoneName},
        search::SearchText,
    },
    error::AppError,
    server::{
        repo::{
            self,
            audit::{Actor, Entry},
            teams::{Team, TeamFields},
        },
        tx,
    },
    wire::teams::{TeamChoice, TeamInput, TeamPage},
};

/// Teams per page of the teams list.
pub const TEAMS_PER_PAGE: u64 = 50;

/// Teams whose name or department contains `query` (any case, 100 characters at most), by name, a page at a time, with
/// their active members and manager.
pub async fn search(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    query: &str,
    page: u64,
) -> Result<TeamPage, AppError> {
    super::authorize(&actor, Action::ReadOrganisation)?;
    let query = SearchText::parse(query)?;
    repo::teams::search(db, query.as_str(), clamp_page(page), TEAMS_PER_PAGE).await
}

/// Active teams by name, to add to a pilot.
pub async fn choices(
    db: &DatabaseConnection,
    actor: Actor<'_>,
) -> Result<Vec<TeamChoice>, AppError> {
    super::authorize(&actor, Action::ReadPeople)?;
    repo::teams::choices(db).await
}

/// Creates a team (`id` None) or changes one; a new department name creates the department.
pub async fn save(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    id: Option<i64>,
    input: &TeamInput,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    super::authorize(&actor, Action::ChangeOrganisation)?;
    let name = parse_unit_name("name", &input.name)?;
    let department = parse_unit_name("department", &input.department)?;
    let time_zone = TimeZoneName::parse(&input.time_zone)?;
    tx::write(db, async |tx| {
        let manager_id = person_by_email(tx, "manager_email", &input.manager_email).await?;
        let department_id = department_id(tx, &department, now).await?;
        let taken = repo::teams::find_by_name(tx, &name)
            .await?
            .is_some_and(|other| Some(other.id) != id);
        if taken {
            return Err(AppError::Conflict(format!("a team named '{name}' exists")));
        }
        let fields = TeamFields {
            name: &name,
            department_id,
            manager_id,
            time_zone: time_zone.as_str(),
        };
        let id = match id {
            Some(id) => {
                find(tx, id).await?;
                repo::teams::update(tx, id, &fields, now).await?;
                id
            }
            None => repo::teams::insert(tx, &fields, now).await?,
        };
        let entry = Entry::new(actor, AuditAction::TeamSaved, "team")
            .object(id)
            .detail(format!("{name} in {department}"));
        repo::audit::record(tx, entry, now).await?;
        Ok(id)
    })
    .await
}

/// The department of that name, created when new; an inactive one must be reactivated first.
async fn department_id(
    db: &impl ConnectionTrait,
    name: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    match repo::departments::find_by_name(db, name).await? {
        Some(existing) if !existing.active => Err(AppError::validation(
            "department",
            format!("the department '{name}' is inactive; reactivate it first"),
        )),
        Some(existing) => Ok(existing.id),
        None => repo::departments::insert(db, name, now).await,
    }
}

/// Deactivating refuses while the team has members or takes part in a pilot; reactivating,
/// while its department is inactive.
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
        if active {
            refuse_in_inactive_department(tx, &existing).await?;
        } else {
            refuse_while_in_use(tx, &existing).await?;
        }
        repo::teams::set_active(tx, id, active, now).await?;
        let action = if active {
            AuditAction::TeamReactivated
        } else {
            AuditAction::TeamDeactivated
        };
        let entry = Entry::new(actor, action, "team")
            .object(id)
            .detail(existing.name);
        repo::audit::record(tx, entry, now).await
    })
    .await
}

async fn refuse_while_in_use(db: &impl ConnectionTrait, team: &Team) -> Result<(), AppError> {
    let members = repo::memberships::open_count(db, team.id).await?;
    if members > 0 {
        return Err(AppError::Conflict(format!(
            "{} still has {members} members; move them to other teams first",
            team.name
        )));
    }
    if repo::teams::pilot_count(db, team.id).await? > 0 {
        return Err(AppError::Conflict(format!(
            "{} takes part in a pilot; its records must stay",
            team.name
        )));
    }
    Ok(())
}

async fn refuse_in_inactive_department(
    db: &impl ConnectionTrait,
    team: &Team,
) -> Result<(), AppError> {
    match repo::departments::find(db, team.department_id).await? {
        Some(department) if !department.active => Err(AppError::Conflict(format!(
            "{} belongs to the inactive department '{}'; reactivate the department first",
            team.name, department.name
        ))),
        _ => Ok(()),
    }
}

async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Team, AppError> {
    repo::teams::find(db, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("team {id}")))
}
