//! Teams: reads by id and name, the searched and paged list (IN and GROUP BY queries for one
//! page's departments, managers and members), the choices for a pilot, and writes.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select, Set,
};

use super::{contains_any_case, memberships};
use crate::{
    error::AppError,
    server::entities::{department, person, pilot_team, team},
    wire::teams::{TeamChoice, TeamPage, TeamSummary},
};

/// A team row as the services need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    pub id: i64,
    pub name: String,
    pub department_id: i64,
    pub active: bool,
}

impl From<team::Model> for Team {
    fn from(row: team::Model) -> Self {
        Self {
            id: row.id,
            name: row.name,
            department_id: row.department_id,
            active: row.active,
        }
    }
}

/// What a team form sets, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamFields<'a> {
    pub name: &'a str,
    pub department_id: i64,
    pub manager_id: Option<i64>,
    pub time_zone: &'a str,
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<Team>, AppError> {
    Ok(team::Entity::find_by_id(id).one(db).await?.map(Into::into))
}

pub async fn find_by_name(db: &impl ConnectionTrait, name: &str) -> Result<Option<Team>, AppError> {
    Ok(team::Entity::find()
        .filter(team::Column::Name.eq(name))
        .one(db)
        .await?
        .map(Into::into))
}

/// Creates an active team; returns its id.
pub async fn insert(
    db: &impl ConnectionTrait,
    fields: &TeamFields<'_>,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let row = team::ActiveModel {
        name: Set(fields.name.to_string()),
        department_id: Set(fields.department_id),
        manager_id: Set(fields.manager_id),
        time_zone: Set(fields.time_zone.to_string()),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

pub async fn update(
    db: &impl ConnectionTrait,
    id: i64,
    fields: &TeamFields<'_>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    team::ActiveModel {
        id: Set(id),
        name: Set(fields.name.to_string()),
        department_id: Set(fields.department_id),
        manager_id: Set(fields.manager_id),
        time_zone: Set(fields.time_zone.to_string()),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

pub async fn set_active(
    db: &impl ConnectionTrait,
    id: i64,
    active: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    team::ActiveModel {
        id: Set(id),
        active: Set(active),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Moves a team to another department.
pub async fn set_department(
    db: &impl ConnectionTrait,
    id: i64,
    department_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    team::ActiveModel {
        id: Set(id),
        department_id: Set(department_id),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

pub async fn set_manager(
    db: &impl ConnectionTrait,
    id: i64,
    manager_id: Option<i64>,
) -> Result<(), AppError> {
    team::ActiveModel {
        id: Set(id),
        manager_id: Set(manager_id),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// How many pilots the team takes part in.
pub async fn pilot_count(db: &impl ConnectionTrait, id: i64) -> Result<u64, AppError> {
    Ok(pilot_team::Entity::find()
        .filter(pilot_team::Column::TeamId.eq(id))
        .count(db)
        .await?)
}

/// Active teams by name, to add to a pilot.
pub async fn choices(db: &impl ConnectionTrait) -> Result<Vec<TeamChoice>, AppError> {
    let rows: Vec<(i64, String)> = team::Entity::find()
        .select_only()
        .column(team::Column::Id)
        .column(team::Column::Name)
        .filter(team::Column::Active.eq(true))
        .order_by_asc(team::Column::Name)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| TeamChoice { id, name })
        .collect())
}

/// Every team by name, active or not, with its department, manager and active members.
pub async fn summaries(db: &impl ConnectionTrait) -> Result<Vec<TeamSummary>, AppError> {
    let rows = team::Entity::find()
        .order_by_asc(team::Column::Name)
        .all(db)
        .await?;
    summarise(db, rows, None).await
}

/// Teams whose name or department contains `query` (any case), by name, one page at a time.
pub async fn search(
    db: &impl ConnectionTrait,
    query: &str,
    page: u64,
    per_page: u64,
) -> Result<TeamPage, AppError> {
    let find = matching(db, query);
    let total = find.clone().count(db).await?;
    let rows = find
        .order_by_asc(team::Column::Name)
        .offset(page * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    let ids = rows.iter().map(|row| row.id).collect();
    Ok(TeamPage {
        teams: summarise(db, rows, Some(ids)).await?,
        total,
        page,
        per_page,
    })
}

fn matching(db: &impl ConnectionTrait, query: &str) -> Select<team::Entity> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return team::Entity::find();
    }
    let backend = db.get_database_backend();
    let in_department = department::Entity::find()
        .select_only()
        .column(department::Column::Id)
        .filter(contains_any_case(backend, department::Column::Name, &query))
        .into_query();
    team::Entity::find().filter(
        Condition::any()
            .add(contains_any_case(backend, team::Column::Name, &query))
            .add(team::Column::DepartmentId.in_subquery(in_department)),
    )
}

/// The list view of `rows`: their departments and managers by IN queries, their members by one
/// GROUP BY (over `team_ids` only, when given).
async fn summarise(
    db: &impl ConnectionTrait,
    rows: Vec<team::Model>,
    team_ids: Option<Vec<i64>>,
) -> Result<Vec<TeamSummary>, AppError> {
    let department_ids: BTreeSet<i64> = rows.iter().map(|row| row.department_id).collect();
    let departments: HashMap<i64, String> = department::Entity::find()
        .select_only()
        .column(department::Column::Id)
        .column(department::Column::Name)
        .filter(department::Column::Id.is_in(department_ids))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let manager_ids: BTreeSet<i64> = rows.iter().filter_map(|row| row.manager_id).collect();
    let managers: HashMap<i64, String> = person::Entity::find()
        .select_only()
        .column(person::Column::Id)
        .column(person::Column::Email)
        .filter(person::Column::Id.is_in(manager_ids))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let members = memberships::active_member_counts(db, team_ids).await?;
    Ok(rows
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
        .collect())
}
