//! What a pilot's report is computed from, in a fixed handful of queries whatever the number of
//! people: the teams with their frozen size, the frozen members, and the raw entries, decided
//! decisions and charter versions of those people and teams. Which of them count is decided in
//! `domain::report::values`, in one place.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sea_orm::{
    sea_query::SelectStatement, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};

use crate::{
    domain::report::input::{CharterRow, DecisionRow, EntryRow, TeamInput},
    error::AppError,
    server::{
        entities::{charter_channel, consent, decision, entry, pilot_member, team_charter},
        repo::{pilot_teams, pulses},
    },
};

fn frozen_people(pilot_id: i64) -> SelectStatement {
    pilot_member::Entity::find()
        .select_only()
        .column(pilot_member::Column::PersonId)
        .filter(pilot_member::Column::PilotId.eq(pilot_id))
        .into_query()
}

/// The pilot's teams, pilot arm first, each with the size of its frozen membership.
pub async fn teams(db: &impl ConnectionTrait, pilot_id: i64) -> Result<Vec<TeamInput>, AppError> {
    let teams = pilot_teams::of_pilot(db, pilot_id).await?;
    let names = pilot_teams::team_names(db, teams.iter().map(|team| team.team_id)).await?;
    let sizes: HashMap<i64, i64> = pilot_member::Entity::find()
        .select_only()
        .column(pilot_member::Column::TeamId)
        .column_as(pilot_member::Column::PersonId.count(), "people")
        .filter(pilot_member::Column::PilotId.eq(pilot_id))
        .group_by(pilot_member::Column::TeamId)
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(teams
        .into_iter()
        .map(|team| TeamInput {
            team_id: team.team_id,
            name: names.get(&team.team_id).cloned().unwrap_or_default(),
            arm: team.arm,
            frozen_members: sizes.get(&team.team_id).copied().unwrap_or(0),
        })
        .collect())
}

/// (person, frozen team) of members who consented through that team and never withdrew: one
/// withdrawal takes all of a person's entries out, even if they consented again later.
pub async fn consenting(
    db: &impl ConnectionTrait,
    pilot_id: i64,
) -> Result<HashSet<(i64, i64)>, AppError> {
    let withdrawn: HashSet<i64> = consent::Entity::find()
        .select_only()
        .column(consent::Column::PersonId)
        .filter(consent::Column::PilotId.eq(pilot_id))
        .filter(consent::Column::WithdrawnAt.is_not_null())
        .into_tuple::<i64>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(pulses::consenting_members(db, pilot_id)
        .await?
        .into_iter()
        .filter(|(person, _)| !withdrawn.contains(person))
        .collect())
}

/// Every entry of the frozen members dated from `first` to `last`.
pub async fn entries(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<EntryRow>, AppError> {
    let rows: Vec<(i64, NaiveDate, String, String, f64)> = entry::Entity::find()
        .select_only()
        .column(entry::Column::PersonId)
        .column(entry::Column::EntryDate)
        .column(entry::Column::Measure)
        .column(entry::Column::Qualifier)
        .column(entry::Column::Value)
        .filter(entry::Column::PersonId.in_subquery(frozen_people(pilot_id)))
        .filter(entry::Column::EntryDate.between(first, last))
        .order_by_asc(entry::Column::PersonId)
        .order_by_asc(entry::Column::EntryDate)
        .order_by_asc(entry::Column::Measure)
        .order_by_asc(entry::Column::Qualifier)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(person_id, date, measure, qualifier, value)| EntryRow {
            person_id,
            date,
            measure,
            qualifier,
            value,
        })
        .collect())
}

/// The decided decisions of the given teams.
pub async fn decisions(
    db: &impl ConnectionTrait,
    team_ids: &[i64],
) -> Result<Vec<DecisionRow>, AppError> {
    Ok(decision::Entity::find()
        .filter(decision::Column::TeamId.is_in(team_ids.to_vec()))
        .filter(decision::Column::DecidedAt.is_not_null())
        .order_by_asc(decision::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| DecisionRow {
            team_id: row.team_id,
            raised_at: row.raised_at,
            decided_at: row.decided_at,
            documented: row.documented,
        })
        .collect())
}

/// Every charter version of the given teams, with its channels' reply times.
pub async fn charters(
    db: &impl ConnectionTrait,
    team_ids: &[i64],
) -> Result<Vec<CharterRow>, AppError> {
    let versions = team_charter::Entity::find()
        .filter(team_charter::Column::TeamId.is_in(team_ids.to_vec()))
        .all(db)
        .await?;
    if versions.is_empty() {
        return Ok(Vec::new());
    }
    let mut channels: HashMap<i64, Vec<(String, f64)>> = HashMap::new();
    for channel in charter_channel::Entity::find()
        .filter(charter_channel::Column::CharterId.is_in(versions.iter().map(|v| v.id)))
        .order_by_asc(charter_channel::Column::Position)
        .all(db)
        .await?
    {
        channels
            .entry(channel.charter_id)
            .or_default()
            .push((channel.channel, channel.reply_hours));
    }
    Ok(versions
        .into_iter()
        .map(|version| CharterRow {
            team_id: version.team_id,
            version: version.version,
            effective_from: version.effective_from,
            channels: channels.remove(&version.id).unwrap_or_default(),
        })
        .collect())
}

/// Those of `team_ids` that `person_id` manages.
pub async fn managed_teams(
    db: &impl ConnectionTrait,
    person_id: i64,
    team_ids: &[i64],
) -> Result<Vec<i64>, AppError> {
    Ok(crate::server::entities::team::Entity::find()
        .select_only()
        .column(crate::server::entities::team::Column::Id)
        .filter(crate::server::entities::team::Column::ManagerId.eq(person_id))
        .filter(crate::server::entities::team::Column::Id.is_in(team_ids.to_vec()))
        .into_tuple()
        .all(db)
        .await?)
}

/// (person, working pattern, time zone) of the pilot's frozen members, and the managers of the
/// given teams as (team, manager).
pub async fn people_facts(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    team_ids: &[i64],
) -> Result<(Vec<(i64, String, String)>, Vec<(i64, i64)>), AppError> {
    use crate::server::entities::{person, team};
    let people = person::Entity::find()
        .select_only()
        .column(person::Column::Id)
        .column(person::Column::WorkingPattern)
        .column(person::Column::TimeZone)
        .filter(person::Column::Id.in_subquery(frozen_people(pilot_id)))
        .into_tuple()
        .all(db)
        .await?;
    let managers: Vec<(i64, Option<i64>)> = team::Entity::find()
        .select_only()
        .column(team::Column::Id)
        .column(team::Column::ManagerId)
        .filter(team::Column::Id.is_in(team_ids.to_vec()))
        .into_tuple()
        .all(db)
        .await?;
    Ok((
        people,
        managers
            .into_iter()
            .filter_map(|(team, manager)| Some((team, manager?)))
            .collect(),
    ))
}
