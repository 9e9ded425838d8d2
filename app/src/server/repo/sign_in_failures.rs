//! Sign-in attempts, counted in the database so that every app instance enforces one limit.
//! Subjects are SHA-256 hashes: whatever an anonymous caller sends, a row stays small.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, Set,
};

use crate::{
    domain::account::SIGN_IN_WINDOW,
    error::AppError,
    server::{entities::sign_in_failure, secrets::hash_secret},
};

/// `email` as normalised (trimmed, lower-case).
pub fn account_subject(email: &str) -> String {
    format!("account:{}", hash_secret(email))
}

/// A client address as `client_address::rate_limit_key` spells it (an IPv6 /64 as one).
pub fn client_subject(address: &str) -> String {
    format!("client:{}", hash_secret(address))
}

/// One account from one client address.
pub fn pair_subject(email: &str, address: &str) -> String {
    format!("pair:{}", hash_secret(&format!("{email}\n{address}")))
}

/// Records one attempt of `subject`; returns its id, to take it back if it is not a failure.
pub async fn record(
    db: &impl ConnectionTrait,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let row = sign_in_failure::ActiveModel {
        subject: Set(subject.to_string()),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Takes back attempts recorded by `record`.
pub async fn delete(db: &impl ConnectionTrait, ids: &[i64]) -> Result<(), AppError> {
    if ids.is_empty() {
        return Ok(());
    }
    sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

/// Each attempt of `subject` within the window (id and time), those under way included.
pub async fn recent_times(
    db: &impl ConnectionTrait,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<Vec<(i64, DateTime<Utc>)>, AppError> {
    Ok(sign_in_failure::Entity::find()
        .filter(sign_in_failure::Column::Subject.eq(subject))
        .filter(sign_in_failure::Column::At.gt(now - SIGN_IN_WINDOW))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row.at))
        .collect())
}

/// A successful sign-in clears the account's count; old rows of every subject go too.
pub async fn clear(
    db: &impl ConnectionTrait,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sign_in_failure::Entity::delete_many()
        .filter(
            Condition::any()
                .add(sign_in_failure::Column::Subject.eq(subject))
                .add(sign_in_failure::Column::At.lte(now - SIGN_IN_WINDOW)),
        )
        .exec(db)
        .await?;
    Ok(())
}
