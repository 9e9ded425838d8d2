//! Champion standings (opt-in, HR's decision) and nominations. Coverage queries live in
//! `champion_coverage` and are re-exported here, where the readiness service looks for them.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

pub use super::champion_coverage::{
    champion_places, pilot_arm_teams, pilot_manager_training, pilot_team_coverage, team_places,
};
use crate::{
    domain::champions::ChampionStatus,
    error::AppError,
    server::entities::{champion, champion_nomination, person, team, team_membership},
};

/// A person's champion standing; people without a row never chose and were never decided on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub person_id: i64,
    pub opted_in: Option<bool>,
    pub status: Option<ChampionStatus>,
    pub note: Option<String>,
}

fn standing(row: champion::Model) -> Standing {
    Standing {
        person_id: row.person_id,
        opted_in: row.opted_in,
        status: row.status.as_deref().and_then(ChampionStatus::parse),
        note: row.note,
    }
}

pub async fn standing_of(
    db: &impl ConnectionTrait,
    person_id: i64,
) -> Result<Option<Standing>, AppError> {
    Ok(champion::Entity::find()
        .filter(champion::Column::PersonId.eq(person_id))
        .one(db)
        .await?
        .map(standing))
}

pub async fn all_standings(db: &impl ConnectionTrait) -> Result<Vec<Standing>, AppError> {
    Ok(champion::Entity::find()
        .order_by_asc(champion::Column::PersonId)
        .all(db)
        .await?
        .into_iter()
        .map(standing)
        .collect())
}

/// The person's row, created empty when missing.
async fn row_of(
    db: &impl ConnectionTrait,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<champion::Model, AppError> {
    if let Some(row) = champion::Entity::find()
        .filter(champion::Column::PersonId.eq(person_id))
        .one(db)
        .await?
    {
        return Ok(row);
    }
    Ok(champion::ActiveModel {
        person_id: Set(person_id),
        opted_in: Set(None),
        status: Set(None),
        note: Set(None),
        decided_at: Set(None),
        decided_by: Set(None),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

pub async fn set_opted_in(
    db: &impl ConnectionTrait,
    person_id: i64,
    opted_in: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut row = row_of(db, person_id, now).await?.into_active_model();
    row.opted_in = Set(Some(opted_in));
    row.updated_at = Set(now);
    row.update(db).await?;
    Ok(())
}

pub async fn set_status(
    db: &impl ConnectionTrait,
    person_id: i64,
    status: ChampionStatus,
    note: Option<String>,
    decided_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut row = row_of(db, person_id, now).await?.into_active_model();
    row.status = Set(Some(status.as_str().to_string()));
    row.note = Set(note);
    row.decided_at = Set(Some(now));
    row.decided_by = Set(decided_by);
    row.updated_at = Set(now);
    row.update(db).await?;
    Ok(())
}

/// Confirmed champions: (person, name, current team name), by name.
pub async fn confirmed(
    db: &impl ConnectionTrait,
) -> Result<Vec<(i64, String, Option<String>)>, AppError> {
    let ids: Vec<i64> = champion::Entity::find()
        .select_only()
        .column(champion::Column::PersonId)
        .filter(champion::Column::Status.eq(ChampionStatus::Confirmed.as_str()))
        .into_tuple()
        .all(db)
        .await?;
    let people = person::Entity::find()
        .filter(person::Column::Id.is_in(ids.clone()))
        .filter(person::Column::Active.eq(true))
        .order_by_asc(person::Column::DisplayName)
        .all(db)
        .await?;
    let teams = current_team_names(db, &ids).await?;
    Ok(people
        .into_iter()
        .map(|row| (row.id, row.display_name, teams.get(&row.id).cloned()))
        .collect())
}

/// The current team's name of each of `people` who is in one.
pub async fn current_team_names(
    db: &impl ConnectionTrait,
    people: &[i64],
) -> Result<HashMap<i64, String>, AppError> {
    let memberships: Vec<(i64, i64)> = team_membership::Entity::find()
        .select_only()
        .column(team_membership::Column::PersonId)
        .column(team_membership::Column::TeamId)
        .filter(team_membership::Column::PersonId.is_in(people.to_vec()))
        .filter(team_membership::Column::LeftAt.is_null())
        .into_tuple()
        .all(db)
        .await?;
    let names: HashMap<i64, String> = team::Entity::find()
        .filter(team::Column::Id.is_in(memberships.iter().map(|(_, team)| *team)))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row.name))
        .collect();
    Ok(memberships
        .into_iter()
        .filter_map(|(person, team)| Some((person, names.get(&team)?.clone())))
        .collect())
}

/// A nomination as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nomination {
    pub nominee_id: i64,
    pub nominator_id: i64,
    pub reason: String,
    pub reveal_nominator: bool,
}

/// Records a nomination; nominating the same colleague again replaces the sentence.
pub async fn nominate(
    db: &impl ConnectionTrait,
    nomination: &Nomination,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let existing = champion_nomination::Entity::find()
        .filter(champion_nomination::Column::NomineeId.eq(nomination.nominee_id))
        .filter(champion_nomination::Column::NominatorId.eq(nomination.nominator_id))
        .one(db)
        .await?;
    match existing {
        Some(row) => {
            let mut row = row.into_active_model();
            row.reason = Set(nomination.reason.clone());
            row.reveal_nominator = Set(nomination.reveal_nominator);
            row.update(db).await?;
        }
        None => {
            champion_nomination::ActiveModel {
                nominee_id: Set(nomination.nominee_id),
                nominator_id: Set(nomination.nominator_id),
                reason: Set(nomination.reason.clone()),
                reveal_nominator: Set(nomination.reveal_nominator),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// Nominations of the given people (all when None), oldest first.
pub async fn nominations(
    db: &impl ConnectionTrait,
    nominees: Option<&[i64]>,
) -> Result<Vec<Nomination>, AppError> {
    let mut query = champion_nomination::Entity::find();
    if let Some(nominees) = nominees {
        query = query.filter(champion_nomination::Column::NomineeId.is_in(nominees.to_vec()));
    }
    Ok(query
        .order_by_asc(champion_nomination::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| Nomination {
            nominee_id: row.nominee_id,
            nominator_id: row.nominator_id,
            reason: row.reason,
            reveal_nominator: row.reveal_nominator,
        })
        .collect())
}

/// (name, email) of the given people.
pub async fn names(
    db: &impl ConnectionTrait,
    people: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, (String, String)>, AppError> {
    Ok(person::Entity::find()
        .filter(person::Column::Id.is_in(people))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, (row.display_name, row.email)))
        .collect())
}

/// (pilot, name, report published) of every pilot the team takes part in.
pub async fn team_pilots(
    db: &impl ConnectionTrait,
    team_id: i64,
) -> Result<Vec<(i64, String, bool)>, AppError> {
    use crate::server::entities::{pilot, pilot_team};
    let pilot_ids: Vec<i64> = pilot_team::Entity::find()
        .select_only()
        .column(pilot_team::Column::PilotId)
        .filter(pilot_team::Column::TeamId.eq(team_id))
        .into_tuple()
        .all(db)
        .await?;
    Ok(pilot::Entity::find()
        .filter(pilot::Column::Id.is_in(pilot_ids))
        .order_by_asc(pilot::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row.name, row.report_published_at.is_some()))
        .collect())
}
