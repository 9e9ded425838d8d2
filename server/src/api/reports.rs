//! A pilot's report (METHOD.md section 8) as JSON and CSV, and HR publishing it to the pilot's
//! participants and managers. Every figure is unrounded; no group under *k* appears.

use app::{
    domain::report::csv::to_csv,
    server::{repo::audit::Actor, services::reports, state::AppState},
    wire::reports::{Publication, Report},
};
use axum::{extract::State, http::header, response::IntoResponse, Json};

use super::{
    error::{ErrorBody, Refusals},
    extract::{Authenticated, JsonBody, PathParam},
    ApiError,
};

/// The whole report: per metric the arms, the teams (left-out teams named as left out) and the
/// difference in differences; the energy heatmap. Participants and managers get their own
/// teams' rows and the arms, once HR has published the report.
#[utoipa::path(
    get,
    path = "/pilots/{id}/report",
    tag = "reports",
    params(("id" = i64, Path, description = "The pilot's id")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = Report),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 409, description = "Not published to this reader yet", body = ErrorBody),
    )
)]
pub async fn get_report(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
) -> Result<Json<Report>, ApiError> {
    let now = chrono::Utc::now();
    Ok(Json(
        reports::of_pilot(&state.db, Actor::Caller(&caller), id, now).await?,
    ))
}

/// The same report as CSV: one row per metric × group (arm, team, difference in differences).
#[utoipa::path(
    get,
    path = "/pilots/{id}/report/csv",
    tag = "reports",
    params(("id" = i64, Path, description = "The pilot's id")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "CSV, every field unrounded", content_type = "text/csv", body = String),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 409, description = "Not published to this reader yet", body = ErrorBody),
    )
)]
pub async fn export_report(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
) -> Result<impl IntoResponse, ApiError> {
    let report =
        reports::of_pilot(&state.db, Actor::Caller(&caller), id, chrono::Utc::now()).await?;
    let filename = format!("attachment; filename=\"pilot-{id}-report.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, filename),
        ],
        to_csv(&report),
    ))
}

/// Publishes the report to the pilot's participants and managers (HR, from review on), or
/// withdraws it.
#[utoipa::path(
    put,
    path = "/pilots/{id}/report/publication",
    tag = "reports",
    params(("id" = i64, Path, description = "The pilot's id")),
    request_body = Publication,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = Publication),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 409, description = "The pilot has not reached review", body = ErrorBody),
    )
)]
pub async fn set_publication(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(body): JsonBody<Publication>,
) -> Result<Json<Publication>, ApiError> {
    let now = chrono::Utc::now();
    reports::set_published(&state.db, Actor::Caller(&caller), id, body.published, now).await?;
    Ok(Json(body))
}
