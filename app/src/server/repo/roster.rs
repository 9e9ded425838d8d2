//! The roster's reads and writes: the whole organisation as an import compares against it, and
//! the batched writes that apply an import.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
};

use super::memberships;
use crate::{
    domain::roster::{
        diff::{Current, Organisation},
        RosterRow,
    },
    error::AppError,
    server::entities::{department, person, team},
};

/// Everyone, every team and department, keyed by the names a roster uses. An import compares
/// every line with it, so it is read whole: five queries, none per person.
pub async fn organisation(db: &impl ConnectionTrait) -> Result<Organisation, AppError> {
    let department_rows = department::Entity::find().all(db).await?;
    let inactive_departments = department_rows
        .iter()
        .filter(|row| !row.active)
        .map(|row| row.name.clone())
        .collect();
    let departments: HashMap<i64, String> = department_rows
        .into_iter()
        .map(|row| (row.id, row.name))
        .collect();
    let teams: HashMap<i64, (String, i64)> = team::Entity::find()
        .select_only()
        .column(team::Column::Id)
        .column(team::Column::Name)
        .column(team::Column::DepartmentId)
        .into_tuple::<(i64, String, i64)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, name, department_id)| (id, (name, department_id)))
        .collect();
    let current_team = memberships::current_teams(db).await?;
    let rows = person::Entity::find().all(db).await?;
    let email_of: HashMap<i64, String> =
        rows.iter().map(|row| (row.id, row.email.clone())).collect();
    let people = rows
        .into_iter()
        .map(|row| {
            let team = current_team.get(&row.id).and_then(|id| teams.get(id));
            let current = Current {
                id: row.id,
                name: row.display_name,
                team: team.map(|(name, _)| name.clone()),
                department: team.and_then(|(_, department)| departments.get(department).cloned()),
                manager_email: row.manager_id.and_then(|id| email_of.get(&id).cloned()),
                role: row.role,
                time_zone: row.time_zone,
                working_pattern: row.working_pattern,
                active: row.active,
            };
            (row.email, current)
        })
        .collect();
    Ok(Organisation {
        people,
        teams: teams
            .into_iter()
            .map(|(id, (name, department_id))| (name, (id, department_id)))
            .collect(),
        departments: departments
            .into_iter()
            .map(|(id, name)| (name, id))
            .collect(),
        inactive_departments,
    })
}

/// Creates a team for the roster (no manager yet: the import sets it last); returns its id.
pub async fn insert_team(
    db: &impl ConnectionTrait,
    name: &str,
    department_id: i64,
    time_zone: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let fields = super::teams::TeamFields {
        name,
        department_id,
        manager_id: None,
        time_zone,
    };
    super::teams::insert(db, &fields, now).await
}

/// Sets what the roster says about an existing person (their manager apart) and makes them
/// active.
pub async fn update_person(
    db: &impl ConnectionTrait,
    id: i64,
    row: &RosterRow,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    person::ActiveModel {
        id: Set(id),
        display_name: Set(row.name.as_str().to_string()),
        role: Set(row.role.as_str().to_string()),
        active: Set(true),
        time_zone: Set(row.time_zone.as_str().to_string()),
        working_pattern: Set(row.working_pattern.as_str().to_string()),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

pub async fn set_manager(
    db: &impl ConnectionTrait,
    person_id: i64,
    manager_id: Option<i64>,
) -> Result<(), AppError> {
    person::ActiveModel {
        id: Set(person_id),
        manager_id: Set(manager_id),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Inserts new people, each with their manager (when known) and team, in one INSERT of people
/// and one of memberships; returns their ids by email. `rows` pairs each line with its
/// manager's id and team's id; keep it well under the backends' limit on bound parameters.
pub async fn insert_people(
    db: &impl ConnectionTrait,
    rows: &[(&RosterRow, Option<i64>, i64)],
    now: DateTime<Utc>,
) -> Result<HashMap<String, i64>, AppError> {
    let models = rows.iter().map(|(row, manager_id, _)| person::ActiveModel {
        email: Set(row.email.as_str().to_string()),
        display_name: Set(row.name.as_str().to_string()),
        role: Set(row.role.as_str().to_string()),
        active: Set(true),
        password_hash: Set(None),
        manager_id: Set(*manager_id),
        time_zone: Set(row.time_zone.as_str().to_string()),
        working_pattern: Set(row.working_pattern.as_str().to_string()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    });
    person::Entity::insert_many(models).exec(db).await?;
    let emails: Vec<&str> = rows.iter().map(|(row, ..)| row.email.as_str()).collect();
    let ids: HashMap<String, i64> = person::Entity::find()
        .select_only()
        .column(person::Column::Email)
        .column(person::Column::Id)
        .filter(person::Column::Email.is_in(emails))
        .into_tuple::<(String, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let members = rows
        .iter()
        .map(|(row, _, team_id)| (ids[row.email.as_str()], *team_id));
    memberships::insert_many(db, members, now).await?;
    Ok(ids)
}
