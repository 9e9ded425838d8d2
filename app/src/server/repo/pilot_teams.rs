//! The teams of a pilot (pilot_teams): arm, volunteering, enrollment link, and participation
//! counts read with aggregate queries.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::consents;
use crate::{
    domain::pilot::{Arm, Pilot},
    error::AppError,
    server::entities::{department, pilot_team, team},
};

/// A team's place in a pilot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PilotTeam {
    pub id: i64,
    pub pilot_id: i64,
    pub team_id: i64,
    pub arm: Arm,
    pub volunteered: bool,
    /// When its enrollment link stops working.
    pub link_expires_at: Option<DateTime<Utc>>,
}

fn to_pilot_team(row: pilot_team::Model) -> PilotTeam {
    PilotTeam {
        id: row.id,
        pilot_id: row.pilot_id,
        team_id: row.team_id,
        // Only `Arm::as_str` is ever written; a comparison team is the harmless reading.
        arm: Arm::parse(&row.arm).unwrap_or(Arm::Comparison),
        volunteered: row.volunteered,
        link_expires_at: row.link_expires_at,
    }
}

/// The pilot team, or 404.
pub async fn get(db: &impl ConnectionTrait, id: i64) -> Result<PilotTeam, AppError> {
    pilot_team::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(to_pilot_team)
        .ok_or_else(|| AppError::NotFound(format!("pilot team {id}")))
}

/// The pilot team whose enrollment link hashes to `token_hash`.
pub async fn find_by_token_hash(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<PilotTeam>, AppError> {
    Ok(pilot_team::Entity::find()
        .filter(pilot_team::Column::InviteTokenHash.eq(token_hash))
        .one(db)
        .await?
        .map(to_pilot_team))
}

/// The pilot's teams, pilot teams first, then in the order they were added.
pub async fn of_pilot(
    db: &impl ConnectionTrait,
    pilot_id: i64,
) -> Result<Vec<PilotTeam>, AppError> {
    Ok(pilot_team::Entity::find()
        .filter(pilot_team::Column::PilotId.eq(pilot_id))
        // "pilot" sorts after "comparison": descending puts pilot teams first.
        .order_by_desc(pilot_team::Column::Arm)
        .order_by_asc(pilot_team::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(to_pilot_team)
        .collect())
}

/// A team's enrollment link as stored: the hash of its secret and when it stops working.
pub struct Link {
    pub token_hash: String,
    pub expires_at: DateTime<Utc>,
}

/// Adds the team with its link; a team already in the pilot is a conflict (the caller names it).
pub async fn insert(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    team_id: i64,
    arm: Arm,
    volunteered: bool,
    link: Link,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let row = pilot_team::ActiveModel {
        pilot_id: Set(pilot_id),
        team_id: Set(team_id),
        arm: Set(arm.as_str().to_string()),
        volunteered: Set(volunteered),
        invite_token_hash: Set(Some(link.token_hash)),
        link_expires_at: Set(Some(link.expires_at)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Replaces the team's link: the old secret stops working at once.
pub async fn set_link(db: &impl ConnectionTrait, id: i64, link: Link) -> Result<(), AppError> {
    pilot_team::ActiveModel {
        id: Set(id),
        invite_token_hash: Set(Some(link.token_hash)),
        link_expires_at: Set(Some(link.expires_at)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

pub async fn delete(db: &impl ConnectionTrait, id: i64) -> Result<(), AppError> {
    pilot_team::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// Pilot and comparison teams per pilot, by one GROUP BY over every pilot.
pub async fn arm_counts(db: &impl ConnectionTrait) -> Result<HashMap<(i64, Arm), i64>, AppError> {
    let rows: Vec<(i64, String, i64)> = pilot_team::Entity::find()
        .select_only()
        .column(pilot_team::Column::PilotId)
        .column(pilot_team::Column::Arm)
        .column_as(Expr::col(pilot_team::Column::Id).count(), "teams")
        .group_by(pilot_team::Column::PilotId)
        .group_by(pilot_team::Column::Arm)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(pilot_id, arm, teams)| Some(((pilot_id, Arm::parse(&arm)?), teams)))
        .collect())
}

/// The names of these teams.
pub async fn team_names(
    db: &impl ConnectionTrait,
    team_ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, String>, AppError> {
    let ids: Vec<i64> = team_ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i64, String)> = team::Entity::find()
        .select_only()
        .column(team::Column::Id)
        .column(team::Column::Name)
        .filter(team::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// The team named `name`, if any (the demo picks its teams by name).
pub async fn team_id_named(db: &impl ConnectionTrait, name: &str) -> Result<Option<i64>, AppError> {
    Ok(team::Entity::find()
        .select_only()
        .column(team::Column::Id)
        .filter(team::Column::Name.eq(name))
        .into_tuple()
        .one(db)
        .await?)
}

/// One team of a pilot with its raw counts: the service applies the privacy threshold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamCounts {
    pub pilot_team_id: i64,
    pub team_id: i64,
    pub team: String,
    pub department: String,
    pub arm: Arm,
    pub volunteered: bool,
    pub link_expires_at: Option<DateTime<Utc>>,
    /// Members invited: the frozen membership once the baseline started, the current one before.
    pub members: i64,
    /// Active consents of those members given through this team.
    pub enrolled: i64,
}

/// Each of the pilot's teams with its department and counts (members invited, members
/// enrolled): a handful of queries whatever the number of teams, and never a name of a person.
pub async fn participation(
    db: &impl ConnectionTrait,
    pilot: &Pilot,
) -> Result<Vec<TeamCounts>, AppError> {
    let links = of_pilot(db, pilot.id).await?;
    let team_ids: Vec<i64> = links.iter().map(|link| link.team_id).collect();
    let teams: HashMap<i64, (String, i64)> = if team_ids.is_empty() {
        HashMap::new()
    } else {
        team::Entity::find()
            .select_only()
            .column(team::Column::Id)
            .column(team::Column::Name)
            .column(team::Column::DepartmentId)
            .filter(team::Column::Id.is_in(team_ids.clone()))
            .into_tuple::<(i64, String, i64)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(id, name, department_id)| (id, (name, department_id)))
            .collect()
    };
    let department_ids: Vec<i64> = teams.values().map(|(_, id)| *id).collect();
    let departments: HashMap<i64, String> = if department_ids.is_empty() {
        HashMap::new()
    } else {
        department::Entity::find()
            .select_only()
            .column(department::Column::Id)
            .column(department::Column::Name)
            .filter(department::Column::Id.is_in(department_ids))
            .into_tuple::<(i64, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    let invited = consents::invited_counts(db, pilot, &team_ids).await?;
    let enrolled = consents::enrolled_counts(db, pilot, &team_ids).await?;
    Ok(links
        .into_iter()
        .map(|link| {
            let team = teams.get(&link.team_id);
            TeamCounts {
                pilot_team_id: link.id,
                team_id: link.team_id,
                team: team.map(|(name, _)| name.clone()).unwrap_or_default(),
                department: team
                    .and_then(|(_, department_id)| departments.get(department_id).cloned())
                    .unwrap_or_default(),
                arm: link.arm,
                volunteered: link.volunteered,
                link_expires_at: link.link_expires_at,
                members: invited.get(&link.team_id).copied().unwrap_or(0),
                enrolled: enrolled.get(&link.team_id).copied().unwrap_or(0),
            }
        })
        .collect())
}
