//! `GET /tokens`, `POST /tokens`, `DELETE /tokens/{id}`: API tokens, for admins.

use app::{
    server::{repo::audit::Actor, services::tokens, state::AppState},
    wire::tokens::{ApiTokenSummary, NewApiToken, NewApiTokenRequest},
};
use axum::{extract::State, http::StatusCode, Json};

use super::{
    error::{ErrorBody, Refusals},
    extract::{Authenticated, JsonBody, PathParam},
    ApiError,
};

/// Every API token, revoked ones included, newest first (never their secrets).
#[utoipa::path(
    get,
    path = "/tokens",
    tag = "tokens",
    security(("session" = []), ("token" = [])),
    responses((status = 200, body = Vec<ApiTokenSummary>), Refusals)
)]
pub async fn list_tokens(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<Vec<ApiTokenSummary>>, ApiError> {
    Ok(Json(tokens::list(&state.db, Actor::Caller(&caller)).await?))
}

/// Creates a token acting for the caller; the answer holds its secret, shown only this once.
#[utoipa::path(
    post,
    path = "/tokens",
    tag = "tokens",
    request_body = NewApiTokenRequest,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 201, body = NewApiToken),
        Refusals,
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn create_token(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(request): JsonBody<NewApiTokenRequest>,
) -> Result<(StatusCode, Json<NewApiToken>), ApiError> {
    let (actor, now) = (Actor::Caller(&caller), chrono::Utc::now());
    let scope = request.scope.as_str();
    let token = tokens::create(&state.db, actor, &request.name, scope, now).await?;
    Ok((StatusCode::CREATED, Json(token)))
}

/// Revokes a token at once; revoking it again changes nothing.
#[utoipa::path(
    delete,
    path = "/tokens/{id}",
    tag = "tokens",
    params(("id" = i64, Path)),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Revoked"),
        Refusals,
        (status = 404, body = ErrorBody),
    )
)]
pub async fn revoke_token(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
) -> Result<StatusCode, ApiError> {
    tokens::revoke(&state.db, Actor::Caller(&caller), id, chrono::Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
