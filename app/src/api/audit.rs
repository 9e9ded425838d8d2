//! Admin: reading the audit log.

use leptos::prelude::*;

use crate::{error::AppError, wire::audit::AuditPage};

/// Flat optional arguments (not an `AuditQuery`), so that a form or an empty call can send them.
#[server(prefix = "/fn", endpoint = "list_audit_events")]
pub async fn list_audit_events(
    action: Option<String>,
    actor: Option<String>,
    since: Option<String>,
    until: Option<String>,
    page: Option<i64>,
) -> Result<AuditPage, AppError> {
    use crate::{
        server::{context, repo::audit::Actor, services::audit},
        wire::audit::AuditQuery,
    };
    context::serve(|state, caller| async move {
        let query = AuditQuery {
            action,
            actor,
            since,
            until,
            page,
        };
        audit::page(&state.db, Actor::Caller(&caller), &query).await
    })
    .await
}
