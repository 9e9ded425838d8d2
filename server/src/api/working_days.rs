//! The caller's own working days: the days participation expects a check-in on.

use app::{
    server::{repo::audit::Actor, services::working_days, state::AppState},
    wire::working_days::WorkingDaysBody,
};
use axum::{extract::State, Json};

use super::{
    error::{ErrorBody, Refusals},
    extract::{Authenticated, JsonBody},
    ApiError,
};

/// The caller's working days (Monday to Friday unless they set their own).
#[utoipa::path(
    get,
    path = "/me/working-days",
    tag = "session",
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = WorkingDaysBody),
        Refusals,
    )
)]
pub async fn get_working_days(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<WorkingDaysBody>, ApiError> {
    Ok(Json(
        working_days::mine(&state.db, Actor::Caller(&caller)).await?,
    ))
}

/// Sets the caller's working days: `mon` … `sun`, at least one. Answers them in week order.
#[utoipa::path(
    put,
    path = "/me/working-days",
    tag = "session",
    request_body = WorkingDaysBody,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = WorkingDaysBody),
        Refusals,
        (status = 422, description = "No day, or an unknown one; `field` is working_days", body = ErrorBody),
    )
)]
pub async fn set_working_days(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(body): JsonBody<WorkingDaysBody>,
) -> Result<Json<WorkingDaysBody>, ApiError> {
    let now = chrono::Utc::now();
    Ok(Json(
        working_days::set(&state.db, Actor::Caller(&caller), &body.days, now).await?,
    ))
}
