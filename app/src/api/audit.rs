//! Admin: reading the audit log.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{domain::audit::AuditEvent, error::AppError};

pub const AUDIT_PAGE_SIZE: i64 = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AuditPage {
    pub events: Vec<AuditEvent>,
    pub total: i64,
    /// Zero-based.
    pub page: i64,
    pub per_page: i64,
}

/// Filters as they come from a form or a query string: empty means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams, utoipa::ToSchema))]
pub struct AuditQuery {
    /// An action name, e.g. `sign_in` or `role_changed`.
    pub action: Option<String>,
    /// Part of the acting person's email.
    pub actor: Option<String>,
    /// First day to include, `YYYY-MM-DD` (UTC).
    pub since: Option<String>,
    /// Last day to include, `YYYY-MM-DD` (UTC).
    pub until: Option<String>,
    /// Zero-based page number.
    pub page: Option<i64>,
}

/// Flat optional arguments (not an `AuditQuery`), so that a form or an empty call can send them.
#[server(prefix = "/fn", endpoint = "list_audit_events")]
pub async fn list_audit_events(
    action: Option<String>,
    actor: Option<String>,
    since: Option<String>,
    until: Option<String>,
    page: Option<i64>,
) -> Result<AuditPage, AppError> {
    use crate::server::{context, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            context::admin().await?;
            let query = AuditQuery {
                action,
                actor,
                since,
                until,
                page,
            };
            crate::server::audit_log::page(&state.db, &query).await
        }
        .await,
    )
}
