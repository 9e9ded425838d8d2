//! `GET /instance`: versions, database and migrations of this instance, for admins;
//! `GET`/`PUT /settings/retention`: how long entries of closed pilots are kept.

use app::{
    server::{
        repo::audit::Actor,
        services::{retention, system},
        state::AppState,
    },
    wire::system::{InstanceStatus, RetentionInput, RetentionSetting},
};
use axum::{extract::State, Json};

use super::{
    error::{ErrorBody, Refusals},
    extract::{Authenticated, JsonBody},
    ApiError,
};

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

/// How long entries of closed pilots are kept (admins).
#[utoipa::path(
    get,
    path = "/settings/retention",
    tag = "system",
    security(("session" = []), ("token" = [])),
    responses((status = 200, body = RetentionSetting), Refusals)
)]
pub async fn get_retention(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<RetentionSetting>, ApiError> {
    let today = chrono::Utc::now().date_naive();
    Ok(Json(
        retention::setting(&state.db, Actor::Caller(&caller), today).await?,
    ))
}

/// Changes the retention period: whole months from 1 to 120. The daily job deletes entries
/// and check-ins of closed pilots dated before the first kept day; the change is audited.
#[utoipa::path(
    put,
    path = "/settings/retention",
    tag = "system",
    request_body = RetentionInput,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = RetentionSetting),
        Refusals,
        (status = 422, description = "Not a whole number of months from 1 to 120", body = ErrorBody),
    )
)]
pub async fn set_retention(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(body): JsonBody<RetentionInput>,
) -> Result<Json<RetentionSetting>, ApiError> {
    let now = chrono::Utc::now();
    Ok(Json(
        retention::set_months(&state.db, Actor::Caller(&caller), body.months, now).await?,
    ))
}
