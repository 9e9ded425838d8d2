//! Editing the organisation one record at a time: teams (with their department) and people.
//! Nothing is deleted: teams and people are deactivated, so no history is orphaned.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

use super::{
    entities::{department, person, pilot_team, team, team_membership},
    repo::{
        self,
        audit::{Actor, Entry},
    },
};
use crate::{
    domain::{
        account::{DisplayName, Email},
        audit::AuditAction,
        org::{
            parse_unit_name, DepartmentSummary, PersonInput, TeamInput, TeamPage, TeamSummary,
            TimeZoneName, WorkingPattern,
        },
    },
    error::AppError,
};

async fn person_by_email(
    db: &impl ConnectionTrait,
    field: &'static str,
    email: &str,
) -> Result<Option<i64>, AppError> {
    if email.trim().is_empty() {
        return Ok(None);
    }
    let email = Email::parse(email).map_err(|error| AppError::validation(field, error.message))?;
    let row = repo::people::find_row_by_email(db, &email)
        .await?
        .ok_or_else(|| {
            AppError::validation(field, format!("nobody has the email {}", email.as_str()))
        })?;
    Ok(Some(row.id))
}

async fn department_id(
    db: &impl ConnectionTrait,
    name: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    if let Some(existing) = department::Entity::find()
        .filter(department::Column::Name.eq(name))
        .one(db)
        .await?
    {
        if !existing.active {
            return Err(AppError::validation(
                "department",
                format!("the department '{name}' is inactive; reactivate it first"),
            ));
        }
        return Ok(existing.id);
    }
    let created = department::ActiveModel {
        name: Set(name.to_string()),
        active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(created.id)
}

/// Teams per page of the teams list.
pub const TEAMS_PER_PAGE: u64 = 50;

/// Teams whose name or department contains `query` (any case), by name, a page at a time, with
/// their active members and manager.
pub async fn search_teams(
    db: &impl ConnectionTrait,
    query: &str,
    page: u64,
) -> Result<TeamPage, AppError> {
    use sea_orm::{Condition, QuerySelect};
    let page = crate::domain::clamp_page(page);
    let departments: HashMap<i64, String> = department::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row.name))
        .collect();
    let mut find = team::Entity::find();
    let query = query.trim().to_lowercase();
    if !query.is_empty() {
        let in_department: Vec<i64> = departments
            .iter()
            .filter(|(_, name)| name.to_lowercase().contains(&query))
            .map(|(id, _)| *id)
            .collect();
        find = find.filter(
            Condition::any()
                .add(repo::contains_any_case(
                    db.get_database_backend(),
                    team::Column::Name,
                    &query,
                ))
                .add(team::Column::DepartmentId.is_in(in_department)),
        );
    }
    let total = find.clone().count(db).await?;
    let rows = find
        .order_by_asc(team::Column::Name)
        .offset(page * TEAMS_PER_PAGE)
        .limit(TEAMS_PER_PAGE)
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let memberships = team_membership::Entity::find()
        .filter(team_membership::Column::TeamId.is_in(ids))
        .filter(team_membership::Column::LeftAt.is_null())
        .all(db)
        .await?;
    let active: std::collections::HashSet<i64> = person::Entity::find()
        .filter(person::Column::Id.is_in(memberships.iter().map(|m| m.person_id)))
        .filter(person::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.id)
        .collect();
    let mut members: HashMap<i64, i64> = HashMap::new();
    for membership in memberships.iter().filter(|m| active.contains(&m.person_id)) {
        *members.entry(membership.team_id).or_default() += 1;
    }
    let managers: HashMap<i64, String> = person::Entity::find()
        .filter(person::Column::Id.is_in(rows.iter().filter_map(|row| row.manager_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row.email))
        .collect();
    Ok(TeamPage {
        teams: rows
            .into_iter()
            .map(|row| TeamSummary {
                id: row.id,
                department: departments
                    .get(&row.department_id)
                    .cloned()
                    .unwrap_or_default(),
                manager: row.manager_id.and_then(|id| managers.get(&id).cloned()),
                time_zone: row.time_zone,
                members: members.get(&row.id).copied().unwrap_or(0),
                active: row.active,
                name: row.name,
            })
            .collect(),
        total,
        page,
        per_page: TEAMS_PER_PAGE,
    })
}

/// Every department, by name, with its active teams and the active people in them.
pub async fn departments(db: &impl ConnectionTrait) -> Result<Vec<DepartmentSummary>, AppError> {
    let teams = super::roster::teams(db).await?;
    let rows = department::Entity::find()
        .order_by_asc(department::Column::Name)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let active_teams = teams
                .iter()
                .filter(|team| team.active && team.department == row.name);
            DepartmentSummary {
                id: row.id,
                teams: active_teams.clone().count() as i64,
                members: active_teams.map(|team| team.members).sum(),
                active: row.active,
                name: row.name,
            }
        })
        .collect())
}

/// Creates a department (`id` None) or renames one.
pub async fn save_department(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    id: Option<i64>,
    name: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    super::tx::write(db, async |tx| {
        save_department_in(tx, actor, id, name, now).await
    })
    .await
}

async fn save_department_in(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    id: Option<i64>,
    name: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let name = parse_unit_name("name", name)?;
    let duplicate = department::Entity::find()
        .filter(department::Column::Name.eq(&name))
        .one(db)
        .await?
        .is_some_and(|other| Some(other.id) != id);
    if duplicate {
        return Err(AppError::Conflict(format!(
            "a department named '{name}' exists"
        )));
    }
    let (saved, detail) = match id {
        Some(id) => {
            let existing = find_department(db, id).await?;
            let detail = format!("{} → {name}", existing.name);
            let mut row: department::ActiveModel = existing.into();
            row.name = Set(name);
            (row.update(db).await?, detail)
        }
        None => {
            let row = department::ActiveModel {
                name: Set(name.clone()),
                active: Set(true),
                created_at: Set(now),
                ..Default::default()
            };
            (row.insert(db).await?, name)
        }
    };
    let entry = Entry::new(actor, AuditAction::DepartmentSaved, "department")
        .object(saved.id)
        .detail(detail);
    repo::audit::record(db, entry, now).await?;
    Ok(saved.id)
}

async fn find_department(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<department::Model, AppError> {
    department::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("department {id}")))
}

/// Deactivating refuses while the department has active teams.
pub async fn set_department_active(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    id: i64,
    active: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let transaction = db.begin().await?;
    set_department_active_in(&transaction, actor, id, active, now).await?;
    Ok(transaction.commit().await?)
}

async fn set_department_active_in(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    id: i64,
    active: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let existing = find_department(db, id).await?;
    if !active {
        let teams = team::Entity::find()
            .filter(team::Column::DepartmentId.eq(id))
            .filter(team::Column::Active.eq(true))
            .count(db)
            .await?;
        if teams > 0 {
            return Err(AppError::Conflict(format!(
                "{} still has {teams} active teams; move or deactivate them first",
                existing.name
            )));
        }
    }
    let name = existing.name.clone();
    let mut row: department::ActiveModel = existing.into();
    row.active = Set(active);
    row.update(db).await?;
    let action = if active {
        AuditAction::DepartmentReactivated
    } else {
        AuditAction::DepartmentDeactivated
    };
    let entry = Entry::new(actor, action, "department")
        .object(id)
        .detail(name);
    repo::audit::record(db, entry, now).await
}

/// Creates a team (`id` None) or changes one; a new department name creates the department.
pub async fn save_team(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    id: Option<i64>,
    input: &TeamInput,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let transaction = db.begin().await?;
    let done = save_team_in(&transaction, actor, id, input, now).await?;
    transaction.commit().await?;
    Ok(done)
}

async fn save_team_in(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    id: Option<i64>,
    input: &TeamInput,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let name = parse_unit_name("name", &input.name)?;
    let department = parse_unit_name("department", &input.department)?;
    let time_zone = TimeZoneName::parse(&input.time_zone)?;
    let manager_id = person_by_email(db, "manager_email", &input.manager_email).await?;
    let department_id = department_id(db, &department, now).await?;
    let duplicate = team::Entity::find()
        .filter(team::Column::Name.eq(&name))
        .one(db)
        .await?
        .is_some_and(|other| Some(other.id) != id);
    if duplicate {
        return Err(AppError::Conflict(format!("a team named '{name}' exists")));
    }
    let saved = match id {
        Some(id) => {
            let existing = team::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| AppError::NotFound(format!("team {id}")))?;
            let mut row: team::ActiveModel = existing.into();
            row.name = Set(name.clone());
            row.department_id = Set(department_id);
            row.manager_id = Set(manager_id);
            row.time_zone = Set(time_zone.as_str().to_string());
            row.updated_at = Set(now);
            row.update(db).await?
        }
        None => {
            team::ActiveModel {
                name: Set(name.clone()),
                department_id: Set(department_id),
                manager_id: Set(manager_id),
                time_zone: Set(time_zone.as_str().to_string()),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?
        }
    };
    let entry = Entry::new(actor, AuditAction::TeamSaved, "team")
        .object(saved.id)
        .detail(format!("{name} in {department}"));
    repo::audit::record(db, entry, now).await?;
    Ok(saved.id)
}

/// Deactivating refuses while the team has members or takes part in a pilot.
pub async fn set_team_active(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    id: i64,
    active: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let transaction = db.begin().await?;
    set_team_active_in(&transaction, actor, id, active, now).await?;
    Ok(transaction.commit().await?)
}

async fn set_team_active_in(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    id: i64,
    active: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let existing = team::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("team {id}")))?;
    if !active {
        let members = team_membership::Entity::find()
            .filter(team_membership::Column::TeamId.eq(id))
            .filter(team_membership::Column::LeftAt.is_null())
            .count(db)
            .await?;
        if members > 0 {
            return Err(AppError::Conflict(format!(
                "{} still has {members} members; move them to other teams first",
                existing.name
            )));
        }
        let pilots = pilot_team::Entity::find()
            .filter(pilot_team::Column::TeamId.eq(id))
            .count(db)
            .await?;
        if pilots > 0 {
            return Err(AppError::Conflict(format!(
                "{} takes part in a pilot; its records must stay",
                existing.name
            )));
        }
    } else if let Some(department) = department::Entity::find_by_id(existing.department_id)
        .one(db)
        .await?
        .filter(|department| !department.active)
    {
        return Err(AppError::Conflict(format!(
            "{} belongs to the inactive department '{}'; reactivate the department first",
            existing.name, department.name
        )));
    }
    let name = existing.name.clone();
    let mut row: team::ActiveModel = existing.into();
    row.active = Set(active);
    row.updated_at = Set(now);
    row.update(db).await?;
    let action = if active {
        AuditAction::TeamReactivated
    } else {
        AuditAction::TeamDeactivated
    };
    let entry = Entry::new(actor, action, "team").object(id).detail(name);
    repo::audit::record(db, entry, now).await
}

/// Changes a person's details; a team change closes the old membership and opens a new one.
pub async fn edit_person(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    id: i64,
    input: &PersonInput,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let transaction = db.begin().await?;
    edit_person_in(&transaction, actor, id, input, now).await?;
    Ok(transaction.commit().await?)
}

async fn edit_person_in(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    id: i64,
    input: &PersonInput,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let existing = repo::people::find_row(db, id).await?;
    let name = DisplayName::parse(&input.name)?;
    let time_zone = TimeZoneName::parse(&input.time_zone)?;
    let pattern = WorkingPattern::parse(&input.working_pattern)?;
    let manager_id = person_by_email(db, "manager_email", &input.manager_email).await?;
    if manager_id == Some(id) {
        return Err(AppError::validation(
            "manager_email",
            "a person cannot be their own manager",
        ));
    }
    let team_id = match input.team.trim() {
        "" => None,
        team_name => Some(
            team::Entity::find()
                .filter(team::Column::Name.eq(team_name))
                .filter(team::Column::Active.eq(true))
                .one(db)
                .await?
                .ok_or_else(|| {
                    AppError::validation("team", format!("there is no active team '{team_name}'"))
                })?
                .id,
        ),
    };
    let current_team = team_membership::Entity::find()
        .filter(team_membership::Column::PersonId.eq(id))
        .filter(team_membership::Column::LeftAt.is_null())
        .one(db)
        .await?
        .map(|membership| membership.team_id);
    let email = existing.email.clone();
    let mut row: person::ActiveModel = existing.into();
    row.display_name = Set(name.as_str().to_string());
    row.time_zone = Set(time_zone.as_str().to_string());
    row.working_pattern = Set(pattern.as_str().to_string());
    row.manager_id = Set(manager_id);
    row.updated_at = Set(now);
    row.update(db).await?;
    if current_team != team_id {
        repo::memberships::move_to(db, id, team_id, now).await?;
    }
    let entry = Entry::new(actor, AuditAction::PersonEdited, "person")
        .object(id)
        .detail(email);
    repo::audit::record(db, entry, now).await
}
