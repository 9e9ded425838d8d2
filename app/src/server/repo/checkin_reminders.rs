//! Daily check-in reminders: each person's setting, the people who may be due, and the claim
//! that makes one instance (and only one) send today's reminder.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    sea_query::{Expr, OnConflict},
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
};

use crate::{
    domain::pilot::PilotStage,
    error::AppError,
    server::entities::{checkin_reminder, consent, person, pilot},
};

/// A person's setting; `None` when they never changed it.
pub async fn find(
    db: &impl ConnectionTrait,
    person_id: i64,
) -> Result<Option<checkin_reminder::Model>, AppError> {
    Ok(checkin_reminder::Entity::find_by_id(person_id)
        .one(db)
        .await?)
}

pub async fn save(
    db: &impl ConnectionTrait,
    person_id: i64,
    enabled: bool,
    local_time: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    checkin_reminder::Entity::insert(checkin_reminder::ActiveModel {
        person_id: Set(person_id),
        enabled: Set(enabled),
        local_time: Set(local_time.to_string()),
        unsubscribe_token_hash: Set(None),
        last_sent_on: Set(None),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(checkin_reminder::Column::PersonId)
            .update_columns([
                checkin_reminder::Column::Enabled,
                checkin_reminder::Column::LocalTime,
                checkin_reminder::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Turns off the reminder whose latest mail carried this token; false for an unknown token.
pub async fn unsubscribe(
    db: &impl ConnectionTrait,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let result = checkin_reminder::Entity::update_many()
        .col_expr(checkin_reminder::Column::Enabled, Expr::value(false))
        .col_expr(checkin_reminder::Column::UpdatedAt, Expr::value(now))
        .filter(checkin_reminder::Column::UnsubscribeTokenHash.eq(token_hash))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

/// Someone who may be due a reminder: the filters that need their local clock are applied by
/// the caller.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub person_id: i64,
    pub email: String,
    pub name: String,
    pub time_zone: String,
    pub working_days: String,
    pub local_time: String,
    pub last_sent_on: Option<NaiveDate>,
}

/// Active people with the reminder on and an active consent in a pilot that is collecting
/// check-ins: three queries. A person without a row has not turned the reminder on.
pub async fn candidates(db: &impl ConnectionTrait) -> Result<Vec<Candidate>, AppError> {
    let collecting = [
        PilotStage::Baseline,
        PilotStage::Intervention,
        PilotStage::FollowUp,
    ]
    .map(|stage| stage.slug());
    let running: Vec<i64> = pilot::Entity::find()
        .select_only()
        .column(pilot::Column::Id)
        .filter(pilot::Column::Stage.is_in(collecting))
        .into_tuple()
        .all(db)
        .await?;
    if running.is_empty() {
        return Ok(Vec::new());
    }
    let consenting: Vec<i64> = consent::Entity::find()
        .select_only()
        .column(consent::Column::PersonId)
        .distinct()
        .filter(consent::Column::PilotId.is_in(running))
        .filter(consent::Column::WithdrawnAt.is_null())
        .into_tuple()
        .all(db)
        .await?;
    if consenting.is_empty() {
        return Ok(Vec::new());
    }
    let reminders = checkin_reminder::Entity::find()
        .filter(checkin_reminder::Column::Enabled.eq(true))
        .filter(checkin_reminder::Column::PersonId.is_in(consenting))
        .all(db)
        .await?;
    if reminders.is_empty() {
        return Ok(Vec::new());
    }
    let people = person::Entity::find()
        .filter(person::Column::Id.is_in(reminders.iter().map(|row| row.person_id)))
        .filter(person::Column::Active.eq(true))
        .all(db)
        .await?;
    Ok(reminders
        .into_iter()
        .filter_map(|reminder| {
            let person = people.iter().find(|p| p.id == reminder.person_id)?;
            Some(Candidate {
                person_id: person.id,
                email: person.email.clone(),
                name: person.display_name.clone(),
                time_zone: person.time_zone.clone(),
                working_days: person.working_days.clone(),
                local_time: reminder.local_time,
                last_sent_on: reminder.last_sent_on,
            })
        })
        .collect())
}

/// Claims today's reminder for the person: sets `last_sent_on` to `today` (and the new
/// unsubscribe token) only if it is not already `today` and the reminder is still on. True for
/// exactly one caller per person and day, however many instances try at once.
pub async fn claim(
    db: &impl ConnectionTrait,
    person_id: i64,
    today: NaiveDate,
    token_hash: &str,
) -> Result<bool, AppError> {
    let result = checkin_reminder::Entity::update_many()
        .col_expr(checkin_reminder::Column::LastSentOn, Expr::value(today))
        .col_expr(
            checkin_reminder::Column::UnsubscribeTokenHash,
            Expr::value(token_hash.to_string()),
        )
        .filter(checkin_reminder::Column::PersonId.eq(person_id))
        .filter(checkin_reminder::Column::Enabled.eq(true))
        .filter(
            Condition::any()
                .add(checkin_reminder::Column::LastSentOn.is_null())
                .add(checkin_reminder::Column::LastSentOn.ne(today)),
        )
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}
