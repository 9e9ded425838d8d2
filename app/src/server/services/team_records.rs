//! The team check shared by the charter and decision-log use cases: the team (404 when there is
//! none) and how the caller stands to it. The role check comes before, in each use case.

use sea_orm::ConnectionTrait;

use crate::{
    domain::{account::Role, capture::standing::Standing},
    error::AppError,
    server::repo::{self, audit::Actor, team_records::RecordTeam},
    wire::teams::TeamChoice,
};

/// The team and the caller's standing in it. The system (command line, demo) stands as HR.
pub async fn team_and_standing(
    db: &impl ConnectionTrait,
    actor: &Actor<'_>,
    team_id: i64,
) -> Result<(RecordTeam, Standing), AppError> {
    let team = repo::team_records::find_team(db, team_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("team {team_id}")))?;
    let standing = match actor {
        Actor::Caller(caller) => Standing {
            member: repo::team_records::is_member(db, team_id, caller.person_id).await?,
            manager: team.manager_id == Some(caller.person_id),
            admin: caller.role == Role::Admin,
        },
        Actor::System => Standing {
            admin: true,
            ..Standing::default()
        },
        Actor::Person { .. } | Actor::Anonymous => Standing::default(),
    };
    Ok((team, standing))
}

/// The teams the caller is in or manages: the choice the team page offers.
pub async fn my_teams(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
) -> Result<Vec<TeamChoice>, AppError> {
    super::authorize(&actor, crate::domain::access::Action::ReadTeamRecords)?;
    let caller = super::signed_in(&actor)?;
    repo::team_records::teams_of(db, caller.person_id).await
}
