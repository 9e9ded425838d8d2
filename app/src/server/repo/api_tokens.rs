//! API tokens: created by admins, shown once, stored hashed, revocable.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::people::Person;
use crate::{
    domain::account::{ApiScope, Role},
    error::AppError,
    server::{
        entities::{api_token, person},
        secrets::{hash_secret, new_secret},
    },
    wire::tokens::ApiTokenSummary,
};

/// Tokens carry a recognisable prefix so that secret scanners and people can spot them.
pub const TOKEN_PREFIX: &str = "ap_";

/// A usable token and the admin it acts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenOwner {
    pub token_id: i64,
    pub scope: ApiScope,
    pub creator: Person,
}

/// Creates a token; returns it with its secret, which is never available again.
pub async fn create(
    db: &impl ConnectionTrait,
    name: &str,
    scope: ApiScope,
    created_by: i64,
    now: DateTime<Utc>,
) -> Result<(i64, String), AppError> {
    let secret = format!("{TOKEN_PREFIX}{}", new_secret()?);
    let row = api_token::ActiveModel {
        name: Set(name.to_string()),
        token_hash: Set(hash_secret(&secret)),
        scope: Set(scope.as_str().to_string()),
        created_by: Set(created_by),
        created_at: Set(now),
        last_used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((row.id, secret))
}

pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<ApiTokenSummary>, AppError> {
    let rows = api_token::Entity::find()
        .find_also_related(person::Entity)
        .order_by_desc(api_token::Column::CreatedAt)
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(row, creator)| ApiTokenSummary {
            id: row.id,
            scope: ApiScope::parse(&row.scope).unwrap_or(ApiScope::Read),
            name: row.name,
            created_by: creator.map(|person| person.email).unwrap_or_default(),
            created_at: row.created_at,
            last_used_at: row.last_used_at,
            revoked_at: row.revoked_at,
        })
        .collect())
}

/// Revokes a token; returns its name. Revoking twice is harmless.
pub async fn revoke(
    db: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let row = api_token::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("API token {id}")))?;
    let name = row.name.clone();
    if row.revoked_at.is_none() {
        let mut revoked: api_token::ActiveModel = row.into();
        revoked.revoked_at = Set(Some(now));
        revoked.update(db).await?;
    }
    Ok(name)
}

/// The token behind a bearer secret with its creator, while the token is unrevoked and the
/// creator is still an active admin.
pub async fn authenticate(
    db: &impl ConnectionTrait,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<Option<TokenOwner>, AppError> {
    let Some((row, Some(creator))) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(hash_secret(secret)))
        .find_also_related(person::Entity)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let creator = Person::from(creator);
    if row.revoked_at.is_some() || !creator.active || creator.role != Role::Admin {
        return Ok(None);
    }
    let scope = ApiScope::parse(&row.scope).unwrap_or(ApiScope::Read);
    let id = row.id;
    if row
        .last_used_at
        .is_none_or(|used| now - used >= crate::domain::account::SESSION_TOUCH_INTERVAL)
    {
        let mut used: api_token::ActiveModel = row.into();
        used.last_used_at = Set(Some(now));
        used.update(db).await?;
    }
    Ok(Some(TokenOwner {
        token_id: id,
        scope,
        creator,
    }))
}
