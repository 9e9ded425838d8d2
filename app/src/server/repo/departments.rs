//! Departments: reads by id and name, the list with its counts (aggregate queries), and writes.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    prelude::Expr, sea_query::ExprTrait, ActiveModelTrait, ColumnTrait, ConnectionTrait,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::memberships;
use crate::{
    error::AppError,
    server::entities::{department, team},
    wire::departments::DepartmentSummary,
};

/// A department row as the services need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    pub id: i64,
    pub name: String,
    pub active: bool,
}

impl From<department::Model> for Department {
    fn from(row: department::Model) -> Self {
        Self {
            id: row.id,
            name: row.name,
            active: row.active,
        }
    }
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<Department>, AppError> {
    Ok(department::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(Into::into))
}

pub async fn find_by_name(
    db: &impl ConnectionTrait,
    name: &str,
) -> Result<Option<Department>, AppError> {
    Ok(department::Entity::find()
        .filter(department::Column::Name.eq(name))
        .one(db)
        .await?
        .map(Into::into))
}

/// Creates an active department; returns its id.
pub async fn insert(
    db: &impl ConnectionTrait,
    name: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let row = department::ActiveModel {
        name: Set(name.to_string()),
        active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

pub async fn rename(db: &impl ConnectionTrait, id: i64, name: &str) -> Result<(), AppError> {
    department::ActiveModel {
        id: Set(id),
        name: Set(name.to_string()),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

pub async fn set_active(db: &impl ConnectionTrait, id: i64, active: bool) -> Result<(), AppError> {
    department::ActiveModel {
        id: Set(id),
        active: Set(active),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// How many active teams the department has.
pub async fn active_teams(db: &impl ConnectionTrait, id: i64) -> Result<u64, AppError> {
    Ok(team::Entity::find()
        .filter(team::Column::DepartmentId.eq(id))
        .filter(team::Column::Active.eq(true))
        .count(db)
        .await?)
}

/// Every department by name, with its active teams and the active people in them: three
/// queries, two of them GROUP BY counts, whatever the size of the organisation.
pub async fn summaries(db: &impl ConnectionTrait) -> Result<Vec<DepartmentSummary>, AppError> {
    let rows = department::Entity::find()
        .order_by_asc(department::Column::Name)
        .all(db)
        .await?;
    let teams: HashMap<i64, i64> = team::Entity::find()
        .select_only()
        .column(team::Column::DepartmentId)
        .column_as(Expr::col(team::Column::Id).count(), "teams")
        .filter(team::Column::Active.eq(true))
        .group_by(team::Column::DepartmentId)
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let members = memberships::active_members_per_department(db).await?;
    Ok(rows
        .into_iter()
        .map(|row| DepartmentSummary {
            id: row.id,
            teams: teams.get(&row.id).copied().unwrap_or(0),
            members: members.get(&row.id).copied().unwrap_or(0),
            active: row.active,
            name: row.name,
        })
        .collect())
}
