//! Reading the audit log, as a page or as a CSV export (which is itself recorded).

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use crate::{
    domain::{
        access::Action,
        audit::{AuditAction, AuditFilter},
        export::to_csv,
        signed_page,
    },
    error::AppError,
    server::repo::{
        self,
        audit::{Actor, Entry},
    },
    wire::audit::{AuditPage, AuditQuery, AUDIT_PAGE_SIZE},
};

/// At most this many events go into one export; narrow the filter for more.
pub const EXPORT_LIMIT: u64 = 100_000;

fn filter(query: &AuditQuery) -> Result<AuditFilter, AppError> {
    Ok(AuditFilter::parse(
        query.action.as_deref(),
        query.actor.as_deref(),
        query.since.as_deref(),
        query.until.as_deref(),
    )?)
}

pub async fn page(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    query: &AuditQuery,
) -> Result<AuditPage, AppError> {
    super::authorize(&actor, Action::ReadAudit)?;
    let filter = filter(query)?;
    let page = signed_page(query.page);
    let (events, total) = repo::audit::list(
        db,
        &filter,
        page.unsigned_abs(),
        AUDIT_PAGE_SIZE.unsigned_abs(),
    )
    .await?;
    Ok(AuditPage {
        events,
        total: i64::try_from(total).unwrap_or(i64::MAX),
        page,
        per_page: AUDIT_PAGE_SIZE,
    })
}

/// The matching events as CSV, newest first, for a spreadsheet or an archive; the export is
/// recorded in the log it reads.
pub async fn export_csv(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    query: &AuditQuery,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    super::authorize(&actor, Action::ReadAudit)?;
    let filter = filter(query)?;
    let (events, _) = repo::audit::list(db, &filter, 0, EXPORT_LIMIT).await?;
    let rows = events.len();
    let csv = to_csv(
        [
            "at_utc",
            "actor",
            "action",
            "object_type",
            "object_id",
            "detail",
        ],
        events.into_iter().map(|event| {
            [
                event.at.to_rfc3339(),
                event.actor.unwrap_or_default(),
                event.action,
                event.object_type,
                event.object_id.unwrap_or_default(),
                event.detail,
            ]
        }),
    );
    let entry = Entry::new(actor, AuditAction::AuditLogExported, "audit_log")
        .detail(format!("{rows} events"));
    repo::audit::record(db, entry, now).await?;
    Ok(csv)
}
