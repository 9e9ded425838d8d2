//! Participation of a pilot per phase: counts and rates per team (admins) or per arm
//! (executives), only for groups of at least the pilot's *k* frozen members.

use app::{
    server::{repo::audit::Actor, services::participation, state::AppState},
    wire::participation::PilotParticipation,
};
use axum::{extract::State, Json};

use super::{
    error::{ErrorBody, Refusals},
    extract::{Authenticated, PathParam},
    ApiError,
};

/// Check-ins received against those expected, and pulse response rates, per phase; teams
/// under 60 % are flagged.
#[utoipa::path(
    get,
    path = "/pilots/{id}/participation",
    tag = "pilots",
    params(("id" = i64, Path, description = "The pilot's id")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = PilotParticipation),
        Refusals,
        (status = 404, body = ErrorBody),
    )
)]
pub async fn get_participation(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
) -> Result<Json<PilotParticipation>, ApiError> {
    let today = chrono::Utc::now().date_naive();
    Ok(Json(
        participation::of_pilot(&state.db, Actor::Caller(&caller), id, today).await?,
    ))
}
