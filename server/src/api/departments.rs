//! Departments: the list (admins and executives), create, rename, (de)activate (admins with a
//! session or a write token). Each handler calls the service the server functions call.

use app::{
    server::{repo::audit::Actor, services::departments, state::AppState},
    wire::{
        departments::{DepartmentRequest, DepartmentSummary},
        ActiveRequest, Created,
    },
};
use axum::{extract::State, http::StatusCode, Json};

use super::{
    error::{ErrorBody, Refusals},
    extract::{Authenticated, JsonBody, PathParam},
    ApiError,
};

/// Every department with its active teams and members.
#[utoipa::path(
    get,
    path = "/departments",
    tag = "organisation",
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = Vec<DepartmentSummary>),
        Refusals,
    )
)]
pub async fn list_departments(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<Vec<DepartmentSummary>>, ApiError> {
    Ok(Json(
        departments::list(&state.db, Actor::Caller(&caller)).await?,
    ))
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
        Refusals,
        (status = 409, description = "The name is taken", body = ErrorBody),
        (status = 422, description = "The name is empty or too long", body = ErrorBody),
    )
)]
pub async fn create_department(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(request): JsonBody<DepartmentRequest>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let now = chrono::Utc::now();
    let actor = Actor::Caller(&caller);
    let id = departments::save(&state.db, actor, None, &request.name, now).await?;
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
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 409, description = "The name is taken", body = ErrorBody),
    )
)]
pub async fn rename_department(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(request): JsonBody<DepartmentRequest>,
) -> Result<StatusCode, ApiError> {
    let now = chrono::Utc::now();
    let actor = Actor::Caller(&caller);
    departments::save(&state.db, actor, Some(id), &request.name, now).await?;
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
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 409, description = "It still has active teams", body = ErrorBody),
    )
)]
pub async fn set_department_active(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(request): JsonBody<ActiveRequest>,
) -> Result<StatusCode, ApiError> {
    let now = chrono::Utc::now();
    departments::set_active(&state.db, Actor::Caller(&caller), id, request.active, now).await?;
    Ok(StatusCode::NO_CONTENT)
}
