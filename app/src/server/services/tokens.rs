//! API tokens for integrations: listed, created (the secret shown once) and revoked by admins.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::{
    domain::{access::Action, account::ApiScope, audit::AuditAction},
    error::AppError,
    server::{
        repo::{
            self,
            audit::{Actor, Entry},
        },
        tx,
    },
    wire::tokens::{ApiTokenSummary, NewApiToken},
};

pub async fn list(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
) -> Result<Vec<ApiTokenSummary>, AppError> {
    super::authorize(&actor, Action::ReadTokens)?;
    repo::api_tokens::list(db).await
}

/// A token acts for the admin who creates it, with the rights of `scope` (`read` or `write`).
pub async fn create(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    name: &str,
    scope: &str,
    now: DateTime<Utc>,
) -> Result<NewApiToken, AppError> {
    super::authorize(&actor, Action::ChangeTokens)?;
    let creator = super::signed_in(&actor)?.person_id;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(AppError::validation(
            "name",
            "give the token a name of 1 to 80 characters",
        ));
    }
    let scope = ApiScope::parse(scope)?;
    tx::write(db, async |tx| {
        let (id, secret) = repo::api_tokens::create(tx, name, scope, creator, now).await?;
        let entry = Entry::new(actor, AuditAction::ApiTokenCreated, "api_token")
            .object(id)
            .detail(format!("{name} ({})", scope.as_str()));
        repo::audit::record(tx, entry, now).await?;
        Ok(NewApiToken {
            id,
            name: name.to_string(),
            secret,
        })
    })
    .await
}

/// Revoking twice is harmless; an unknown id is 404.
pub async fn revoke(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    super::authorize(&actor, Action::ChangeTokens)?;
    tx::write(db, async |tx| {
        let name = repo::api_tokens::revoke(tx, id, now).await?;
        let entry = Entry::new(actor, AuditAction::ApiTokenRevoked, "api_token")
            .object(id)
            .detail(name);
        repo::audit::record(tx, entry, now).await
    })
    .await
}
