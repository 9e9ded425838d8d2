//! Changing the organisation one record at a time: departments and teams. Admins only,
//! with a write token or a session; every change is audited by the functions called.

use app::{
    domain::org::TeamInput,
    server::{org, repo::audit::Actor, state::AppState},
};
use axum::{
    extract::{Path, State},
    http::StatusCode,
    Json,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{error::ErrorBody, extract::Authenticated, ApiError};

/// The id of what was created.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Created {
    pub id: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct DepartmentRequest {
    pub name: String,
}

/// Whether a department, team or person is active.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ActiveRequest {
    pub active: bool,
}

/// Creates a department.
#[utoipa::path(
    post,
    path = "/departments",
    tag = "organisation",
    request_body = DepartmentRequest,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 201, body = Created),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin, or a read-only token", body = ErrorBody),
        (status = 409, description = "The name is taken", body = ErrorBody),
        (status = 422, description = "The name is empty or too long", body = ErrorBody),
    )
)]
pub async fn create_department(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Json(request): Json<DepartmentRequest>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    caller.require_admin()?;
    caller.require_write()?;
    let now = chrono::Utc::now();
    let id =
        org::save_department(&state.db, Actor::Caller(&caller), None, &request.name, now).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// Renames a department.
#[utoipa::path(
    put,
    path = "/departments/{id}",
    tag = "organisation",
    params(("id" = i64, Path)),
    request_body = DepartmentRequest,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Renamed"),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin, or a read-only token", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "The name is taken", body = ErrorBody),
    )
)]
pub async fn rename_department(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<i64>,
    Json(request): Json<DepartmentRequest>,
) -> Result<StatusCode, ApiError> {
    caller.require_admin()?;
    caller.require_write()?;
    let now = chrono::Utc::now();
    org::save_department(
        &state.db,
        Actor::Caller(&caller),
        Some(id),
        &request.name,
        now,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Deactivates a department without active teams, or reactivates one.
#[utoipa::path(
    put,
    path = "/departments/{id}/active",
    tag = "organisation",
    params(("id" = i64, Path)),
    request_body = ActiveRequest,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Changed"),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin, or a read-only token", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "It still has active teams", body = ErrorBody),
    )
)]
pub async fn set_department_active(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<i64>,
    Json(request): Json<ActiveRequest>,
) -> Result<StatusCode, ApiError> {
    caller.require_admin()?;
    caller.require_write()?;
    let now = chrono::Utc::now();
    org::set_department_active(&state.db, Actor::Caller(&caller), id, request.active, now).await?;
    Ok(StatusCode::NO_CONTENT)
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
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin, or a read-only token", body = ErrorBody),
        (status = 409, description = "The name is taken", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn create_team(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Json(team): Json<TeamInput>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    caller.require_admin()?;
    caller.require_write()?;
    let now = chrono::Utc::now();
    let id = org::save_team(&state.db, Actor::Caller(&caller), None, &team, now).await?;
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
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin, or a read-only token", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn update_team(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<i64>,
    Json(team): Json<TeamInput>,
) -> Result<StatusCode, ApiError> {
    caller.require_admin()?;
    caller.require_write()?;
    let now = chrono::Utc::now();
    org::save_team(&state.db, Actor::Caller(&caller), Some(id), &team, now).await?;
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
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin, or a read-only token", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "It has members or takes part in a pilot", body = ErrorBody),
    )
)]
pub async fn set_team_active(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<i64>,
    Json(request): Json<ActiveRequest>,
) -> Result<StatusCode, ApiError> {
    caller.require_admin()?;
    caller.require_write()?;
    let now = chrono::Utc::now();
    org::set_team_active(&state.db, Actor::Caller(&caller), id, request.active, now).await?;
    Ok(StatusCode::NO_CONTENT)
}
