//! Reading the audit log from filters typed by a person: shared by the page and the API.

use chrono::{NaiveDate, TimeZone, Utc};
use sea_orm::ConnectionTrait;

use super::repo::{self, audit::Filter};
use crate::{
    api::audit::{AuditPage, AuditQuery, AUDIT_PAGE_SIZE},
    domain::audit::AuditAction,
    error::AppError,
};

pub fn parse_filter(query: &AuditQuery) -> Result<Filter, AppError> {
    let text = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|value| !value.is_empty())
            .map(str::to_string)
    };
    let action = match text(&query.action) {
        Some(name) => Some(AuditAction::parse(&name).ok_or_else(|| {
            AppError::validation(
                "action",
                format!("'{name}' is not an action in the audit log"),
            )
        })?),
        None => None,
    };
    let day = |field: &'static str, value: Option<String>| -> Result<_, AppError> {
        value
            .map(|value| {
                NaiveDate::parse_from_str(&value, "%Y-%m-%d").map_err(|_| {
                    AppError::validation(field, format!("'{value}' is not a date like 2026-11-25"))
                })
            })
            .transpose()
    };
    let since = day("since", text(&query.since))?;
    let until = day("until", text(&query.until))?;
    let midnight = |date: NaiveDate| {
        date.and_hms_opt(0, 0, 0)
            .map(|time| Utc.from_utc_datetime(&time))
    };
    Ok(Filter {
        action,
        actor: text(&query.actor),
        since: since.and_then(midnight),
        // "until" names the last day to include.
        until: until.and_then(|day| day.succ_opt()).and_then(midnight),
    })
}

pub async fn page(db: &impl ConnectionTrait, query: &AuditQuery) -> Result<AuditPage, AppError> {
    let filter = parse_filter(query)?;
    let page = crate::domain::signed_page(query.page);
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

/// At most this many events go into one export; narrow the filter for more.
pub const EXPORT_LIMIT: u64 = 100_000;

/// The matching events as CSV, newest first, for a spreadsheet or an archive.
pub async fn export_csv(db: &impl ConnectionTrait, query: &AuditQuery) -> Result<String, AppError> {
    let filter = parse_filter(query)?;
    let (events, _) = repo::audit::list(db, &filter, 0, EXPORT_LIMIT).await?;
    Ok(crate::domain::export::to_csv(
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
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_fields_mean_any_and_until_includes_its_whole_day() {
        let filter = parse_filter(&AuditQuery {
            action: Some(" ".into()),
            until: Some("2026-11-25".into()),
            ..Default::default()
        })
        .expect("valid");
        assert_eq!(filter.action, None);
        assert_eq!(
            filter.until.map(|at| at.to_rfc3339()),
            Some("2026-11-26T00:00:00+00:00".into())
        );
    }

    #[test]
    fn a_bad_date_or_action_names_its_field() {
        let error = parse_filter(&AuditQuery {
            since: Some("25/11/2026".into()),
            ..Default::default()
        })
        .expect_err("bad date");
        assert!(matches!(error, AppError::Validation { ref field, .. } if field == "since"));
        let error = parse_filter(&AuditQuery {
            action: Some("launched_rocket".into()),
            ..Default::default()
        })
        .expect_err("bad action");
        assert!(matches!(error, AppError::Validation { ref field, .. } if field == "action"));
    }
}
