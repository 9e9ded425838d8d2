//! Members and their pilots: read a team's enrollment link, consent, withdraw, list their own.
//! Each acts for the signed-in caller only: nobody consents or withdraws for someone else.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use super::authorize;
use crate::{
    domain::{
        access::Action,
        pilot::{
            enrollment_link::{link_has_expired, EXPIRED_LINK},
            Pilot,
        },
    },
    error::AppError,
    server::{
        auth::{caller::Caller, secrets::hash_secret},
        repo::{self, audit::Actor, pilot_teams::PilotTeam},
        tx,
    },
    wire::enrollment::{JoinInfo, MyEnrollment},
};

/// The link's team and pilot, when the caller is invited through that team; 404 for an unknown
/// (or renewed) link, 409 for an expired one (like a pilot that has ended), 403 for someone
/// outside the team.
async fn invitation(
    db: &impl ConnectionTrait,
    token: &str,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<(PilotTeam, Pilot), AppError> {
    let link = repo::pilot_teams::find_by_token_hash(db, &hash_secret(token))
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                "this enrollment link is not valid; ask HR for the current one".into(),
            )
        })?;
    if link_has_expired(link.link_expires_at, now) {
        return Err(AppError::Conflict(EXPIRED_LINK.into()));
    }
    let pilot = repo::pilots::get(db, link.pilot_id).await?;
    if !repo::consents::is_invited(db, &pilot, link.team_id, person_id).await? {
        return Err(AppError::Forbidden);
    }
    Ok((link, pilot))
}

/// What the link is for, while it works. Only members of the link's team may read it.
pub async fn join_info(
    db: &impl ConnectionTrait,
    caller: &Caller,
    token: &str,
    now: DateTime<Utc>,
) -> Result<JoinInfo, AppError> {
    authorize(&Actor::Caller(caller), Action::UseOwnAccount)?;
    let (link, pilot) = invitation(db, token, caller.person_id, now).await?;
    let team = repo::pilot_teams::team_names(db, [link.team_id]).await?;
    let consent = repo::consents::find(db, pilot.id, caller.person_id).await?;
    Ok(JoinInfo {
        team: team.get(&link.team_id).cloned().unwrap_or_default(),
        arm: link.arm,
        privacy_k: pilot.protocol.privacy_k,
        baseline_start: pilot.protocol.plan.windows()[0].first_day,
        already_enrolled: consent.is_some_and(|consent| consent.is_active()),
        pilot: pilot.protocol.name,
        hypothesis: pilot.protocol.hypothesis,
    })
}

/// Records the caller's consent: from now on their entries count.
pub async fn join(
    db: &DatabaseConnection,
    caller: &Caller,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    join_with_reminder(db, caller, token, None, now).await
}

/// Joins, and with `remind_at` (`HH:MM`, the person's local time) turns on the daily check-in
/// reminder in the same transaction: both happen, or neither.
pub async fn join_with_reminder(
    db: &DatabaseConnection,
    caller: &Caller,
    token: &str,
    remind_at: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    authorize(&Actor::Caller(caller), Action::JoinPilot)?;
    let remind_at = remind_at
        .map(crate::domain::capture::reminder::parse_time)
        .transpose()?;
    tx::write(db, async |tx| {
        let (link, pilot) = invitation(tx, token, caller.person_id, now).await?;
        if !pilot.is_open_for_consent() {
            return Err(AppError::Conflict("this pilot has ended".into()));
        }
        repo::consents::record(tx, pilot.id, link.team_id, caller.person_id, now).await?;
        if let Some(local_time) = &remind_at {
            repo::checkin_reminders::save(tx, caller.person_id, true, local_time, now).await?;
        }
        Ok(())
    })
    .await
}

/// Withdraws the caller's consent: nothing more is collected and earlier entries stop counting.
pub async fn withdraw(
    db: &DatabaseConnection,
    caller: &Caller,
    pilot_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    authorize(&Actor::Caller(caller), Action::ChangeOwnAccount)?;
    tx::write(db, async |tx| {
        let consent = repo::consents::find(tx, pilot_id, caller.person_id)
            .await?
            .ok_or_else(|| AppError::NotFound("you are not enrolled in this pilot".into()))?;
        if consent.is_active() {
            repo::consents::withdraw(tx, consent.id, now).await?;
        }
        Ok(())
    })
    .await
}

/// The pilots the caller joined, and withdrew from.
pub async fn my_enrollments(
    db: &impl ConnectionTrait,
    caller: &Caller,
) -> Result<Vec<MyEnrollment>, AppError> {
    authorize(&Actor::Caller(caller), Action::UseOwnAccount)?;
    repo::consents::of_person(db, caller.person_id).await
}
