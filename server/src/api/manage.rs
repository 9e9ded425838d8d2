//! Changing the organisation one record at a time: departments, teams and people. Admins only,
//! with a write token or a session; every change is audited by the functions called.

use app::{
    server::{accounts, repo::audit::Actor, services::person_details, state::AppState},
    wire::person_details::PersonInput,
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

/// Whether a department, team or person is active.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ActiveRequest {
    pub active: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RoleRequest {
    /// `admin`, `executive` or `participant`.
    pub role: String,
}

/// Changes a person's name, team (keeping the history), manager, time zone or working pattern.
#[utoipa::path(
    put,
    path = "/people/{id}",
    tag = "people",
    params(("id" = i64, Path)),
    request_body = PersonInput,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Changed"),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin, or a read-only token", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn update_person(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<i64>,
    Json(person): Json<PersonInput>,
) -> Result<StatusCode, ApiError> {
    caller.require_admin()?;
    caller.require_write()?;
    let now = chrono::Utc::now();
    person_details::edit_person(&state.db, Actor::Caller(&caller), id, &person, now).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Changes a person's role; the last active admin keeps theirs.
#[utoipa::path(
    put,
    path = "/people/{id}/role",
    tag = "people",
    params(("id" = i64, Path)),
    request_body = RoleRequest,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Changed"),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin, or a read-only token", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "The last active admin", body = ErrorBody),
        (status = 422, description = "Not a role", body = ErrorBody),
    )
)]
pub async fn change_role(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<i64>,
    Json(request): Json<RoleRequest>,
) -> Result<StatusCode, ApiError> {
    caller.require_admin()?;
    caller.require_write()?;
    accounts::change_role(&state.db, &caller, id, &request.role, chrono::Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Deactivates a person (their sessions end at once) or reactivates them.
#[utoipa::path(
    put,
    path = "/people/{id}/active",
    tag = "people",
    params(("id" = i64, Path)),
    request_body = ActiveRequest,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Changed"),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin, or a read-only token", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Yourself, or the last active admin", body = ErrorBody),
    )
)]
pub async fn set_person_active(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<i64>,
    Json(request): Json<ActiveRequest>,
) -> Result<StatusCode, ApiError> {
    caller.require_admin()?;
    caller.require_write()?;
    accounts::set_active(&state.db, &caller, id, request.active, chrono::Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
