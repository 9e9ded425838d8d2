//! Decision process types: the built-in ones and HR's (any signed-in caller reads; admins
//! define).

use app::{
    server::{repo::audit::Actor, services::process_types, state::AppState},
    wire::{
        process_types::{ProcessType, ProcessTypeInput},
        Created,
    },
};
use axum::{extract::State, http::StatusCode, Json};

use super::{
    error::{ErrorBody, Refusals},
    extract::{Authenticated, JsonBody},
    ApiError,
};

/// The built-in process types, then those HR defined.
#[utoipa::path(
    get,
    path = "/process-types",
    tag = "team records",
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = Vec<ProcessType>),
        Refusals,
    )
)]
pub async fn list_process_types(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<Vec<ProcessType>>, ApiError> {
    Ok(Json(
        process_types::list(&state.db, Actor::Caller(&caller)).await?,
    ))
}

/// Defines a process type (admins).
#[utoipa::path(
    post,
    path = "/process-types",
    tag = "team records",
    request_body = ProcessTypeInput,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 201, body = Created),
        Refusals,
        (status = 409, description = "The key is defined already", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn create_process_type(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(input): JsonBody<ProcessTypeInput>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let now = chrono::Utc::now();
    let id = process_types::create(&state.db, Actor::Caller(&caller), &input, now).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}
