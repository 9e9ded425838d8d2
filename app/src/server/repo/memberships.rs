//! Team membership as a history: moving someone closes their open row and opens a new one.
//! Counts of current members are aggregate queries over the open rows of active people.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    prelude::Expr,
    sea_query::{ExprTrait, SelectStatement},
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, JoinType, PaginatorTrait,
    QueryFilter, QuerySelect, QueryTrait, RelationTrait, Set,
};

use crate::{
    error::AppError,
    server::entities::{person, team, team_membership},
};

/// Ends the person's current membership (if any) and, with `team_id`, starts a new one.
pub async fn move_to(
    db: &impl ConnectionTrait,
    person_id: i64,
    team_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    team_membership::Entity::update_many()
        .col_expr(
            team_membership::Column::LeftAt,
            sea_orm::prelude::Expr::value(now),
        )
        .filter(team_membership::Column::PersonId.eq(person_id))
        .filter(team_membership::Column::LeftAt.is_null())
        .exec(db)
        .await?;
    if let Some(team_id) = team_id {
        team_membership::ActiveModel {
            person_id: Set(person_id),
            team_id: Set(team_id),
            joined_at: Set(now),
            left_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Opens a membership for each (person, team), in one INSERT.
pub async fn insert_many(
    db: &impl ConnectionTrait,
    members: impl IntoIterator<Item = (i64, i64)>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let rows = members
        .into_iter()
        .map(|(person_id, team_id)| team_membership::ActiveModel {
            person_id: Set(person_id),
            team_id: Set(team_id),
            joined_at: Set(now),
            left_at: Set(None),
            ..Default::default()
        });
    team_membership::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

/// The person's current team, if any.
pub async fn current_team(
    db: &impl ConnectionTrait,
    person_id: i64,
) -> Result<Option<i64>, AppError> {
    Ok(team_membership::Entity::find()
        .select_only()
        .column(team_membership::Column::TeamId)
        .filter(team_membership::Column::PersonId.eq(person_id))
        .filter(team_membership::Column::LeftAt.is_null())
        .into_tuple()
        .one(db)
        .await?)
}

/// Everyone's current team: person id → team id.
pub async fn current_teams(db: &impl ConnectionTrait) -> Result<HashMap<i64, i64>, AppError> {
    Ok(team_membership::Entity::find()
        .select_only()
        .column(team_membership::Column::PersonId)
        .column(team_membership::Column::TeamId)
        .filter(team_membership::Column::LeftAt.is_null())
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// How many people (active or not) are in the team now.
pub async fn open_count(db: &impl ConnectionTrait, team_id: i64) -> Result<u64, AppError> {
    Ok(team_membership::Entity::find()
        .filter(team_membership::Column::TeamId.eq(team_id))
        .filter(team_membership::Column::LeftAt.is_null())
        .count(db)
        .await?)
}

fn active_people() -> SelectStatement {
    person::Entity::find()
        .select_only()
        .column(person::Column::Id)
        .filter(person::Column::Active.eq(true))
        .into_query()
}

/// Active people in each of `team_ids` now (all teams with `None`): team id → members.
pub async fn active_member_counts(
    db: &impl ConnectionTrait,
    team_ids: Option<Vec<i64>>,
) -> Result<HashMap<i64, i64>, AppError> {
    let mut query = team_membership::Entity::find()
        .select_only()
        .column(team_membership::Column::TeamId)
        .column_as(Expr::col(team_membership::Column::Id).count(), "members")
        .filter(team_membership::Column::LeftAt.is_null())
        .filter(team_membership::Column::PersonId.in_subquery(active_people()));
    if let Some(ids) = team_ids {
        query = query.filter(team_membership::Column::TeamId.is_in(ids));
    }
    Ok(query
        .group_by(team_membership::Column::TeamId)
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// Active people in the active teams of each department: department id → members.
pub async fn active_members_per_department(
    db: &impl ConnectionTrait,
) -> Result<HashMap<i64, i64>, AppError> {
    Ok(team_membership::Entity::find()
        .select_only()
        .join(JoinType::InnerJoin, team_membership::Relation::Team.def())
        .column(team::Column::DepartmentId)
        .column_as(
            Expr::col((team_membership::Entity, team_membership::Column::Id)).count(),
            "members",
        )
        .filter(team_membership::Column::LeftAt.is_null())
        .filter(team_membership::Column::PersonId.in_subquery(active_people()))
        .filter(team::Column::Active.eq(true))
        .group_by(team::Column::DepartmentId)
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// Moves the start of every open membership that began after `at` back to `at`: the demo's
/// people have been in their teams for a while, so its finished pilot's history counts.
pub async fn backdate_open(db: &impl ConnectionTrait, at: DateTime<Utc>) -> Result<u64, AppError> {
    let result = team_membership::Entity::update_many()
        .col_expr(team_membership::Column::JoinedAt, Expr::value(at))
        .filter(team_membership::Column::LeftAt.is_null())
        .filter(team_membership::Column::JoinedAt.gt(at))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
