//! The caller's calendar import and meeting audit, and their team's recurring series.

use app::{
    server::{
        repo::audit::Actor,
        services::{
            calendar_import::{self, parse_day, Window},
            meetings,
        },
        state::AppState,
    },
    wire::meetings::{AuditSeriesBody, CalendarImportResult, MeetingOverview, TeamMeetingSeries},
};
use axum::{extract::State, http::StatusCode, Json};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{
    error::{ErrorBody, Refusals},
    extract::{Authenticated, JsonBody, PathParam, QueryParams},
    ApiError,
};

#[derive(Debug, Deserialize, IntoParams)]
pub struct CalendarOptions {
    /// First day to cover, `YYYY-MM-DD` (default: the file's first instance).
    pub from: Option<String>,
    /// Last day to cover, `YYYY-MM-DD` (default: the file's last instance; open series stop
    /// today).
    pub to: Option<String>,
    /// Only show the figures; write nothing.
    #[serde(default)]
    pub dry_run: bool,
}

impl CalendarOptions {
    /// The days to cover, each bound checked (a bad one is a 422 naming it).
    fn window(&self) -> Result<Window, ApiError> {
        Ok(Window {
            from: parse_day("from", self.from.as_deref())?,
            to: parse_day("to", self.to.as_deref())?,
        })
    }
}

/// Imports the caller's calendar (the `.ics` file as the request body): meetings,
/// meeting_hours and calendar_focus_hours for every covered working day. A bad line: 422
/// naming it, nothing written.
#[utoipa::path(
    post,
    path = "/me/calendar",
    tag = "meetings",
    params(CalendarOptions),
    request_body(content = String, content_type = "text/calendar"),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "Imported (or, with dry_run, what would be)", body = CalendarImportResult),
        Refusals,
        (status = 422, description = "A bad line (`field` is file) or date", body = ErrorBody),
    )
)]
pub async fn import_calendar(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    QueryParams(options): QueryParams<CalendarOptions>,
    body: axum::body::Bytes,
) -> Result<Json<CalendarImportResult>, ApiError> {
    let window = options.window()?;
    let now = chrono::Utc::now();
    let summary = calendar_import::import_own(
        &state.db,
        Actor::Caller(&caller),
        &body,
        window,
        options.dry_run,
        now,
    )
    .await?;
    Ok(Json(calendar_import::result(&summary, options.dry_run)))
}

/// HR imports one person's calendar (the `.ics` file as the request body), as
/// `async-pilot import calendar` does: the person's time zone and working days from the roster.
#[utoipa::path(
    post,
    path = "/people/{id}/calendar",
    tag = "meetings",
    params(("id" = i64, Path, description = "The person's id"), CalendarOptions),
    request_body(content = String, content_type = "text/calendar"),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "Imported (or, with dry_run, what would be)", body = CalendarImportResult),
        Refusals,
        (status = 404, description = "No such person", body = ErrorBody),
        (status = 422, description = "A bad line (`field` is file) or date", body = ErrorBody),
    )
)]
pub async fn import_person_calendar(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    QueryParams(options): QueryParams<CalendarOptions>,
    body: axum::body::Bytes,
) -> Result<Json<CalendarImportResult>, ApiError> {
    let window = options.window()?;
    let now = chrono::Utc::now();
    let summary = calendar_import::import_for_id(
        &state.db,
        Actor::Caller(&caller),
        id,
        &body,
        window,
        options.dry_run,
        now,
    )
    .await?;
    Ok(Json(calendar_import::result(&summary, options.dry_run)))
}

/// The caller's week of meetings and their series with their audit answers.
#[utoipa::path(
    get,
    path = "/me/meetings",
    tag = "meetings",
    security(("session" = []), ("token" = [])),
    responses((status = 200, body = MeetingOverview), Refusals)
)]
pub async fn get_meeting_overview(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<MeetingOverview>, ApiError> {
    Ok(Json(
        meetings::overview(&state.db, Actor::Caller(&caller), chrono::Utc::now()).await?,
    ))
}

/// One tap of the audit for a series of the caller's own meetings.
#[utoipa::path(
    put,
    path = "/me/meetings/audit",
    tag = "meetings",
    request_body = AuditSeriesBody,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Answered"),
        Refusals,
        (status = 404, description = "No such series in the caller's calendar", body = ErrorBody),
    )
)]
pub async fn audit_meeting_series(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(body): JsonBody<AuditSeriesBody>,
) -> Result<StatusCode, ApiError> {
    let now = chrono::Utc::now();
    meetings::answer(
        &state.db,
        Actor::Caller(&caller),
        &body.key,
        body.answer,
        body.purpose,
        now,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The recurring series of the caller's team: team hours per week and the share of audit votes
/// saying "could be async"; titles only when at least k members attend and none marked it
/// private.
#[utoipa::path(
    get,
    path = "/me/team/meetings",
    tag = "meetings",
    security(("session" = []), ("token" = [])),
    responses((status = 200, body = TeamMeetingSeries), Refusals)
)]
pub async fn get_team_meeting_series(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<TeamMeetingSeries>, ApiError> {
    Ok(Json(
        meetings::team(&state.db, Actor::Caller(&caller), chrono::Utc::now()).await?,
    ))
}
