//! Pulse surveys: HR opens and closes them (admins); members answer their own; team managers
//! rate the delivered work of their team's members.

use app::{
    server::{repo::audit::Actor, services::pulses, state::AppState},
    wire::{
        pulses::{ManagerRating, MyPulse, PulseAnswers, PulseOpening, PulseSummary},
        Created,
    },
};
use axum::{extract::State, http::StatusCode, Json};

use super::{
    error::{ErrorBody, Refusals},
    extract::{Authenticated, JsonBody, PathParam},
    ApiError,
};

/// The pilot's pulses: dates and status, never who answered.
#[utoipa::path(
    get,
    path = "/pilots/{id}/pulses",
    tag = "pulses",
    params(("id" = i64, Path, description = "The pilot's id")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = Vec<PulseSummary>),
        Refusals,
        (status = 404, body = ErrorBody),
    )
)]
pub async fn list_pulses(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
) -> Result<Json<Vec<PulseSummary>>, ApiError> {
    let today = chrono::Utc::now().date_naive();
    Ok(Json(
        pulses::of_pilot(&state.db, Actor::Caller(&caller), id, today).await?,
    ))
}

/// Opens the pilot's baseline or follow-up pulse, between two days of that window.
#[utoipa::path(
    post,
    path = "/pilots/{id}/pulses",
    tag = "pulses",
    params(("id" = i64, Path, description = "The pilot's id")),
    request_body = PulseOpening,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 201, body = Created),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 409, description = "The pilot has a pulse for this phase, or is decided", body = ErrorBody),
        (status = 422, description = "A date outside the phase's window; `field` names it", body = ErrorBody),
    )
)]
pub async fn open_pulse(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(input): JsonBody<PulseOpening>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let now = chrono::Utc::now();
    let id = pulses::open(&state.db, Actor::Caller(&caller), id, &input, now).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// Closes a pulse: no answer is taken or changed after this.
#[utoipa::path(
    post,
    path = "/pulses/{id}/close",
    tag = "pulses",
    params(("id" = i64, Path, description = "The pulse's id")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Closed"),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 409, description = "Closed already", body = ErrorBody),
    )
)]
pub async fn close_pulse(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
) -> Result<StatusCode, ApiError> {
    pulses::close(&state.db, Actor::Caller(&caller), id, chrono::Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The pulses open for the caller today (their local date), with their own answer.
#[utoipa::path(
    get,
    path = "/me/pulses",
    tag = "pulses",
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = Vec<MyPulse>),
        Refusals,
    )
)]
pub async fn my_pulses(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<Vec<MyPulse>>, ApiError> {
    let now = chrono::Utc::now();
    Ok(Json(
        pulses::mine(&state.db, Actor::Caller(&caller), now).await?,
    ))
}

/// Answers the pulse, or changes the answer until it closes (the answer keeps its first date).
#[utoipa::path(
    put,
    path = "/pulses/{id}/response",
    tag = "pulses",
    params(("id" = i64, Path, description = "The pulse's id")),
    request_body = PulseAnswers,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Stored"),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 409, description = "Not open, or the caller is not a consenting member", body = ErrorBody),
        (status = 422, description = "An answer out of range; `field` names it", body = ErrorBody),
    )
)]
pub async fn answer_pulse(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(answers): JsonBody<PulseAnswers>,
) -> Result<StatusCode, ApiError> {
    let now = chrono::Utc::now();
    pulses::answer(&state.db, Actor::Caller(&caller), id, &answers, now).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A team manager rates a member's delivered work (1–5), until the pulse closes.
#[utoipa::path(
    put,
    path = "/pulses/{id}/ratings/{person_id}",
    tag = "pulses",
    params(
        ("id" = i64, Path, description = "The pulse's id"),
        ("person_id" = i64, Path, description = "The member rated"),
    ),
    request_body = ManagerRating,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Stored"),
        Refusals,
        (status = 404, description = "No such pulse, or the person is not in the pilot's teams", body = ErrorBody),
        (status = 409, description = "The pulse is not open", body = ErrorBody),
        (status = 422, description = "A rating out of range, or one's own", body = ErrorBody),
    )
)]
pub async fn rate_member(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam((id, person_id)): PathParam<(i64, i64)>,
    JsonBody(body): JsonBody<ManagerRating>,
) -> Result<StatusCode, ApiError> {
    let (actor, now) = (Actor::Caller(&caller), chrono::Utc::now());
    pulses::rate(&state.db, actor, id, person_id, body.rating, now).await?;
    Ok(StatusCode::NO_CONTENT)
}
