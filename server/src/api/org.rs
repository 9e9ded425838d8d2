//! Pilots: the list and one pilot (read by admins and executives).

use app::{
    domain::{
        account::Role,
        enrollment::{PilotDetail, PilotSummary},
    },
    server::{pilots, state::AppState},
};
use axum::{
    extract::{Path, State},
    Json,
};

use super::{error::ErrorBody, extract::Authenticated, ApiError};

/// Every pilot with its stage and number of teams.
#[utoipa::path(
    get,
    path = "/pilots",
    tag = "pilots",
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = Vec<PilotSummary>),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin or executive", body = ErrorBody),
    )
)]
pub async fn list_pilots(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<Vec<PilotSummary>>, ApiError> {
    caller.require_role(&[Role::Admin, Role::Executive])?;
    Ok(Json(pilots::list(&state.db).await?))
}

/// One pilot: protocol, stage, and participation per team (counts only).
#[utoipa::path(
    get,
    path = "/pilots/{id}",
    tag = "pilots",
    params(("id" = i64, Path, description = "The pilot's id")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = PilotDetail),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin or executive", body = ErrorBody),
        (status = 404, body = ErrorBody),
    )
)]
pub async fn get_pilot(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<i64>,
) -> Result<Json<PilotDetail>, ApiError> {
    caller.require_role(&[Role::Admin, Role::Executive])?;
    Ok(Json(pilots::detail(&state.db, id).await?))
}
