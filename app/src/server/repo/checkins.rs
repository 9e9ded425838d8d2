//! Check-ins: the `checkins` rows (person, local date, part of day), the facts the check-in gate
//! reads, and the counts behind a team's weekly participation.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    sea_query::OnConflict, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QuerySelect, Set,
};

use crate::{
    domain::{
        capture::{
            gate::ConsentFacts,
            measure::{Measure, PartOfDay},
        },
        pilot::PilotStage,
    },
    error::AppError,
    server::entities::{checkin, consent, entry, person, pilot, pilot_member, team_membership},
};

/// Stores that the person checked in on `date` in `part_of_day`; a second submit of the same
/// key only touches `updated_at`, so retries leave one row.
pub async fn record(
    db: &impl ConnectionTrait,
    person_id: i64,
    date: NaiveDate,
    part_of_day: PartOfDay,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    checkin::Entity::insert(checkin::ActiveModel {
        person_id: Set(person_id),
        checkin_date: Set(date),
        part_of_day: Set(part_of_day.as_str().to_string()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            checkin::Column::PersonId,
            checkin::Column::CheckinDate,
            checkin::Column::PartOfDay,
        ])
        .update_column(checkin::Column::UpdatedAt)
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Everything the gate needs about each of the person's consents: four queries for any number.
pub async fn consent_facts(
    db: &impl ConnectionTrait,
    person_id: i64,
) -> Result<Vec<ConsentFacts>, AppError> {
    let consents = consent::Entity::find()
        .filter(consent::Column::PersonId.eq(person_id))
        .all(db)
        .await?;
    if consents.is_empty() {
        return Ok(Vec::new());
    }
    let pilots: HashMap<i64, (String, String)> = pilot::Entity::find()
        .select_only()
        .column(pilot::Column::Id)
        .column(pilot::Column::Name)
        .column(pilot::Column::Stage)
        .filter(pilot::Column::Id.is_in(consents.iter().map(|row| row.pilot_id)))
        .into_tuple::<(i64, String, String)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, name, stage)| (id, (name, stage)))
        .collect();
    let frozen: HashSet<(i64, i64)> = pilot_member::Entity::find()
        .select_only()
        .column(pilot_member::Column::PilotId)
        .column(pilot_member::Column::TeamId)
        .filter(pilot_member::Column::PersonId.eq(person_id))
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let current_teams = current_teams(db, person_id).await?;
    Ok(consents
        .into_iter()
        .filter_map(|row| {
            let (name, stage) = pilots.get(&row.pilot_id)?;
            Some(ConsentFacts {
                pilot_id: row.pilot_id,
                pilot: name.clone(),
                stage: PilotStage::from_slug(stage)?,
                team_id: row.team_id,
                withdrawn: row.withdrawn_at.is_some(),
                in_enrolled_team: frozen.contains(&(row.pilot_id, row.team_id))
                    && current_teams.contains(&row.team_id),
            })
        })
        .collect())
}

async fn current_teams(
    db: &impl ConnectionTrait,
    person_id: i64,
) -> Result<HashSet<i64>, AppError> {
    Ok(team_membership::Entity::find()
        .select_only()
        .column(team_membership::Column::TeamId)
        .filter(team_membership::Column::PersonId.eq(person_id))
        .filter(team_membership::Column::LeftAt.is_null())
        .into_tuple::<i64>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// People in the team's frozen membership of the pilot (withdrawn and moved people included):
/// the count the privacy threshold is applied to.
pub async fn frozen_team_size(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    team_id: i64,
) -> Result<u64, AppError> {
    Ok(pilot_member::Entity::find()
        .filter(pilot_member::Column::PilotId.eq(pilot_id))
        .filter(pilot_member::Column::TeamId.eq(team_id))
        .count(db)
        .await?)
}

/// The team's frozen members with an active consent, and their stored working days.
pub async fn consenting_members(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    team_id: i64,
) -> Result<Vec<(i64, String)>, AppError> {
    let frozen: Vec<i64> = pilot_member::Entity::find()
        .select_only()
        .column(pilot_member::Column::PersonId)
        .filter(pilot_member::Column::PilotId.eq(pilot_id))
        .filter(pilot_member::Column::TeamId.eq(team_id))
        .into_tuple()
        .all(db)
        .await?;
    if frozen.is_empty() {
        return Ok(Vec::new());
    }
    let consenting: Vec<i64> = consent::Entity::find()
        .select_only()
        .column(consent::Column::PersonId)
        .filter(consent::Column::PilotId.eq(pilot_id))
        .filter(consent::Column::TeamId.eq(team_id))
        .filter(consent::Column::WithdrawnAt.is_null())
        .filter(consent::Column::PersonId.is_in(frozen))
        .into_tuple()
        .all(db)
        .await?;
    if consenting.is_empty() {
        return Ok(Vec::new());
    }
    Ok(person::Entity::find()
        .select_only()
        .column(person::Column::Id)
        .column(person::Column::WorkingDays)
        .filter(person::Column::Id.is_in(consenting))
        .into_tuple()
        .all(db)
        .await?)
}

/// The days from `first` to `last` on which each of these people has a value that makes a
/// check-in day (METHOD.md section 2), whatever wrote it: one query.
pub async fn checkin_days(
    db: &impl ConnectionTrait,
    person_ids: &[i64],
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<(i64, NaiveDate)>, AppError> {
    if person_ids.is_empty() {
        return Ok(Vec::new());
    }
    let measures = Measure::BUILT_IN
        .into_iter()
        .filter(Measure::makes_checkin_day)
        .map(|measure| measure.key());
    Ok(entry::Entity::find()
        .select_only()
        .column(entry::Column::PersonId)
        .column(entry::Column::EntryDate)
        .distinct()
        .filter(entry::Column::PersonId.is_in(person_ids.iter().copied()))
        .filter(entry::Column::EntryDate.between(first, last))
        .filter(entry::Column::Measure.is_in(measures))
        .into_tuple()
        .all(db)
        .await?)
}

/// Whether a stored measure key makes a check-in day.
pub fn is_checkin_measure(key: &str) -> bool {
    Measure::parse(key, &[]).is_some_and(|measure| measure.makes_checkin_day())
}
