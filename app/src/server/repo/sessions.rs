//! Sessions in the database, so that every app instance (and a restarted one) sees them.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, Set,
};

use super::people::Person;
use crate::{
    domain::account::{SESSION_ABSOLUTE_LIFETIME, SESSION_IDLE_TIMEOUT, SESSION_TOUCH_INTERVAL},
    error::AppError,
    server::{
        entities::{person, session},
        secrets::{hash_secret, new_secret},
    },
};

/// Starts a session; returns the secret for the cookie (only its hash is stored).
pub async fn create(
    db: &impl ConnectionTrait,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let token = new_secret()?;
    session::ActiveModel {
        token_hash: Set(hash_secret(&token)),
        person_id: Set(person_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + SESSION_ABSOLUTE_LIFETIME),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The person behind a session cookie, if the session is alive and its person active.
pub async fn authenticate(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Person>, AppError> {
    let token_hash = hash_secret(token);
    let Some((row, Some(person))) = session::Entity::find_by_id(token_hash.clone())
        .find_also_related(person::Entity)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let idle_deadline = row.last_seen_at + SESSION_IDLE_TIMEOUT;
    if now >= row.expires_at || now >= idle_deadline || !person.active {
        session::Entity::delete_by_id(token_hash).exec(db).await?;
        return Ok(None);
    }
    if now - row.last_seen_at >= SESSION_TOUCH_INTERVAL {
        let mut touched: session::ActiveModel = row.into();
        touched.last_seen_at = Set(now);
        touched.update(db).await?;
    }
    Ok(Some(Person::from(person)))
}

pub async fn delete(db: &impl ConnectionTrait, token_hash: &str) -> Result<(), AppError> {
    session::Entity::delete_by_id(token_hash.to_string())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a person (sign out everywhere, deactivation, password change).
/// Returns how many ended.
pub async fn delete_for_person(db: &impl ConnectionTrait, person_id: i64) -> Result<u64, AppError> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::PersonId.eq(person_id))
        .exec(db)
        .await?
        .rows_affected)
}

/// Housekeeping: forgets sessions that can no longer be used.
pub async fn delete_expired(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    Ok(session::Entity::delete_many()
        .filter(
            Condition::any()
                .add(session::Column::ExpiresAt.lte(now))
                .add(session::Column::LastSeenAt.lte(now - SESSION_IDLE_TIMEOUT)),
        )
        .exec(db)
        .await?
        .rows_affected)
}

pub async fn count_for_person(db: &impl ConnectionTrait, person_id: i64) -> Result<u64, AppError> {
    use sea_orm::PaginatorTrait;
    Ok(session::Entity::find()
        .filter(session::Column::PersonId.eq(person_id))
        .count(db)
        .await?)
}
