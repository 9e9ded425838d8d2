//! One-time links (invites and password resets): expiring, single use, stored as hashes.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::{
    domain::account::LinkPurpose,
    error::AppError,
    server::{
        entities::account_link,
        secrets::{hash_secret, new_secret},
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsableLink {
    pub token_hash: String,
    pub person_id: i64,
    pub purpose: LinkPurpose,
    pub expires_at: DateTime<Utc>,
}

/// Issues a link and returns its secret. Earlier unused links from the same source stop
/// working: an admin's new link voids every earlier one, while a link someone asks for
/// themselves (`issued_by` None) voids only earlier self-service links, so an anonymous request
/// for a known address cannot cancel the invite HR just handed over.
pub async fn issue(
    db: &impl ConnectionTrait,
    person_id: i64,
    purpose: LinkPurpose,
    issued_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let mut earlier = account_link::Entity::update_many()
        .col_expr(
            account_link::Column::UsedAt,
            sea_orm::prelude::Expr::value(now),
        )
        .filter(account_link::Column::PersonId.eq(person_id))
        .filter(account_link::Column::UsedAt.is_null());
    if issued_by.is_none() {
        earlier = earlier.filter(account_link::Column::CreatedBy.is_null());
    }
    earlier.exec(db).await?;
    let token = new_secret()?;
    account_link::ActiveModel {
        token_hash: Set(hash_secret(&token)),
        person_id: Set(person_id),
        purpose: Set(purpose.as_str().to_string()),
        created_by: Set(issued_by),
        created_at: Set(now),
        expires_at: Set(now + purpose.lifetime()),
        used_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The link behind `token` if it is unused and unexpired.
pub async fn find_usable(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<UsableLink>, AppError> {
    let Some(row) = account_link::Entity::find_by_id(hash_secret(token))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(purpose) = LinkPurpose::parse(&row.purpose) else {
        return Ok(None);
    };
    if row.used_at.is_some() || now >= row.expires_at {
        return Ok(None);
    }
    Ok(Some(UsableLink {
        token_hash: row.token_hash,
        person_id: row.person_id,
        purpose,
        expires_at: row.expires_at,
    }))
}

/// Uses the link up, with every other unused link of the person: once the password is set, no
/// older link can set it again. Returns false if another request used it first.
pub async fn mark_used(
    db: &impl ConnectionTrait,
    token_hash: &str,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let used_at = || {
        account_link::Entity::update_many().col_expr(
            account_link::Column::UsedAt,
            sea_orm::prelude::Expr::value(now),
        )
    };
    let result = used_at()
        .filter(account_link::Column::TokenHash.eq(token_hash))
        .filter(account_link::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if result.rows_affected != 1 {
        return Ok(false);
    }
    used_at()
        .filter(account_link::Column::PersonId.eq(person_id))
        .filter(account_link::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(true)
}
