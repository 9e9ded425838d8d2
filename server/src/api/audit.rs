//! `GET /audit-events`, `GET /audit-events/export`.

use app::{
    api::audit::{AuditPage, AuditQuery},
    domain::audit::AuditAction,
    server::{
        audit_log,
        repo::{
            self,
            audit::{Actor, Entry},
        },
        state::AppState,
    },
};
use axum::{
    extract::{Query, State},
    http::header,
    response::IntoResponse,
    Json,
};

use super::{error::ErrorBody, extract::Authenticated, ApiError};

/// The audit log, newest first, 50 per page, filtered by action, actor and days.
#[utoipa::path(
    get,
    path = "/audit-events",
    tag = "audit",
    params(AuditQuery),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = AuditPage),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 422, description = "A filter is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn list_audit_events(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Query(query): Query<AuditQuery>,
) -> Result<Json<AuditPage>, ApiError> {
    caller.require_admin()?;
    Ok(Json(audit_log::page(&state.db, &query).await?))
}

/// The audit log as CSV (all matching events, newest first, at most 100,000). Exporting is
/// itself recorded in the log.
#[utoipa::path(
    get,
    path = "/audit-events/export",
    tag = "audit",
    params(AuditQuery),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "CSV: at_utc, actor, action, object_type, object_id, detail", content_type = "text/csv", body = String),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 422, description = "A filter is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn export_audit_events(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Query(query): Query<AuditQuery>,
) -> Result<impl IntoResponse, ApiError> {
    caller.require_admin()?;
    let now = chrono::Utc::now();
    let csv = audit_log::export_csv(&state.db, &query).await?;
    let rows = csv.lines().count().saturating_sub(1);
    let entry = Entry::new(
        Actor::Caller(&caller),
        AuditAction::AuditLogExported,
        "audit_log",
    )
    .detail(format!("{rows} events"));
    repo::audit::record(&state.db, entry, now).await?;
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
