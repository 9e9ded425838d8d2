//! Rollout readiness: every pilot's suggested verdict with its evidence (HR and executives),
//! the portfolio as JSON and CSV, and HR's changes — thresholds, decisions, a new follow-up,
//! volunteering and the next wave as a draft pilot.

use app::{
    domain::readiness::csv::to_csv,
    server::{
        repo::audit::Actor, services::readiness, services::readiness_changes, state::AppState,
    },
    wire::readiness::{
        CreatedPilot, DecisionInput, ExtensionInput, NextWaveInput, PilotReadiness, Portfolio,
        Thresholds, ThresholdsInput, Volunteering,
    },
};
use axum::{extract::State, http::header, http::StatusCode, response::IntoResponse, Json};

use super::{
    error::{ErrorBody, Refusals},
    extract::{Authenticated, JsonBody, PathParam},
    ApiError,
};

/// Every pilot with its stage, suggested verdict (or progress), primary effect, participation
/// and coverage, and the organisation-wide picture.
#[utoipa::path(
    get,
    path = "/readiness",
    tag = "readiness",
    security(("session" = []), ("token" = [])),
    responses((status = 200, body = Portfolio), Refusals)
)]
pub async fn get_portfolio(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<Portfolio>, ApiError> {
    let now = chrono::Utc::now();
    Ok(Json(
        readiness::portfolio(&state.db, Actor::Caller(&caller), now).await?,
    ))
}

/// The portfolio as CSV: one row per pilot, numbers unrounded.
#[utoipa::path(
    get,
    path = "/readiness/csv",
    tag = "readiness",
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "CSV, one row per pilot", content_type = "text/csv", body = String),
        Refusals,
    )
)]
pub async fn export_portfolio(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<impl IntoResponse, ApiError> {
    let portfolio =
        readiness::portfolio(&state.db, Actor::Caller(&caller), chrono::Utc::now()).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"readiness.csv\"",
            ),
        ],
        to_csv(&portfolio),
    ))
}

/// One pilot's readiness: the suggested verdict, each component with its evidence and
/// threshold, the decisions recorded, and (after "expand") the next wave.
#[utoipa::path(
    get,
    path = "/pilots/{id}/readiness",
    tag = "readiness",
    params(("id" = i64, Path, description = "The pilot's id")),
    security(("session" = []), ("token" = [])),
    responses((status = 200, body = PilotReadiness), Refusals, (status = 404, body = ErrorBody))
)]
pub async fn get_pilot_readiness(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
) -> Result<Json<PilotReadiness>, ApiError> {
    let now = chrono::Utc::now();
    Ok(Json(
        readiness::of_pilot(&state.db, Actor::Caller(&caller), id, now).await?,
    ))
}

/// Changes the pilot's thresholds (HR, until the baseline starts): p and q as decimals, the
/// participation and training shares from 0 to 1.
#[utoipa::path(
    put,
    path = "/pilots/{id}/readiness/thresholds",
    tag = "readiness",
    params(("id" = i64, Path, description = "The pilot's id")),
    request_body = Thresholds,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = Thresholds),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 409, description = "The baseline has started: the thresholds are locked", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn set_thresholds(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(body): JsonBody<Thresholds>,
) -> Result<Json<Thresholds>, ApiError> {
    let input = ThresholdsInput {
        primary_p: body.primary_p.to_string(),
        guardrail_q: body.guardrail_q.to_string(),
        participation_percent: (body.participation * 100.0).to_string(),
        training_percent: (body.training * 100.0).to_string(),
    };
    let now = chrono::Utc::now();
    Ok(Json(
        readiness_changes::set_thresholds(&state.db, Actor::Caller(&caller), id, &input, now)
            .await?,
    ))
}

/// Records the decision that ends the review (HR); moves the pilot to "decided". A decision
/// other than the suggested verdict needs a rationale.
#[utoipa::path(
    post,
    path = "/pilots/{id}/decision",
    tag = "readiness",
    params(("id" = i64, Path, description = "The pilot's id")),
    request_body = DecisionInput,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Recorded"),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 422, description = "Not in review, or a rationale is missing", body = ErrorBody),
    )
)]
pub async fn record_decision(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(body): JsonBody<DecisionInput>,
) -> Result<StatusCode, ApiError> {
    let now = chrono::Utc::now();
    readiness_changes::decide(&state.db, Actor::Caller(&caller), id, &body, now).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// After "extend": a new follow-up window for the same teams, from the next Monday.
#[utoipa::path(
    post,
    path = "/pilots/{id}/extension",
    tag = "readiness",
    params(("id" = i64, Path, description = "The pilot's id")),
    request_body = ExtensionInput,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "The new follow-up is planned"),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 409, description = "The pilot is not decided \"extend\"", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn extend_follow_up(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(body): JsonBody<ExtensionInput>,
) -> Result<StatusCode, ApiError> {
    let now = chrono::Utc::now();
    readiness_changes::extend(
        &state.db,
        Actor::Caller(&caller),
        id,
        body.follow_up_days,
        now,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Records that a team volunteers for a next wave, or no longer does (HR).
#[utoipa::path(
    put,
    path = "/teams/{id}/volunteering",
    tag = "readiness",
    params(("id" = i64, Path, description = "The team's id")),
    request_body = Volunteering,
    security(("session" = []), ("token" = [])),
    responses((status = 200, body = Volunteering), Refusals, (status = 404, body = ErrorBody))
)]
pub async fn set_volunteering(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(body): JsonBody<Volunteering>,
) -> Result<Json<Volunteering>, ApiError> {
    let now = chrono::Utc::now();
    readiness_changes::set_volunteered(
        &state.db,
        Actor::Caller(&caller),
        id,
        body.volunteered,
        now,
    )
    .await?;
    Ok(Json(body))
}

/// Turns an "expand" pilot's next wave into a draft pilot (HR): the protocol and thresholds
/// copied, windows from the next Monday, these pilot and comparison teams.
#[utoipa::path(
    post,
    path = "/pilots/{id}/next-wave",
    tag = "readiness",
    params(("id" = i64, Path, description = "The expanding pilot's id")),
    request_body = NextWaveInput,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 201, body = CreatedPilot),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 409, description = "The pilot is not decided \"expand\"", body = ErrorBody),
        (status = 422, description = "A team is not a candidate", body = ErrorBody),
    )
)]
pub async fn create_next_wave(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(body): JsonBody<NextWaveInput>,
) -> Result<(StatusCode, Json<CreatedPilot>), ApiError> {
    let now = chrono::Utc::now();
    let pilot_id =
        readiness_changes::create_next_wave(&state.db, Actor::Caller(&caller), id, &body, now)
            .await?;
    Ok((StatusCode::CREATED, Json(CreatedPilot { pilot_id })))
}
