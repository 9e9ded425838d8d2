//! A person's own working days: the days participation expects a check-in on.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use super::{authorize, signed_in};
use crate::{
    domain::{access::Action, capture::working_days::WorkingDays},
    error::AppError,
    server::{repo, tx},
    wire::working_days::WorkingDaysBody,
};

fn body(days: WorkingDays) -> WorkingDaysBody {
    WorkingDaysBody {
        days: days.keys().into_iter().map(str::to_string).collect(),
    }
}

pub async fn mine(
    db: &impl ConnectionTrait,
    actor: repo::audit::Actor<'_>,
) -> Result<WorkingDaysBody, AppError> {
    authorize(&actor, Action::UseOwnAccount)?;
    let me = signed_in(&actor)?.person_id;
    Ok(body(repo::people::working_days(db, me).await?))
}

/// Sets the caller's working days (at least one); returns them as stored, in week order.
pub async fn set(
    db: &DatabaseConnection,
    actor: repo::audit::Actor<'_>,
    days: &[String],
    now: DateTime<Utc>,
) -> Result<WorkingDaysBody, AppError> {
    authorize(&actor, Action::ChangeOwnAccount)?;
    let me = signed_in(&actor)?.person_id;
    let days = WorkingDays::parse(days)?;
    tx::write(db, async |tx| {
        repo::people::set_working_days(tx, me, days, now).await
    })
    .await?;
    Ok(body(days))
}
