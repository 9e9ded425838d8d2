//! Where the champions are: coverage per pilot and per department, and a team's own view (its
//! champions, its pilots with their participation and reports, its manager's training).

use std::collections::BTreeMap;

use sea_orm::ConnectionTrait;

use super::{authorize, team_records::team_and_standing};
use crate::{
    domain::{
        access::Action,
        champions::{
            coverage::{coverage_counts, coverage_share, team_coverage},
            Coverage, TeamCoverage,
        },
    },
    error::AppError,
    server::repo::{self, audit::Actor},
    wire::champions::{
        ChampionName, CoverageGroup, CoverageReport, TeamChampions, TeamPhaseParticipation,
        TeamPilot,
    },
};

/// Champion coverage per pilot (its pilot arm) and per department (its teams in any pilot arm).
pub async fn coverage(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
) -> Result<CoverageReport, AppError> {
    authorize(&actor, Action::ReadCoverage)?;
    let champions = repo::champions::champion_places(db).await?;
    let mut pilots = Vec::new();
    let mut by_department: BTreeMap<String, Vec<TeamCoverage>> = BTreeMap::new();
    let mut seen = std::collections::BTreeSet::new();
    for pilot in repo::pilots::all(db).await? {
        let teams = repo::champions::pilot_arm_teams(db, pilot.id).await?;
        let places = repo::champions::team_places(db, &teams).await?;
        let covered = team_coverage(&places, &champions);
        for team in &covered {
            if seen.insert(team.team_id) {
                let department = team.department.clone().unwrap_or_default();
                by_department
                    .entry(department)
                    .or_default()
                    .push(team.clone());
            }
        }
        pilots.push(group(Some(pilot.id), pilot.protocol.name.clone(), covered));
    }
    let departments = by_department
        .into_iter()
        .map(|(name, teams)| group(None, name, teams))
        .collect();
    Ok(CoverageReport {
        pilots,
        departments,
    })
}

fn group(pilot_id: Option<i64>, name: String, teams: Vec<TeamCoverage>) -> CoverageGroup {
    let (in_team, in_department, none) = coverage_counts(&teams);
    CoverageGroup {
        pilot_id,
        name,
        share: coverage_share(&teams),
        teams,
        in_team,
        in_department,
        none,
    }
}

/// A team's champions, its pilots and (for its manager and HR) the manager's training.
pub async fn of_team(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    team_id: i64,
) -> Result<TeamChampions, AppError> {
    authorize(&actor, Action::ReadTeamRecords)?;
    let (team, standing) = team_and_standing(db, &actor, team_id).await?;
    if !standing.may_read() {
        return Err(AppError::Forbidden);
    }
    let places = repo::champions::team_places(db, &[team.id]).await?;
    let department = places.first().and_then(|place| place.department.clone());
    let champions = repo::champions::confirmed(db).await?;
    let team_names = repo::champions::team_places(
        db,
        &repo::champions::champion_places(db)
            .await?
            .into_iter()
            .map(|(team, _)| team)
            .collect::<Vec<_>>(),
    )
    .await?;
    let department_of = |name: &str| {
        team_names
            .iter()
            .find(|place| place.team == name)
            .and_then(|place| place.department.clone())
    };
    let (mut in_team, mut in_department) = (Vec::new(), Vec::new());
    for (person_id, name, their_team) in champions {
        let champion = ChampionName {
            person_id,
            name,
            team: their_team.clone(),
        };
        match their_team.as_deref() {
            Some(name) if name == team.name => in_team.push(champion),
            Some(name) if department.is_some() && department_of(name) == department => {
                in_department.push(champion)
            }
            _ => {}
        }
    }
    let coverage = if !in_team.is_empty() {
        Coverage::InTeam
    } else if !in_department.is_empty() {
        Coverage::InDepartment
    } else {
        Coverage::None
    };
    let manager_training = match team.manager_id {
        Some(manager) if standing.manager || standing.admin => {
            super::training::training_of(db, manager).await?
        }
        _ => None,
    };
    let mut pilots = Vec::new();
    for (pilot_id, name, report_published) in repo::champions::team_pilots(db, team.id).await? {
        // The participation page's own figures, cut to this team: counts only at k or more.
        let participation = if standing.manager || standing.admin {
            let today = chrono::Utc::now().date_naive();
            super::participation::of_pilot(db, Actor::System, pilot_id, today)
                .await?
                .phases
                .into_iter()
                .filter_map(|phase| {
                    let row = phase.teams.into_iter().find(|row| row.team_id == team.id)?;
                    Some(TeamPhaseParticipation {
                        phase: phase.phase,
                        participation: row.participation,
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        pilots.push(TeamPilot {
            pilot_id,
            name,
            report_published,
            participation,
        });
    }
    Ok(TeamChampions {
        team_id: team.id,
        team: team.name,
        coverage,
        in_team,
        in_department,
        manager_training,
        pilots,
    })
}
