//! `GET /instance`: versions, database and migrations of this instance, for admins.

use app::{
    server::{repo::audit::Actor, services::system, state::AppState},
    wire::system::InstanceStatus,
};
use axum::{extract::State, Json};

use super::{error::Refusals, extract::Authenticated, ApiError};

/// What this instance runs: its version, database and applied migrations, and how many people
/// it knows.
#[utoipa::path(
    get,
    path = "/instance",
    tag = "system",
    security(("session" = []), ("token" = [])),
    responses((status = 200, body = InstanceStatus), Refusals)
)]
pub async fn get_instance_status(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<InstanceStatus>, ApiError> {
    Ok(Json(
        system::status(&state.db, Actor::Caller(&caller)).await?,
    ))
}
