//! The audit log as readers see it: one event, a page of them, and the filters.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub const AUDIT_PAGE_SIZE: i64 = 50;

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AuditEvent {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// The email of whoever acted; none for the system or an unknown address.
    pub actor: Option<String>,
    /// As stored: an action name such as `sign_in` (older entries may name retired actions).
    pub action: String,
    pub object_type: String,
    pub object_id: Option<String>,
    pub detail: String,
}

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
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
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
