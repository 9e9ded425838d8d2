//! The daily check-in and one's own data: submit a check-in, list, delete and download one's
//! own entries, and the daily reminder. Executives write nothing (403); everyone reads only
//! what they entered themselves.

use app::{
    server::{
        services::{checkin_reminders, checkins, own_entries, personal_data},
        state::AppState,
    },
    wire::checkin::{CheckinForm, CheckinReceipt, CheckinRequest, OwnEntry, ReminderSettings},
};
use axum::{
    extract::State,
    http::{header, StatusCode},
    response::IntoResponse,
    Json,
};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::IntoParams;

use super::{
    error::{ErrorBody, Refusals},
    extract::{Authenticated, JsonBody, PathParam, QueryParams},
    ApiError,
};

/// Stores the caller's check-in for a day (today by default, or one of the 3 days before, in
/// the caller's time zone). Submitting the same day again replaces its values.
#[utoipa::path(
    post,
    path = "/checkins",
    tag = "checkins",
    request_body = CheckinRequest,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = CheckinReceipt),
        Refusals,
        (status = 409, description = "Not in a pilot collecting check-ins (the message says why)", body = ErrorBody),
        (status = 422, description = "A field is invalid, or the date is outside the edit window", body = ErrorBody),
    )
)]
pub async fn submit_checkin(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(request): JsonBody<CheckinRequest>,
) -> Result<Json<CheckinReceipt>, ApiError> {
    let form = CheckinForm::from(request);
    Ok(Json(
        checkins::submit(&state.db, &caller, &form, chrono::Utc::now()).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct EntryRange {
    /// First local date, inclusive.
    pub from: Option<NaiveDate>,
    /// Last local date, inclusive.
    pub to: Option<NaiveDate>,
}

/// The caller's own entries (those they wrote), newest first.
#[utoipa::path(
    get,
    path = "/me/entries",
    tag = "checkins",
    params(EntryRange),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = Vec<OwnEntry>),
        Refusals,
        (status = 422, body = ErrorBody),
    )
)]
pub async fn list_my_entries(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    QueryParams(range): QueryParams<EntryRange>,
) -> Result<Json<Vec<OwnEntry>>, ApiError> {
    Ok(Json(
        own_entries::list(&state.db, &caller, range.from, range.to).await?,
    ))
}

/// Everything the caller entered, as CSV.
#[utoipa::path(
    get,
    path = "/me/entries.csv",
    tag = "checkins",
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "CSV: date,measure,qualifier,value,source", content_type = "text/csv", body = String),
        Refusals,
    )
)]
pub async fn export_my_entries(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<impl IntoResponse, ApiError> {
    let csv = own_entries::export_csv(&state.db, &caller).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"my-entries.csv\"",
            ),
        ],
        csv,
    ))
}

/// Everything held about the caller (GDPR article 15): a ZIP with README.txt and one CSV file
/// per table (profile, team history, entries, consents, check-ins, pulse answers, meetings,
/// pilot memberships, sessions, links, audit events by or about them).
#[utoipa::path(
    get,
    path = "/me/data.zip",
    tag = "checkins",
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "A ZIP of CSV files", content_type = "application/zip", body = Vec<u8>),
        Refusals,
    )
)]
pub async fn export_my_data(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<impl IntoResponse, ApiError> {
    let zip = personal_data::export_zip(&state.db, &caller).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"my-data.zip\"",
            ),
        ],
        zip,
    ))
}

/// Deletes one of the caller's own entries.
#[utoipa::path(
    delete,
    path = "/me/entries/{id}",
    tag = "checkins",
    params(("id" = i64, Path, description = "The entry's id")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Deleted"),
        Refusals,
        (status = 404, description = "The caller wrote no entry with this id", body = ErrorBody),
    )
)]
pub async fn delete_my_entry(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
) -> Result<StatusCode, ApiError> {
    own_entries::delete(&state.db, &caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's daily check-in reminder (off at 16:30 until changed).
#[utoipa::path(
    get,
    path = "/me/reminder",
    tag = "checkins",
    security(("session" = []), ("token" = [])),
    responses((status = 200, body = ReminderSettings), Refusals)
)]
pub async fn get_reminder(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<ReminderSettings>, ApiError> {
    Ok(Json(checkin_reminders::settings(&state.db, &caller).await?))
}

/// Turns the caller's reminder on or off and sets its local time (`HH:MM`).
#[utoipa::path(
    put,
    path = "/me/reminder",
    tag = "checkins",
    request_body = ReminderSettings,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = ReminderSettings),
        Refusals,
        (status = 422, body = ErrorBody),
    )
)]
pub async fn save_reminder(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(settings): JsonBody<ReminderSettings>,
) -> Result<Json<ReminderSettings>, ApiError> {
    Ok(Json(
        checkin_reminders::save(&state.db, &caller, &settings, chrono::Utc::now()).await?,
    ))
}
