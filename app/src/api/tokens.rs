//! Admin: API tokens for integrations.

use leptos::prelude::*;

use crate::{
    error::AppError,
    wire::tokens::{ApiTokenSummary, NewApiToken},
};

#[server(prefix = "/fn", endpoint = "list_api_tokens")]
pub async fn list_api_tokens() -> Result<Vec<ApiTokenSummary>, AppError> {
    use crate::server::{context, repo::audit::Actor, services::tokens};
    context::serve(
        |state, caller| async move { tokens::list(&state.db, Actor::Caller(&caller)).await },
    )
    .await
}

#[server(prefix = "/fn", endpoint = "create_api_token")]
pub async fn create_api_token(name: String, scope: String) -> Result<NewApiToken, AppError> {
    use crate::server::{context, repo::audit::Actor, services::tokens};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        tokens::create(&state.db, Actor::Caller(&caller), &name, &scope, now).await
    })
    .await
}

#[server(prefix = "/fn", endpoint = "revoke_api_token")]
pub async fn revoke_api_token(id: i64) -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::tokens};
    context::serve(|state, caller| async move {
        tokens::revoke(&state.db, Actor::Caller(&caller), id, chrono::Utc::now()).await
    })
    .await
}
