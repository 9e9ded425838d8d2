//! `GET /audit-events`.

use app::{
    api::audit::{AuditPage, AuditQuery},
    server::{audit_log, state::AppState},
};
use axum::{
    extract::{Query, State},
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
