//! The teams of a pilot (admins): add one with its enrollment link, renew the link, remove one
//! before the baseline.

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use super::authorize;
use crate::{
    domain::{
        access::Action,
        audit::AuditAction,
        pilot::{check_team, enrollment_link::link_expires_at, Arm},
    },
    error::AppError,
    server::{
        auth::secrets::{hash_secret, new_secret},
        repo::{
            self,
            audit::{Actor, Entry},
            pilot_teams::Link,
        },
        tx,
    },
};

fn teams_are_fixed() -> AppError {
    AppError::Conflict("teams are fixed once the baseline has started".into())
}

/// Adds a team; returns the secret of its enrollment link, which works for
/// `ENROLLMENT_LINK_DAYS` from `now`. Pilot teams must have volunteered.
pub async fn add_team(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    pilot_id: i64,
    team_id: i64,
    arm: Arm,
    volunteered: bool,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    authorize(&actor, Action::ChangePilots)?;
    let token = new_secret()?;
    tx::write(db, async |tx| {
        if repo::pilots::get(tx, pilot_id).await?.is_locked() {
            return Err(teams_are_fixed());
        }
        check_team(arm, volunteered)?;
        let team = repo::pilot_teams::team_names(tx, [team_id])
            .await?
            .remove(&team_id)
            .ok_or_else(|| AppError::NotFound(format!("team {team_id}")))?;
        let link = Link {
            token_hash: hash_secret(&token),
            expires_at: link_expires_at(now),
        };
        repo::pilot_teams::insert(tx, pilot_id, team_id, arm, volunteered, link, now)
            .await
            .map_err(|error| match error {
                AppError::Conflict(_) => {
                    AppError::Conflict(format!("{team} is already in this pilot"))
                }
                other => other,
            })?;
        let entry = Entry::new(actor, AuditAction::PilotTeamAdded, "pilot")
            .object(pilot_id)
            .detail(format!("{team} as {}", arm.as_str()));
        repo::audit::record(tx, entry, now).await
    })
    .await?;
    Ok(token)
}

/// A fresh enrollment link for a team of a pilot, working for `ENROLLMENT_LINK_DAYS` from
/// `now` (the old one stops working).
pub async fn renew_link(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    pilot_team_id: i64,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    authorize(&actor, Action::ChangePilots)?;
    let token = new_secret()?;
    tx::write(db, async |tx| {
        let link = repo::pilot_teams::get(tx, pilot_team_id).await?;
        let expires_at = link_expires_at(now);
        let renewed = Link {
            token_hash: hash_secret(&token),
            expires_at,
        };
        repo::pilot_teams::set_link(tx, link.id, renewed).await?;
        let team = repo::pilot_teams::team_names(tx, [link.team_id]).await?;
        let entry = Entry::new(actor, AuditAction::PilotTeamLinkRenewed, "pilot")
            .object(link.pilot_id)
            .detail(format!(
                "{}, until {}",
                team.get(&link.team_id).cloned().unwrap_or_default(),
                expires_at.format("%Y-%m-%d %H:%M UTC")
            ));
        repo::audit::record(tx, entry, now).await
    })
    .await?;
    Ok(token)
}

/// Takes a team out before the baseline, if nobody in it has consented.
pub async fn remove_team(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    pilot_team_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    authorize(&actor, Action::ChangePilots)?;
    tx::write(db, async |tx| {
        let link = repo::pilot_teams::get(tx, pilot_team_id).await?;
        if repo::pilots::get(tx, link.pilot_id).await?.is_locked() {
            return Err(teams_are_fixed());
        }
        let consents = repo::consents::count_for_team(tx, link.pilot_id, link.team_id).await?;
        if consents > 0 {
            return Err(AppError::Conflict(format!(
                "{consents} members of this team have already consented; their records would be orphaned"
            )));
        }
        repo::pilot_teams::delete(tx, pilot_team_id).await?;
        let entry = Entry::new(actor, AuditAction::PilotTeamRemoved, "pilot")
            .object(link.pilot_id)
            .detail(format!("team {}", link.team_id));
        repo::audit::record(tx, entry, now).await
    })
    .await
}
