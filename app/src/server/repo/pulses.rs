//! Pulses (`pulses`) and the consenting members of a pilot who may answer them. Who answered is
//! in `repo::pulse_responses`; the answers themselves are entries (`repo::entries`).

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    JoinType, QueryFilter, QueryOrder, QuerySelect, QueryTrait, RelationDef, Set,
};

use crate::{
    domain::capture::pulse::PulsePhase,
    error::AppError,
    server::entities::{consent, person, pilot_member, pilot_team, pulse, pulse_response, team},
};

/// A stored pulse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pulse {
    pub id: i64,
    pub pilot_id: i64,
    pub phase: PulsePhase,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub last_reminder_on: Option<NaiveDate>,
    pub closed_at: Option<DateTime<Utc>>,
}

fn to_pulse(row: pulse::Model) -> Result<Pulse, AppError> {
    let phase = PulsePhase::parse(&row.phase)
        .ok_or_else(|| AppError::internal("stored pulse", format!("phase of pulse {}", row.id)))?;
    Ok(Pulse {
        id: row.id,
        pilot_id: row.pilot_id,
        phase,
        opens_on: row.opens_on,
        closes_on: row.closes_on,
        last_reminder_on: row.last_reminder_on,
        closed_at: row.closed_at,
    })
}

/// A new pulse; 409 when the pilot has one for this phase already.
pub async fn insert(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    phase: PulsePhase,
    (opens_on, closes_on): (NaiveDate, NaiveDate),
    created_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let row = pulse::ActiveModel {
        pilot_id: Set(pilot_id),
        phase: Set(phase.as_str().to_string()),
        opens_on: Set(opens_on),
        closes_on: Set(closes_on),
        last_reminder_on: Set(None),
        created_by: Set(created_by),
        created_at: Set(now),
        closed_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|error| match AppError::from(error) {
        AppError::Conflict(_) => AppError::Conflict(format!(
            "this pilot has a {} pulse already",
            phase.label().to_lowercase()
        )),
        other => other,
    })?;
    Ok(row.id)
}

/// The pulse, or 404.
pub async fn get(db: &impl ConnectionTrait, id: i64) -> Result<Pulse, AppError> {
    pulse::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("pulse {id}")))
        .and_then(to_pulse)
}

/// The pilot's pulses, baseline first.
pub async fn of_pilot(db: &impl ConnectionTrait, pilot_id: i64) -> Result<Vec<Pulse>, AppError> {
    pulse::Entity::find()
        .filter(pulse::Column::PilotId.eq(pilot_id))
        .order_by_asc(pulse::Column::OpensOn)
        .all(db)
        .await?
        .into_iter()
        .map(to_pulse)
        .collect()
}

/// Pulses not closed by HR whose days include `day` (or come within a day of it, so that every
/// time zone's today is covered): the candidates for answers and reminders.
pub async fn running_around(
    db: &impl ConnectionTrait,
    day: NaiveDate,
) -> Result<Vec<Pulse>, AppError> {
    let (before, after) = (day.pred_opt().unwrap_or(day), day.succ_opt().unwrap_or(day));
    pulse::Entity::find()
        .filter(pulse::Column::ClosedAt.is_null())
        .filter(pulse::Column::OpensOn.lte(after))
        .filter(pulse::Column::ClosesOn.gte(before))
        .order_by_asc(pulse::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(to_pulse)
        .collect()
}

pub async fn close(db: &impl ConnectionTrait, id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
    pulse::ActiveModel {
        id: Set(id),
        closed_at: Set(Some(now)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Marks the pulse reminded on `today` unless a reminder went out on or after `due_from`
/// already: one conditional UPDATE, so of two instances running the same minute only one gets
/// `true` and sends.
pub async fn claim_reminder(
    db: &impl ConnectionTrait,
    id: i64,
    due_from: NaiveDate,
    today: NaiveDate,
) -> Result<bool, AppError> {
    let result = pulse::Entity::update_many()
        .col_expr(pulse::Column::LastReminderOn, Expr::value(today))
        .filter(pulse::Column::Id.eq(id))
        .filter(pulse::Column::ClosedAt.is_null())
        .filter(
            Condition::any()
                .add(pulse::Column::LastReminderOn.is_null())
                .add(pulse::Column::LastReminderOn.lt(due_from)),
        )
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Consents that match the frozen membership: the person consented through the team they
/// were in when the baseline started.
fn frozen_consent() -> RelationDef {
    consent::Entity::belongs_to(pilot_member::Entity)
        .from((
            consent::Column::PilotId,
            consent::Column::PersonId,
            consent::Column::TeamId,
        ))
        .to((
            pilot_member::Column::PilotId,
            pilot_member::Column::PersonId,
            pilot_member::Column::TeamId,
        ))
        .into()
}

/// The pilot's consenting, not withdrawn members of its frozen membership: (person, team).
pub async fn consenting_members(
    db: &impl ConnectionTrait,
    pilot_id: i64,
) -> Result<Vec<(i64, i64)>, AppError> {
    Ok(consent::Entity::find()
        .select_only()
        .column(consent::Column::PersonId)
        .column(consent::Column::TeamId)
        .join(JoinType::InnerJoin, frozen_consent())
        .filter(consent::Column::PilotId.eq(pilot_id))
        .filter(consent::Column::WithdrawnAt.is_null())
        .into_tuple()
        .all(db)
        .await?)
}

/// The team through which the person takes part in the pilot, when they consented, have not
/// withdrawn and were in it when the baseline started.
pub async fn consenting_team(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    person_id: i64,
) -> Result<Option<i64>, AppError> {
    Ok(consent::Entity::find()
        .select_only()
        .column(consent::Column::TeamId)
        .join(JoinType::InnerJoin, frozen_consent())
        .filter(consent::Column::PilotId.eq(pilot_id))
        .filter(consent::Column::PersonId.eq(person_id))
        .filter(consent::Column::WithdrawnAt.is_null())
        .into_tuple()
        .one(db)
        .await?)
}

/// A person to remind: address and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub email: String,
    pub name: String,
}

/// Active consenting members of the pulse's pilot who have not answered it yet.
pub async fn not_answered(
    db: &impl ConnectionTrait,
    pulse: &Pulse,
) -> Result<Vec<Recipient>, AppError> {
    let consenting = consent::Entity::find()
        .select_only()
        .column(consent::Column::PersonId)
        .join(JoinType::InnerJoin, frozen_consent())
        .filter(consent::Column::PilotId.eq(pulse.pilot_id))
        .filter(consent::Column::WithdrawnAt.is_null())
        .into_query();
    let answered = pulse_response::Entity::find()
        .select_only()
        .column(pulse_response::Column::PersonId)
        .filter(pulse_response::Column::PulseId.eq(pulse.id))
        .filter(pulse_response::Column::RatedPersonId.is_null())
        .into_query();
    let rows: Vec<(String, String)> = person::Entity::find()
        .select_only()
        .column(person::Column::Email)
        .column(person::Column::DisplayName)
        .filter(person::Column::Active.eq(true))
        .filter(person::Column::Id.in_subquery(consenting))
        .filter(person::Column::Id.not_in_subquery(answered))
        .order_by_asc(person::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(email, name)| Recipient { email, name })
        .collect())
}

/// The person's team in the pilot's frozen membership, if they are in it.
pub async fn frozen_team(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    person_id: i64,
) -> Result<Option<i64>, AppError> {
    Ok(pilot_member::Entity::find()
        .select_only()
        .column(pilot_member::Column::TeamId)
        .filter(pilot_member::Column::PilotId.eq(pilot_id))
        .filter(pilot_member::Column::PersonId.eq(person_id))
        .into_tuple()
        .one(db)
        .await?)
}

/// The team's manager, if it has one.
pub async fn manager_of(db: &impl ConnectionTrait, team_id: i64) -> Result<Option<i64>, AppError> {
    Ok(team::Entity::find_by_id(team_id)
        .select_only()
        .column(team::Column::ManagerId)
        .into_tuple::<Option<i64>>()
        .one(db)
        .await?
        .flatten())
}

/// A member of a team the manager runs in the pilot: (person, name, team name). Every frozen
/// member is listed, consenting or not, so that the list does not tell a manager who joined.
pub async fn managed_members(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    manager_id: i64,
) -> Result<Vec<(i64, String, String)>, AppError> {
    let teams: Vec<(i64, String)> = team::Entity::find()
        .select_only()
        .column(team::Column::Id)
        .column(team::Column::Name)
        .filter(team::Column::ManagerId.eq(manager_id))
        .filter(
            team::Column::Id.in_subquery(
                pilot_team::Entity::find()
                    .select_only()
                    .column(pilot_team::Column::TeamId)
                    .filter(pilot_team::Column::PilotId.eq(pilot_id))
                    .into_query(),
            ),
        )
        .into_tuple()
        .all(db)
        .await?;
    if teams.is_empty() {
        return Ok(Vec::new());
    }
    let members: Vec<(i64, i64)> = pilot_member::Entity::find()
        .select_only()
        .column(pilot_member::Column::PersonId)
        .column(pilot_member::Column::TeamId)
        .filter(pilot_member::Column::PilotId.eq(pilot_id))
        .filter(pilot_member::Column::TeamId.is_in(teams.iter().map(|(id, _)| *id)))
        .filter(pilot_member::Column::PersonId.ne(manager_id))
        .into_tuple()
        .all(db)
        .await?;
    let names: std::collections::HashMap<i64, String> = person::Entity::find()
        .select_only()
        .column(person::Column::Id)
        .column(person::Column::DisplayName)
        .filter(person::Column::Id.is_in(members.iter().map(|(id, _)| *id)))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let team_names: std::collections::HashMap<i64, String> = teams.into_iter().collect();
    let mut listed: Vec<(i64, String, String)> = members
        .into_iter()
        .map(|(person_id, team_id)| {
            (
                person_id,
                names.get(&person_id).cloned().unwrap_or_default(),
                team_names.get(&team_id).cloned().unwrap_or_default(),
            )
        })
        .collect();
    listed.sort_by(|a, b| (&a.2, &a.1).cmp(&(&b.2, &b.1)));
    Ok(listed)
}
