//! Retention: the organisation's period (admins read and change it) and the daily job that
//! deletes entries and check-ins of closed pilots older than it (`domain::retention` says
//! which days), logged and audited with the count.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::DatabaseConnection;

use super::authorize;
use crate::{
    domain::{
        access::Action,
        audit::AuditAction,
        retention::{expired_ranges, PilotDays, RetentionMonths},
    },
    error::AppError,
    server::{
        repo::{
            self,
            audit::{Actor, Entry},
        },
        tx,
    },
    wire::system::RetentionSetting,
};

pub async fn setting(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    today: NaiveDate,
) -> Result<RetentionSetting, AppError> {
    authorize(&actor, Action::ReadInstance)?;
    let (months, last_run_on) = repo::retention::setting(db).await?;
    Ok(RetentionSetting {
        months: months.get(),
        first_kept_day: months.first_kept_day(today),
        last_run_on,
    })
}

pub async fn set_months(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    months: i64,
    now: DateTime<Utc>,
) -> Result<RetentionSetting, AppError> {
    authorize(&actor, Action::ChangeOrganisation)?;
    let months = RetentionMonths::new(months)?;
    tx::write(db, async |tx| {
        let (before, _) = repo::retention::setting(tx).await?;
        repo::retention::set_months(tx, months, now).await?;
        let entry = Entry::new(actor, AuditAction::RetentionChanged, "organisation")
            .detail(format!("{} → {} months", before.get(), months.get()));
        repo::audit::record(tx, entry, now).await
    })
    .await?;
    setting(db, Actor::System, now.date_naive()).await
}

/// The scheduler's task: runs [`apply`] once a day, on whichever instance claims the day first.
/// The claim commits with the deletions, so a failed run is tried again next minute.
pub async fn apply_due(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<usize, AppError> {
    let today = now.date_naive();
    tx::write(db, async |tx| {
        if !repo::retention::claim_day(tx, today, now).await? {
            return Ok(0);
        }
        apply(tx, today, now).await
    })
    .await
}

/// Deletes what the retention period lets go today; the number of entries deleted.
async fn apply(
    tx: &sea_orm::DatabaseTransaction,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let (months, _) = repo::retention::setting(tx).await?;
    let first_kept = months.first_kept_day(today);
    let mut deleted = 0;
    let mut touched = BTreeSet::new();
    for (person, pilots) in repo::retention::pilot_days_by_person(tx).await? {
        let days: Vec<PilotDays> = pilots.iter().map(|(_, days)| *days).collect();
        for (first, last) in expired_ranges(&days, first_kept) {
            let gone = repo::retention::delete_days(tx, person, first, last).await?;
            if gone > 0 {
                deleted += gone;
                touched.extend(
                    pilots
                        .iter()
                        .filter(|(_, days)| days.closed && days.first <= last && first <= days.last)
                        .map(|(pilot, _)| *pilot),
                );
            }
        }
    }
    if deleted == 0 {
        return Ok(0);
    }
    let touched: Vec<i64> = touched.into_iter().collect();
    repo::retention::forget_reports(tx, &touched).await?;
    let detail = format!(
        "{deleted} entries of {} closed pilot(s) dated before {first_kept} ({} months)",
        touched.len(),
        months.get()
    );
    tracing::info!(deleted, pilots = touched.len(), %first_kept, "retention applied");
    repo::audit::record(
        tx,
        Entry::new(Actor::System, AuditAction::RetentionApplied, "organisation").detail(detail),
        now,
    )
    .await?;
    Ok(usize::try_from(deleted).unwrap_or(usize::MAX))
}
