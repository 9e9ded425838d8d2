//! Admin: API tokens for integrations.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{domain::account::ApiScope, error::AppError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiTokenSummary {
    pub id: i64,
    pub name: String,
    pub scope: ApiScope,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A new token with its secret: the only time the secret is ever shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewApiToken {
    pub id: i64,
    pub name: String,
    pub secret: String,
}

#[server(prefix = "/fn", endpoint = "list_api_tokens")]
pub async fn list_api_tokens() -> Result<Vec<ApiTokenSummary>, AppError> {
    use crate::server::{context, repo, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            context::admin().await?;
            let tokens = repo::api_tokens::list(&state.db).await?;
            Ok(tokens
                .into_iter()
                .map(|token| ApiTokenSummary {
                    id: token.id,
                    name: token.name,
                    scope: token.scope,
                    created_by: token.created_by,
                    created_at: token.created_at,
                    last_used_at: token.last_used_at,
                    revoked_at: token.revoked_at,
                })
                .collect())
        }
        .await,
    )
}

#[server(prefix = "/fn", endpoint = "create_api_token")]
pub async fn create_api_token(name: String, scope: String) -> Result<NewApiToken, AppError> {
    use crate::server::{accounts, context, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            let admin = context::admin().await?;
            admin.require_write()?;
            let (id, secret) =
                accounts::create_api_token(&state.db, &admin, &name, &scope, chrono::Utc::now())
                    .await?;
            Ok(NewApiToken {
                id,
                name: name.trim().to_string(),
                secret,
            })
        }
        .await,
    )
}

#[server(prefix = "/fn", endpoint = "revoke_api_token")]
pub async fn revoke_api_token(id: i64) -> Result<(), AppError> {
    use crate::server::{accounts, context, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            let admin = context::admin().await?;
            admin.require_write()?;
            accounts::revoke_api_token(&state.db, &admin, id, chrono::Utc::now()).await
        }
        .await,
    )
}
