//! Request body limits, applied before anything reads a body: small everywhere, large only on
//! the routes that take uploads, and those refuse a stranger from the headers alone.

use app::{domain::account::Role, server::state::AppState};
use axum::{
    body::Body,
    extract::{Request, State},
    http::StatusCode,
    middleware::Next,
    response::{IntoResponse, Response},
    Json,
};

/// Every request but an upload: forms, server function calls and API bodies are a few KiB.
pub const DEFAULT_LIMIT: usize = 64 * 1024;
/// Roster files of tens of thousands of lines are several megabytes.
pub const UPLOAD_LIMIT: usize = 32 * 1024 * 1024;

/// A pilot's metric file of a million lines is about 45 MB, more once a server function
/// URL-encodes it.
pub const CAPTURE_UPLOAD_LIMIT: usize = 96 * 1024 * 1024;

/// A calendar file may be 20 MB; a server function URL-encodes it, which can triple it.
pub const CALENDAR_UPLOAD_LIMIT: usize = 64 * 1024 * 1024;

/// Where a participant uploads their own calendar: any signed-in caller, checked before the
/// body is read; the service then checks the role.
fn is_calendar_upload(path: &str) -> bool {
    matches!(path, "/fn/import_calendar" | "/api/v1/me/calendar")
}

/// The routes that take a file. Each of them is for admins only.
fn is_upload(path: &str) -> bool {
    matches!(
        path,
        "/fn/start_roster_import" | "/api/v1/roster/import" | "/api/v1/roster/imports"
    ) || is_capture_upload(path)
        || is_person_calendar_upload(path)
}

/// `/api/v1/people/{id}/calendar`: HR imports one person's calendar.
fn is_person_calendar_upload(path: &str) -> bool {
    path.strip_prefix("/api/v1/people/")
        .and_then(|rest| rest.strip_suffix("/calendar"))
        .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

/// `/fn/start_entry_import` and `/api/v1/pilots/{id}/imports`.
fn is_capture_upload(path: &str) -> bool {
    path == "/fn/start_entry_import"
        || path
            .strip_prefix("/api/v1/pilots/")
            .and_then(|rest| rest.strip_suffix("/imports"))
            .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

fn limit_for(path: &str) -> usize {
    if is_capture_upload(path) {
        CAPTURE_UPLOAD_LIMIT
    } else if is_calendar_upload(path) {
        CALENDAR_UPLOAD_LIMIT
    } else if is_upload(path) {
        UPLOAD_LIMIT
    } else {
        DEFAULT_LIMIT
    }
}

fn refuse(status: StatusCode, message: String) -> Response {
    (status, Json(serde_json::json!({ "error": message }))).into_response()
}

fn too_large(limit: usize) -> Response {
    refuse(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!(
            "the request body is larger than this address accepts ({} KiB)",
            limit / 1024
        ),
    )
}

/// Refuses a declared length over the route's limit with 413, makes a body without a declared
/// length stop at the limit, and on upload routes answers 401/403 before reading anything when
/// the headers carry no admin's session or token. The services still check access themselves.
pub async fn limit_bodies(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let limit = limit_for(&path);
    let declared = request
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return too_large(limit);
    }
    if is_upload(&path) {
        let caller =
            app::server::auth::caller::resolve(&state.db, request.headers(), chrono::Utc::now())
                .await;
        match caller {
            Ok(Some(caller)) if caller.role == Role::Admin => {}
            Ok(Some(_)) => {
                return refuse(
                    StatusCode::FORBIDDEN,
                    "you do not have access to this".into(),
                )
            }
            Ok(None) => return refuse(StatusCode::UNAUTHORIZED, "please sign in".into()),
            Err(error) => return super::api::ApiError(error).into_response(),
        }
    }
    if is_calendar_upload(&path) {
        let caller =
            app::server::auth::caller::resolve(&state.db, request.headers(), chrono::Utc::now())
                .await;
        match caller {
            Ok(Some(_)) => {}
            Ok(None) => return refuse(StatusCode::UNAUTHORIZED, "please sign in".into()),
            Err(error) => return super::api::ApiError(error).into_response(),
        }
    }
    let (parts, body) = request.into_parts();
    let body = Body::new(http_body_util::Limited::new(body, limit));
    next.run(Request::from_parts(parts, body)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_upload_routes_take_large_bodies() {
        assert_eq!(limit_for("/api/v1/roster/imports"), UPLOAD_LIMIT);
        assert_eq!(limit_for("/fn/start_roster_import"), UPLOAD_LIMIT);
        assert_eq!(limit_for("/fn/create_pilot"), DEFAULT_LIMIT);
        assert_eq!(limit_for("/api/v1/roster/imports/3"), DEFAULT_LIMIT);
        assert_eq!(limit_for("/fn/start_roster_import/extra"), DEFAULT_LIMIT);
    }

    #[test]
    fn calendar_uploads_take_a_twenty_megabyte_file() {
        assert_eq!(limit_for("/api/v1/me/calendar"), CALENDAR_UPLOAD_LIMIT);
        assert_eq!(limit_for("/fn/import_calendar"), CALENDAR_UPLOAD_LIMIT);
        assert_eq!(limit_for("/api/v1/me/meetings"), DEFAULT_LIMIT);
        assert_eq!(limit_for("/api/v1/people/7/calendar"), UPLOAD_LIMIT);
        assert_eq!(limit_for("/api/v1/people/x/calendar"), DEFAULT_LIMIT);
    }

    #[test]
    fn metric_imports_take_the_largest_bodies_and_polls_stay_small() {
        assert_eq!(limit_for("/api/v1/pilots/12/imports"), CAPTURE_UPLOAD_LIMIT);
        assert_eq!(limit_for("/fn/start_entry_import"), CAPTURE_UPLOAD_LIMIT);
        assert_eq!(limit_for("/api/v1/pilots/12/imports/3"), DEFAULT_LIMIT);
        assert_eq!(limit_for("/api/v1/pilots//imports"), DEFAULT_LIMIT);
        assert_eq!(limit_for("/api/v1/pilots/x/imports"), DEFAULT_LIMIT);
    }
}
