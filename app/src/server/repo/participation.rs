//! What participation is counted from, for one pilot: its frozen members with their stays in
//! their team and their working days, and the days on which they checked in. A handful of
//! queries whatever the number of people; the counting itself is `domain::capture::participation`.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    sea_query::SelectStatement, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QuerySelect, QueryTrait,
};

use crate::{
    domain::capture::{
        measure::Measure,
        participation::{Member, Stay},
        working_days::WorkingDays,
    },
    error::AppError,
    server::entities::{consent, entry, person, pilot_member, team_membership},
};

/// (person, team, joined at, left at) of one team membership.
type MembershipRow = (i64, i64, DateTime<Utc>, Option<DateTime<Utc>>);

fn frozen_people(pilot_id: i64) -> SelectStatement {
    pilot_member::Entity::find()
        .select_only()
        .column(pilot_member::Column::PersonId)
        .filter(pilot_member::Column::PilotId.eq(pilot_id))
        .into_query()
}

fn consenting_people(pilot_id: i64) -> SelectStatement {
    consent::Entity::find()
        .select_only()
        .column(consent::Column::PersonId)
        .filter(consent::Column::PilotId.eq(pilot_id))
        .filter(consent::Column::WithdrawnAt.is_null())
        .into_query()
}

/// The pilot's frozen members, each with whether they consent (through their frozen team, not
/// withdrawn), their working days and their stays in that team.
pub async fn members(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    consenting: &HashSet<(i64, i64)>,
) -> Result<Vec<Member>, AppError> {
    let frozen: Vec<(i64, i64)> = pilot_member::Entity::find()
        .select_only()
        .column(pilot_member::Column::PersonId)
        .column(pilot_member::Column::TeamId)
        .filter(pilot_member::Column::PilotId.eq(pilot_id))
        .into_tuple()
        .all(db)
        .await?;
    let working_days: HashMap<i64, String> = person::Entity::find()
        .select_only()
        .column(person::Column::Id)
        .column(person::Column::WorkingDays)
        .filter(person::Column::Id.in_subquery(frozen_people(pilot_id)))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let memberships: Vec<MembershipRow> = team_membership::Entity::find()
        .select_only()
        .column(team_membership::Column::PersonId)
        .column(team_membership::Column::TeamId)
        .column(team_membership::Column::JoinedAt)
        .column(team_membership::Column::LeftAt)
        .filter(team_membership::Column::PersonId.in_subquery(frozen_people(pilot_id)))
        .into_tuple()
        .all(db)
        .await?;
    let mut stays: HashMap<(i64, i64), Vec<Stay>> = HashMap::new();
    for (person_id, team_id, joined_at, left_at) in memberships {
        stays.entry((person_id, team_id)).or_default().push(Stay {
            joined_on: joined_at.date_naive(),
            left_on: left_at.map(|left| left.date_naive()),
        });
    }
    Ok(frozen
        .into_iter()
        .map(|(person_id, team_id)| Member {
            person_id,
            team_id,
            consenting: consenting.contains(&(person_id, team_id)),
            working_days: working_days
                .get(&person_id)
                .map(|days| WorkingDays::from_stored(days))
                .unwrap_or_default(),
            stays: stays.remove(&(person_id, team_id)).unwrap_or_default(),
        })
        .collect())
}

/// (person, date) of every check-in day of the pilot's consenting people from `first` to
/// `last`: days with a value of a measure that makes one, whatever wrote it.
pub async fn checkin_days(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<HashSet<(i64, NaiveDate)>, AppError> {
    let measures: Vec<String> = Measure::BUILT_IN
        .iter()
        .filter(|measure| measure.makes_checkin_day())
        .map(Measure::key)
        .collect();
    let rows: Vec<(i64, NaiveDate)> = entry::Entity::find()
        .select_only()
        .column(entry::Column::PersonId)
        .column(entry::Column::EntryDate)
        .distinct()
        .filter(entry::Column::PersonId.in_subquery(consenting_people(pilot_id)))
        .filter(entry::Column::Measure.is_in(measures))
        .filter(entry::Column::EntryDate.between(first, last))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}
