//! The roster: export, import in one request, and imports in the background. Checking a file
//! (`dry_run`) needs read access to people; importing one, write access to the organisation.

use app::{
    domain::roster::RosterOptions,
    server::{
        repo::audit::Actor,
        services::{roster, roster_imports},
        state::AppState,
    },
    wire::roster::{ImportJob, RosterPreview},
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

/// The current roster as CSV, in the import's columns. Exporting is recorded in the audit log,
/// so it is a POST: a link on another site cannot add entries.
#[utoipa::path(
    post,
    path = "/roster/export",
    tag = "organisation",
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "CSV: email,name,team,department,manager_email,role,timezone,working_pattern", content_type = "text/csv", body = String),
        Refusals,
    )
)]
pub async fn export_roster(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<impl IntoResponse, ApiError> {
    let now = chrono::Utc::now();
    let csv = roster::export(&state.db, Actor::Caller(&caller), now).await?;
    let file = format!(
        "attachment; filename=\"roster-{}.csv\"",
        now.format("%Y-%m-%d")
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, file),
        ],
        csv,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ImportOptions {
    /// Only report what would change (read access suffices).
    #[serde(default)]
    pub dry_run: bool,
    /// Deactivate active people the file does not list (they leave their teams; nothing is
    /// deleted).
    #[serde(default)]
    pub deactivate_missing: bool,
}

impl ImportOptions {
    fn roster(&self) -> RosterOptions {
        RosterOptions {
            deactivate_missing: self.deactivate_missing,
        }
    }
}

/// Imports a roster CSV (the request body). All or nothing: with any bad line nothing is
/// written and the answer is 422 with every line's problem.
#[utoipa::path(
    post,
    path = "/roster/import",
    tag = "organisation",
    params(ImportOptions),
    request_body(content = String, content_type = "text/csv"),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "Imported (or, with dry_run, what would be)", body = RosterPreview),
        Refusals,
        (status = 422, description = "Bad lines: `errors` names each with its number; nothing was written", body = RosterPreview),
    )
)]
pub async fn import_roster(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    QueryParams(options): QueryParams<ImportOptions>,
    body: String,
) -> Result<(StatusCode, Json<RosterPreview>), ApiError> {
    let actor = Actor::Caller(&caller);
    let preview = if options.dry_run {
        roster::preview_with(&state.db, &body, options.roster(), actor, &|_| {}).await?
    } else {
        let now = chrono::Utc::now();
        roster::import_with(&state.db, &body, options.roster(), actor, now, &|_| {})
            .await?
            .unwrap_or_else(|rejected| rejected)
    };
    let status = if preview.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, Json(preview)))
}

/// Starts importing a roster CSV (the request body) in the background and answers at once with
/// the job; poll `GET /roster/imports/{id}` for its progress and outcome. Meant for files large
/// enough that one request would wait too long; the outcome is the same as `POST /roster/import`.
#[utoipa::path(
    post,
    path = "/roster/imports",
    tag = "organisation",
    params(ImportOptions),
    request_body(content = String, content_type = "text/csv"),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 202, description = "Started; the Location header names the job", body = ImportJob),
        Refusals,
        (status = 409, description = "Another import is still being written (dry runs may overlap)", body = ErrorBody),
    )
)]
pub async fn start_roster_import(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    QueryParams(options): QueryParams<ImportOptions>,
    body: String,
) -> Result<impl IntoResponse, ApiError> {
    let now = chrono::Utc::now();
    let (dry_run, options) = (options.dry_run, options.roster());
    let id = roster_imports::start(&state.db, &caller, body, dry_run, options, now).await?;
    let job = roster_imports::get(&state.db, Actor::Caller(&caller), id, now).await?;
    let location = format!("{}/roster/imports/{id}", super::PREFIX);
    Ok((
        StatusCode::ACCEPTED,
        [(header::LOCATION, location)],
        Json(job),
    ))
}

/// A background roster import: its stage and progress, and once finished what it did (or the
/// bad lines, with nothing written).
#[utoipa::path(
    get,
    path = "/roster/imports/{id}",
    tag = "organisation",
    params(("id" = i64, Path, description = "The job's id")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = ImportJob),
        Refusals,
        (status = 404, body = ErrorBody),
    )
)]
pub async fn get_roster_import(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
) -> Result<Json<ImportJob>, ApiError> {
    let now = chrono::Utc::now();
    Ok(Json(
        roster_imports::get(&state.db, Actor::Caller(&caller), id, now).await?,
    ))
}
