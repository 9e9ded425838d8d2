//! Departments, teams, pilots and the roster: export, import, and background imports.

use app::{
    domain::{
        account::Role,
        import_job::ImportJob,
        org::{DepartmentSummary, TeamPage},
        roster::{RosterOptions, RosterPreview},
    },
    server::{org, repo::audit::Actor, roster, roster_jobs, state::AppState},
};
use axum::{
    extract::{Path, Query, State},
    http::{header, StatusCode},
    response::IntoResponse,
    Json,
};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{error::ErrorBody, extract::Authenticated, ApiError};

/// Every department with its active teams and members.
#[utoipa::path(
    get,
    path = "/departments",
    tag = "organisation",
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = Vec<DepartmentSummary>),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin or executive", body = ErrorBody),
    )
)]
pub async fn list_departments(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<Vec<DepartmentSummary>>, ApiError> {
    caller.require_role(&[Role::Admin, Role::Executive])?;
    Ok(Json(org::departments(&state.db).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct TeamsQuery {
    /// Part of a team's or its department's name, any case.
    pub q: Option<String>,
    /// Zero-based page of 50.
    pub page: Option<u64>,
}

/// Teams, active or not, with their department, manager and size: 50 per page by name,
/// optionally searched.
#[utoipa::path(
    get,
    path = "/teams",
    tag = "organisation",
    params(TeamsQuery),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = TeamPage),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin or executive", body = ErrorBody),
    )
)]
pub async fn list_teams(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Query(query): Query<TeamsQuery>,
) -> Result<Json<TeamPage>, ApiError> {
    caller.require_role(&[Role::Admin, Role::Executive])?;
    let q = query.q.unwrap_or_default();
    Ok(Json(
        org::search_teams(&state.db, &q, query.page.unwrap_or(0)).await?,
    ))
}

/// The current roster as CSV, in the import's columns.
#[utoipa::path(
    get,
    path = "/roster/export",
    tag = "organisation",
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "CSV: email,name,team,department,manager_email,role,timezone,working_pattern", content_type = "text/csv", body = String),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
    )
)]
pub async fn export_roster(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<impl IntoResponse, ApiError> {
    caller.require_admin()?;
    let now = chrono::Utc::now();
    let csv = roster::export(&state.db, Actor::Caller(&caller), now).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"roster-{}.csv\"",
                    now.format("%Y-%m-%d")
                ),
            ),
        ],
        csv,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ImportOptions {
    /// Only report what would change.
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
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin, or a read-only token", body = ErrorBody),
        (status = 422, description = "Bad lines: `errors` names each with its number; nothing was written", body = RosterPreview),
    )
)]
pub async fn import_roster(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Query(options): Query<ImportOptions>,
    body: String,
) -> Result<(StatusCode, Json<RosterPreview>), ApiError> {
    caller.require_admin()?;
    caller.require_write()?;
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
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin, or a read-only token", body = ErrorBody),
        (status = 409, description = "Another import is still being written (dry runs may overlap)", body = ErrorBody),
    )
)]
pub async fn start_roster_import(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Query(options): Query<ImportOptions>,
    body: String,
) -> Result<impl IntoResponse, ApiError> {
    caller.require_admin()?;
    caller.require_write()?;
    let now = chrono::Utc::now();
    let id = roster_jobs::start(
        &state.db,
        &caller,
        body,
        options.dry_run,
        options.roster(),
        now,
    )
    .await?;
    let job = roster_jobs::get(&state.db, id, now).await?;
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
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, body = ErrorBody),
    )
)]
pub async fn get_roster_import(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<i64>,
) -> Result<Json<ImportJob>, ApiError> {
    caller.require_admin()?;
    Ok(Json(
        roster_jobs::get(&state.db, id, chrono::Utc::now()).await?,
    ))
}
