//! Team charters: the team's people and HR read every dated version and the one in force; the
//! team's manager and HR add versions (nothing is ever overwritten).

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::DatabaseConnection;

use super::team_records::team_and_standing;
use crate::{
    domain::{access::Action, audit::AuditAction, capture::charter::in_force_on},
    error::AppError,
    server::{
        repo::{
            self,
            audit::{Actor, Entry},
        },
        tx,
    },
    wire::charters::{CharterDraft, CharterVersionView, TeamCharter},
};

/// The team's charter: the version in force on `on` (by default today in the team's time zone)
/// and every version, newest first.
pub async fn read(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    team_id: i64,
    on: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<TeamCharter, AppError> {
    super::authorize(&actor, Action::ReadTeamRecords)?;
    let (team, standing) = team_and_standing(db, &actor, team_id).await?;
    if !standing.may_read() {
        return Err(AppError::Forbidden);
    }
    let on = on.unwrap_or_else(|| {
        let zone: chrono_tz::Tz = team.time_zone.parse().unwrap_or(chrono_tz::Tz::UTC);
        now.with_timezone(&zone).date_naive()
    });
    let versions = repo::charters::versions(db, team.id).await?;
    Ok(TeamCharter {
        team_id: team.id,
        team: team.name,
        on,
        in_force: in_force_on(&versions, on).cloned(),
        can_edit: standing.may_edit_charter() && !is_executive(&actor),
        versions,
    })
}

/// Every version of the team's charter, newest first.
pub async fn versions(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    team_id: i64,
) -> Result<Vec<CharterVersionView>, AppError> {
    super::authorize(&actor, Action::ReadTeamRecords)?;
    let (team, standing) = team_and_standing(db, &actor, team_id).await?;
    if !standing.may_read() {
        return Err(AppError::Forbidden);
    }
    repo::charters::versions(db, team.id).await
}

/// Saves a new version of the team's charter; returns its version number.
pub async fn save(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    team_id: i64,
    draft: &impl CharterDraft,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    super::authorize(&actor, Action::KeepTeamRecords)?;
    let (team, standing) = team_and_standing(db, &actor, team_id).await?;
    if !standing.may_edit_charter() {
        return Err(AppError::Forbidden);
    }
    let charter = draft.parse()?;
    let author = match actor {
        Actor::Caller(caller) => Some(caller.person_id),
        _ => None,
    };
    tx::write(db, async |tx| {
        let version = repo::charters::insert(tx, team.id, &charter, author, now).await?;
        let channels: Vec<String> = charter
            .channels()
            .iter()
            .map(|channel| format!("{} {}h", channel.name(), channel.reply_hours()))
            .collect();
        let entry = Entry::new(actor, AuditAction::CharterSaved, "team")
            .object(team.id)
            .detail(format!(
                "{} version {version} from {}{}: {}",
                team.name,
                charter.effective_from(),
                if charter.current_norms() {
                    " (current norms)"
                } else {
                    ""
                },
                channels.join(", ")
            ));
        repo::audit::record(tx, entry, now).await?;
        Ok(version)
    })
    .await
}

fn is_executive(actor: &Actor<'_>) -> bool {
    matches!(actor, Actor::Caller(caller) if caller.role == crate::domain::account::Role::Executive)
}
