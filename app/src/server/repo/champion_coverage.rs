//! Where the confirmed champions are relative to a pilot's teams, and how far the managers of
//! those teams are with their training. These return `DbErr` so other services (rollout
//! readiness) can call them inside their own transactions without this crate's error type.

use std::collections::{BTreeSet, HashMap};

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};

use crate::{
    domain::{
        champions::{
            coverage::{team_coverage, TeamPlace},
            ChampionStatus, TeamCoverage, TrainingCoverage,
        },
        pilot::Arm,
    },
    server::entities::{champion, department, person, pilot_team, team, team_membership},
};

/// The pilot arm's teams of a pilot.
pub async fn pilot_arm_teams(db: &impl ConnectionTrait, pilot_id: i64) -> Result<Vec<i64>, DbErr> {
    pilot_team::Entity::find()
        .select_only()
        .column(pilot_team::Column::TeamId)
        .filter(pilot_team::Column::PilotId.eq(pilot_id))
        .filter(pilot_team::Column::Arm.eq(Arm::Pilot.as_str()))
        .into_tuple()
        .all(db)
        .await
}

/// The given teams with their departments, by team name.
pub async fn team_places(
    db: &impl ConnectionTrait,
    team_ids: &[i64],
) -> Result<Vec<TeamPlace>, DbErr> {
    let teams = team::Entity::find()
        .filter(team::Column::Id.is_in(team_ids.to_vec()))
        .all(db)
        .await?;
    let departments: HashMap<i64, String> = department::Entity::find()
        .filter(department::Column::Id.is_in(teams.iter().map(|row| row.department_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row.name))
        .collect();
    let mut places: Vec<TeamPlace> = teams
        .into_iter()
        .map(|row| TeamPlace {
            team_id: row.id,
            team: row.name,
            department_id: Some(row.department_id),
            department: departments.get(&row.department_id).cloned(),
        })
        .collect();
    places.sort_by(|a, b| a.team.cmp(&b.team));
    Ok(places)
}

/// (team, department) of every active confirmed champion's current team.
pub async fn champion_places(db: &impl ConnectionTrait) -> Result<Vec<(i64, Option<i64>)>, DbErr> {
    let champions: Vec<i64> = champion::Entity::find()
        .select_only()
        .column(champion::Column::PersonId)
        .filter(champion::Column::Status.eq(ChampionStatus::Confirmed.as_str()))
        .into_tuple()
        .all(db)
        .await?;
    let active: Vec<i64> = person::Entity::find()
        .select_only()
        .column(person::Column::Id)
        .filter(person::Column::Id.is_in(champions))
        .filter(person::Column::Active.eq(true))
        .into_tuple()
        .all(db)
        .await?;
    let teams: BTreeSet<i64> = team_membership::Entity::find()
        .select_only()
        .column(team_membership::Column::TeamId)
        .filter(team_membership::Column::PersonId.is_in(active))
        .filter(team_membership::Column::LeftAt.is_null())
        .into_tuple::<i64>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(team::Entity::find()
        .filter(team::Column::Id.is_in(teams))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, Some(row.department_id)))
        .collect())
}

/// One coverage row per pilot-arm team of the pilot, by team name.
pub async fn pilot_team_coverage(
    db: &impl ConnectionTrait,
    pilot_id: i64,
) -> Result<Vec<TeamCoverage>, DbErr> {
    let teams = team_places(db, &pilot_arm_teams(db, pilot_id).await?).await?;
    Ok(team_coverage(&teams, &champion_places(db).await?))
}

/// The managers of the given teams (as the roster works them out: the person most members
/// report to), without repeats.
pub async fn managers_of(
    db: &impl ConnectionTrait,
    team_ids: &[i64],
) -> Result<BTreeSet<i64>, DbErr> {
    let managers: Vec<Option<i64>> = team::Entity::find()
        .select_only()
        .column(team::Column::ManagerId)
        .filter(team::Column::Id.is_in(team_ids.to_vec()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(managers.into_iter().flatten().collect())
}

/// Those of `managers` who completed every required module.
pub async fn trained_managers(
    db: &impl ConnectionTrait,
    managers: &BTreeSet<i64>,
) -> Result<BTreeSet<i64>, DbErr> {
    let required = super::training::required_keys(db).await?;
    let completed = super::training::completed_modules(db, managers).await?;
    Ok(managers
        .iter()
        .filter(|manager| {
            let done = completed.get(manager);
            required
                .iter()
                .all(|module| done.is_some_and(|done| done.contains(module)))
        })
        .copied()
        .collect())
}

/// Managers of the pilot arm's teams, and how many of them completed every required module.
pub async fn pilot_manager_training(
    db: &impl ConnectionTrait,
    pilot_id: i64,
) -> Result<TrainingCoverage, DbErr> {
    let managers = managers_of(db, &pilot_arm_teams(db, pilot_id).await?).await?;
    let trained = trained_managers(db, &managers).await?;
    Ok(TrainingCoverage {
        managers: managers.len() as i64,
        completed: trained.len() as i64,
    })
}
