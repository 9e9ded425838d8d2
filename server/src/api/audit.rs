//! `GET /audit-events`, `POST /audit-events/export`.

use app::{
    server::{repo::audit::Actor, services::audit, state::AppState},
    wire::audit::{AuditPage, AuditQuery},
};
use axum::{extract::State, http::header, response::IntoResponse, Json};

use super::{
    error::{ErrorBody, Refusals},
    extract::{Authenticated, QueryParams},
    ApiError,
};

/// The audit log, newest first, 50 per page, filtered by action, actor and days.
#[utoipa::path(
    get,
    path = "/audit-events",
    tag = "audit",
    params(AuditQuery),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = AuditPage),
        Refusals,
        (status = 422, description = "A filter is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn list_audit_events(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    QueryParams(query): QueryParams<AuditQuery>,
) -> Result<Json<AuditPage>, ApiError> {
    Ok(Json(
        audit::page(&state.db, Actor::Caller(&caller), &query).await?,
    ))
}

/// The audit log as CSV (all matching events, newest first, at most 100,000). Exporting is
/// itself recorded in the log, so it is a POST: a link on another site cannot add entries.
#[utoipa::path(
    post,
    path = "/audit-events/export",
    tag = "audit",
    params(AuditQuery),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "CSV: at_utc, actor, action, object_type, object_id, detail", content_type = "text/csv", body = String),
        Refusals,
        (status = 422, description = "A filter is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn export_audit_events(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    QueryParams(query): QueryParams<AuditQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let now = chrono::Utc::now();
    let csv = audit::export_csv(&state.db, Actor::Caller(&caller), &query, now).await?;
    let filename = format!(
        "attachment; filename=\"audit-log-{}.csv\"",
        now.format("%Y-%m-%d")
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, filename),
        ],
        csv,
    ))
}
