//! A pilot's metric entries and decisions imported from CSV in the background (admins): start
//! a dry run or an import, then poll it.

use app::{
    error::AppError,
    server::{
        repo::audit::Actor,
        services::{self, entry_import, entry_imports},
        state::AppState,
    },
    wire::entry_imports::{EntryImportJob, ImportKind},
};
use axum::{
    extract::State,
    http::{header, StatusCode},
    response::IntoResponse,
    Json,
};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{
    error::{ErrorBody, Refusals},
    extract::{Authenticated, PathParam, QueryParams},
    ApiError,
};

#[derive(Debug, Deserialize, IntoParams)]
pub struct ImportOptions {
    /// Required: `entries` (email,date,measure,value,qualifier) or `decisions`
    /// (team,process_type,raised_at,decided_at,documented). Optional in the type only so that
    /// a caller without access hears 403 before being told it is missing.
    #[serde(default)]
    pub kind: Option<ImportKind>,
    /// Only report what would be stored; nothing is written.
    #[serde(default)]
    pub dry_run: bool,
}

/// Starts checking or importing a CSV file (the request body) into the pilot and answers at
/// once; poll `GET /pilots/{id}/imports/{import_id}`. All or nothing: with any bad line nothing
/// is written and the finished job lists the bad lines with their numbers.
#[utoipa::path(
    post,
    path = "/pilots/{id}/imports",
    tag = "pilots",
    params(("id" = i64, Path, description = "The pilot's id"), ImportOptions),
    request_body(content = String, content_type = "text/csv"),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 202, description = "Started; the Location header names the job", body = EntryImportJob),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 422, description = "`kind` is missing", body = ErrorBody),
        (status = 409, description = "Another import into this pilot is still being written", body = ErrorBody),
    )
)]
pub async fn start_entry_import(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(pilot_id): PathParam<i64>,
    QueryParams(options): QueryParams<ImportOptions>,
    body: String,
) -> Result<impl IntoResponse, ApiError> {
    let now = chrono::Utc::now();
    services::authorize(&Actor::Caller(&caller), entry_import::ACTION)?;
    let kind = options
        .kind
        .ok_or_else(|| AppError::validation("kind", "is required: entries or decisions"))?;
    let id = entry_imports::start(
        &state.db,
        &caller,
        pilot_id,
        kind,
        body,
        options.dry_run,
        now,
    )
    .await?;
    let job = entry_imports::get(&state.db, Actor::Caller(&caller), pilot_id, id, now).await?;
    let location = format!("{}/pilots/{pilot_id}/imports/{id}", super::PREFIX);
    Ok((
        StatusCode::ACCEPTED,
        [(header::LOCATION, location)],
        Json(job),
    ))
}

/// An import's stage and progress, and once finished what it did or would do (the counts and
/// the first bad lines).
#[utoipa::path(
    get,
    path = "/pilots/{id}/imports/{import_id}",
    tag = "pilots",
    params(
        ("id" = i64, Path, description = "The pilot's id"),
        ("import_id" = i64, Path, description = "The job's id"),
    ),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = EntryImportJob),
        Refusals,
        (status = 404, body = ErrorBody),
    )
)]
pub async fn get_entry_import(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam((pilot_id, id)): PathParam<(i64, i64)>,
) -> Result<Json<EntryImportJob>, ApiError> {
    let now = chrono::Utc::now();
    Ok(Json(
        entry_imports::get(&state.db, Actor::Caller(&caller), pilot_id, id, now).await?,
    ))
}
