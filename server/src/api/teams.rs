//! Teams: the searched list (admins and executives), create, change, (de)activate (admins with
//! a session or a write token). Each handler calls the service the server functions call.

use app::{
    server::{repo::audit::Actor, services::teams, state::AppState},
    wire::{
        teams::{TeamInput, TeamPage},
        ActiveRequest, Created,
    },
};
use axum::{extract::State, http::StatusCode, Json};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{
    error::{ErrorBody, Refusals},
    extract::{Authenticated, JsonBody, PathParam, QueryParams},
    ApiError,
};

#[derive(Debug, Deserialize, IntoParams)]
pub struct TeamsQuery {
    /// Part of a team's or its department's name, any case.
    pub q: Option<String>,
    /// Zero-based page of 50.
    pub page: Option<u64>,
}

/// Teams, active or not, with their department, manager and size: 50 per page by name,
/// optionally searched.
#[utoipa::path(
    get,
    path = "/teams",
    tag = "organisation",
    params(TeamsQuery),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = TeamPage),
        Refusals,
    )
)]
pub async fn list_teams(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    QueryParams(query): QueryParams<TeamsQuery>,
) -> Result<Json<TeamPage>, ApiError> {
    let q = query.q.unwrap_or_default();
    let page = query.page.unwrap_or(0);
    Ok(Json(
        teams::search(&state.db, Actor::Caller(&caller), &q, page).await?,
    ))
}

/// Creates a team; a new department name creates the department.
#[utoipa::path(
    post,
    path = "/teams",
    tag = "organisation",
    request_body = TeamInput,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 201, body = Created),
        Refusals,
        (status = 409, description = "The name is taken", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn create_team(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(team): JsonBody<TeamInput>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let now = chrono::Utc::now();
    let id = teams::save(&state.db, Actor::Caller(&caller), None, &team, now).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// Changes a team's name, department, manager or time zone.
#[utoipa::path(
    put,
    path = "/teams/{id}",
    tag = "organisation",
    params(("id" = i64, Path)),
    request_body = TeamInput,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Changed"),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn update_team(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(team): JsonBody<TeamInput>,
) -> Result<StatusCode, ApiError> {
    let now = chrono::Utc::now();
    teams::save(&state.db, Actor::Caller(&caller), Some(id), &team, now).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Deactivates a team without members or pilots, or reactivates one.
#[utoipa::path(
    put,
    path = "/teams/{id}/active",
    tag = "organisation",
    params(("id" = i64, Path)),
    request_body = ActiveRequest,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Changed"),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 409, description = "It has members or takes part in a pilot", body = ErrorBody),
    )
)]
pub async fn set_team_active(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(request): JsonBody<ActiveRequest>,
) -> Result<StatusCode, ApiError> {
    let now = chrono::Utc::now();
    teams::set_active(&state.db, Actor::Caller(&caller), id, request.active, now).await?;
    Ok(StatusCode::NO_CONTENT)
}
