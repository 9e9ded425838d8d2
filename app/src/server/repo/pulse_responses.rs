//! Who answered a pulse (or rated whom), and the date their entries carry: `pulse_responses`.
//! The answers themselves are entries (`repo::entries`).

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
};

use crate::{error::AppError, server::entities::pulse_response};

/// A response row: who answered (or rated whom) and the date its entries carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Response {
    pub id: i64,
    pub entry_date: NaiveDate,
}

/// The person's own answer to the pulse (`rated` None) or their rating of `rated`.
pub async fn response(
    db: &impl ConnectionTrait,
    pulse_id: i64,
    person_id: i64,
    rated: Option<i64>,
) -> Result<Option<Response>, AppError> {
    let query = pulse_response::Entity::find()
        .filter(pulse_response::Column::PulseId.eq(pulse_id))
        .filter(pulse_response::Column::PersonId.eq(person_id));
    let query = match rated {
        Some(rated) => query.filter(pulse_response::Column::RatedPersonId.eq(rated)),
        None => query.filter(pulse_response::Column::RatedPersonId.is_null()),
    };
    Ok(query.one(db).await?.map(|row| Response {
        id: row.id,
        entry_date: row.entry_date,
    }))
}

/// Records a first answer (or rating); 409 when one was recorded at the same moment.
pub async fn insert_response(
    db: &impl ConnectionTrait,
    pulse_id: i64,
    person_id: i64,
    rated: Option<i64>,
    entry_date: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    pulse_response::ActiveModel {
        pulse_id: Set(pulse_id),
        person_id: Set(person_id),
        rated_person_id: Set(rated),
        entry_date: Set(entry_date),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|error| match AppError::from(error) {
        AppError::Conflict(_) => {
            AppError::Conflict("this answer was saved twice at once; reload and try again".into())
        }
        other => other,
    })?;
    Ok(())
}

pub async fn touch_response(
    db: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    pulse_response::ActiveModel {
        id: Set(id),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Who answered these pulses themselves: (pulse, person).
pub async fn responders(
    db: &impl ConnectionTrait,
    pulse_ids: &[i64],
) -> Result<Vec<(i64, i64)>, AppError> {
    if pulse_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(pulse_response::Entity::find()
        .select_only()
        .column(pulse_response::Column::PulseId)
        .column(pulse_response::Column::PersonId)
        .filter(pulse_response::Column::PulseId.is_in(pulse_ids.iter().copied()))
        .filter(pulse_response::Column::RatedPersonId.is_null())
        .into_tuple()
        .all(db)
        .await?)
}

/// The manager's ratings in this pulse: (rated person, entry date).
pub async fn ratings_by(
    db: &impl ConnectionTrait,
    pulse_id: i64,
    manager_id: i64,
) -> Result<Vec<(i64, NaiveDate)>, AppError> {
    Ok(pulse_response::Entity::find()
        .select_only()
        .column(pulse_response::Column::RatedPersonId)
        .column(pulse_response::Column::EntryDate)
        .filter(pulse_response::Column::PulseId.eq(pulse_id))
        .filter(pulse_response::Column::PersonId.eq(manager_id))
        .filter(pulse_response::Column::RatedPersonId.is_not_null())
        .into_tuple()
        .all(db)
        .await?)
}
