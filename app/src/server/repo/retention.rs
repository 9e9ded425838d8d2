//! The retention setting, the daily claim of its job, and what the job reads and deletes.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    sea_query::OnConflict, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, Set,
};

use crate::{
    domain::{
        pilot::PilotStage,
        retention::{PilotDays, RetentionMonths},
    },
    error::AppError,
    server::entities::{checkin, entry, organisation_setting, pilot, pilot_member, report_cache},
};

const ROW: i64 = 1;

/// The period, and the last day the job ran (none yet: never).
pub async fn setting(
    db: &impl ConnectionTrait,
) -> Result<(RetentionMonths, Option<NaiveDate>), AppError> {
    let Some(row) = organisation_setting::Entity::find_by_id(ROW)
        .one(db)
        .await?
    else {
        return Ok((RetentionMonths::DEFAULT, None));
    };
    let months = RetentionMonths::new(i64::from(row.retention_months))
        .map_err(|error| AppError::internal("stored retention period", error))?;
    Ok((months, row.retention_run_on))
}

fn default_row(now: DateTime<Utc>) -> organisation_setting::ActiveModel {
    organisation_setting::ActiveModel {
        id: Set(ROW),
        retention_months: Set(RetentionMonths::DEFAULT.get() as i32),
        retention_run_on: Set(None),
        updated_at: Set(now),
    }
}

pub async fn set_months(
    db: &impl ConnectionTrait,
    months: RetentionMonths,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut row = default_row(now);
    row.retention_months = Set(months.get() as i32);
    organisation_setting::Entity::insert(row)
        .on_conflict(
            OnConflict::column(organisation_setting::Column::Id)
                .update_columns([
                    organisation_setting::Column::RetentionMonths,
                    organisation_setting::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// Claims `today`'s run for the caller: true for exactly one caller per day, whichever instance
/// asks first (a conditional update, so instances need not talk to each other).
pub async fn claim_day(
    db: &impl ConnectionTrait,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    organisation_setting::Entity::insert(default_row(now))
        .on_conflict_do_nothing_on([organisation_setting::Column::Id])
        .exec(db)
        .await?;
    let claimed = organisation_setting::Entity::update_many()
        .col_expr(
            organisation_setting::Column::RetentionRunOn,
            sea_orm::sea_query::Expr::value(today),
        )
        .filter(organisation_setting::Column::Id.eq(ROW))
        .filter(
            Condition::any()
                .add(organisation_setting::Column::RetentionRunOn.is_null())
                .add(organisation_setting::Column::RetentionRunOn.lt(today)),
        )
        .exec(db)
        .await?;
    Ok(claimed.rows_affected == 1)
}

/// Every person who was in a pilot's teams, with the days of each of their pilots.
pub async fn pilot_days_by_person(
    db: &impl ConnectionTrait,
) -> Result<HashMap<i64, Vec<(i64, PilotDays)>>, AppError> {
    let pilots: HashMap<i64, PilotDays> = pilot::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            let days = i64::from(row.baseline_days)
                + i64::from(row.intervention_days)
                + i64::from(row.follow_up_days);
            let last = row.baseline_start + chrono::Duration::days((days - 1).max(0));
            let closed = PilotStage::from_slug(&row.stage) == Some(PilotStage::Closed);
            (
                row.id,
                PilotDays {
                    first: row.baseline_start,
                    last,
                    closed,
                },
            )
        })
        .collect();
    let mut by_person: HashMap<i64, Vec<(i64, PilotDays)>> = HashMap::new();
    for member in pilot_member::Entity::find().all(db).await? {
        if let Some(days) = pilots.get(&member.pilot_id) {
            by_person
                .entry(member.person_id)
                .or_default()
                .push((member.pilot_id, *days));
        }
    }
    Ok(by_person)
}

/// Deletes one person's entries and check-ins dated `first` to `last` (inclusive); the number
/// of entries deleted.
pub async fn delete_days(
    db: &impl ConnectionTrait,
    person_id: i64,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<u64, AppError> {
    let entries = entry::Entity::delete_many()
        .filter(entry::Column::PersonId.eq(person_id))
        .filter(entry::Column::EntryDate.between(first, last))
        .exec(db)
        .await?;
    checkin::Entity::delete_many()
        .filter(checkin::Column::PersonId.eq(person_id))
        .filter(checkin::Column::CheckinDate.between(first, last))
        .exec(db)
        .await?;
    Ok(entries.rows_affected)
}

/// Forgets the computed reports of these pilots: they are computed again, without what went.
pub async fn forget_reports(db: &impl ConnectionTrait, pilots: &[i64]) -> Result<(), AppError> {
    if !pilots.is_empty() {
        report_cache::Entity::delete_many()
            .filter(report_cache::Column::PilotId.is_in(pilots.iter().copied()))
            .exec(db)
            .await?;
    }
    Ok(())
}
