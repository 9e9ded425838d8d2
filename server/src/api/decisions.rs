//! Decision logs: a team's log, logging a decision, marking one decided. Times without an offset
//! are UTC and a bare date is 12:00 UTC, as in the decisions CSV (METHOD.md section 2).

use app::{
    server::{
        repo::audit::Actor,
        services::decisions::{self, TypedTimes},
        state::AppState,
    },
    wire::{
        decisions::{DecisionDecided, DecisionInput, TeamDecisions},
        Created,
    },
};
use axum::{extract::State, http::StatusCode, Json};

use super::{
    error::{ErrorBody, Refusals},
    extract::{Authenticated, JsonBody, PathParam},
    ApiError,
};

/// The team's decision log: its people see titles; HR sees them only when the team has at least
/// *k* people (`decisions` is null otherwise and `withheld` says why). Counts and the median
/// hours to decide are always given.
#[utoipa::path(
    get,
    path = "/teams/{id}/decisions",
    tag = "team records",
    params(("id" = i64, Path)),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = TeamDecisions),
        Refusals,
        (status = 404, body = ErrorBody),
    )
)]
pub async fn list_decisions(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
) -> Result<Json<TeamDecisions>, ApiError> {
    Ok(Json(
        decisions::log_of(&state.db, Actor::Caller(&caller), id).await?,
    ))
}

/// Logs a decision in one of the caller's teams.
#[utoipa::path(
    post,
    path = "/teams/{id}/decisions",
    tag = "team records",
    params(("id" = i64, Path)),
    request_body = DecisionInput,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 201, body = Created),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 422, description = "A field is invalid (e.g. decided before raised); `field` names it", body = ErrorBody),
    )
)]
pub async fn log_decision(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(decision): JsonBody<DecisionInput>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let now = chrono::Utc::now();
    let actor = Actor::Caller(&caller);
    let id = decisions::log(&state.db, actor, id, &decision, TypedTimes::Utc, now).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// Marks an open decision of one of the caller's teams decided.
#[utoipa::path(
    patch,
    path = "/decisions/{id}",
    tag = "team records",
    params(("id" = i64, Path)),
    request_body = DecisionDecided,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Marked decided"),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 409, description = "It is decided already", body = ErrorBody),
        (status = 422, description = "decided_at is invalid or before the decision was raised", body = ErrorBody),
    )
)]
pub async fn decide_decision(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(decided): JsonBody<DecisionDecided>,
) -> Result<StatusCode, ApiError> {
    let now = chrono::Utc::now();
    let actor = Actor::Caller(&caller);
    decisions::decide(&state.db, actor, id, &decided, TypedTimes::Utc, now).await?;
    Ok(StatusCode::NO_CONTENT)
}
