//! What the charter and decision-log services need to know of a team and the caller: the team
//! with its manager and time zone, the caller's teams, the team's size and its pilots' *k*.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::{
    error::AppError,
    server::entities::{pilot, pilot_team, team, team_membership},
    wire::teams::TeamChoice,
};

/// A team as its records need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordTeam {
    pub id: i64,
    pub name: String,
    pub manager_id: Option<i64>,
    pub time_zone: String,
}

pub async fn find_team(db: &impl ConnectionTrait, id: i64) -> Result<Option<RecordTeam>, AppError> {
    Ok(team::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|row| RecordTeam {
            id: row.id,
            name: row.name,
            manager_id: row.manager_id,
            time_zone: row.time_zone,
        }))
}

/// Whether the person is in the team now.
pub async fn is_member(
    db: &impl ConnectionTrait,
    team_id: i64,
    person_id: i64,
) -> Result<bool, AppError> {
    Ok(team_membership::Entity::find()
        .filter(team_membership::Column::TeamId.eq(team_id))
        .filter(team_membership::Column::PersonId.eq(person_id))
        .filter(team_membership::Column::LeftAt.is_null())
        .count(db)
        .await?
        > 0)
}

/// The teams the person is in now or manages, by name.
pub async fn teams_of(
    db: &impl ConnectionTrait,
    person_id: i64,
) -> Result<Vec<TeamChoice>, AppError> {
    let member_of: Vec<i64> = team_membership::Entity::find()
        .select_only()
        .column(team_membership::Column::TeamId)
        .filter(team_membership::Column::PersonId.eq(person_id))
        .filter(team_membership::Column::LeftAt.is_null())
        .into_tuple()
        .all(db)
        .await?;
    Ok(team::Entity::find()
        .filter(
            Condition::any()
                .add(team::Column::ManagerId.eq(person_id))
                .add(team::Column::Id.is_in(member_of)),
        )
        .order_by_asc(team::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|row| TeamChoice {
            id: row.id,
            name: row.name,
        })
        .collect())
}

/// People in the team now, active or not (as a frozen membership counts them).
pub async fn people_count(db: &impl ConnectionTrait, team_id: i64) -> Result<u64, AppError> {
    Ok(team_membership::Entity::find()
        .filter(team_membership::Column::TeamId.eq(team_id))
        .filter(team_membership::Column::LeftAt.is_null())
        .count(db)
        .await?)
}

/// The privacy threshold of every pilot the team takes part in.
pub async fn pilot_ks(db: &impl ConnectionTrait, team_id: i64) -> Result<Vec<i32>, AppError> {
    let pilot_ids: Vec<i64> = pilot_team::Entity::find()
        .select_only()
        .column(pilot_team::Column::PilotId)
        .filter(pilot_team::Column::TeamId.eq(team_id))
        .into_tuple()
        .all(db)
        .await?;
    if pilot_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(pilot::Entity::find()
        .select_only()
        .column(pilot::Column::PrivacyK)
        .filter(pilot::Column::Id.is_in(pilot_ids))
        .into_tuple()
        .all(db)
        .await?)
}
