//! Rollout readiness, read: one pilot's suggested verdict with its evidence, and the portfolio
//! of every pilot with the organisation-wide picture. HR and executives read it; the changes
//! (thresholds, decisions, extensions, the next wave) are in `readiness_changes`.

use std::collections::{BTreeSet, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use super::{authorize, reports};
use crate::{
    domain::{
        access::Action,
        champions::coverage::{team_coverage, Coverage},
        pilot::{Arm, Decision, Pilot, PilotStage},
        readiness::{
            assess::{assess, Facts, Sources, TeamCover, TrainingFacts},
            progress::progress,
            wave::{self, TeamFacts},
        },
        report::{
            catalogue::MetricRole,
            shape::{GroupFigures, Report},
        },
    },
    error::AppError,
    server::repo::{self, audit::Actor, readiness::TeamStanding},
    wire::readiness::{
        DecisionRecord, OrganisationPicture, PilotReadiness, Portfolio, PrimaryEffect,
    },
};

/// One pilot's readiness (HR and executives).
pub async fn of_pilot(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    pilot_id: i64,
    now: DateTime<Utc>,
) -> Result<PilotReadiness, AppError> {
    authorize(&actor, Action::ReadPilots)?;
    let pilot = repo::pilots::get(db, pilot_id).await?;
    let standings = repo::readiness::team_standings(db).await?;
    readiness(db, &pilot, &standings, now).await
}

/// Every pilot, newest first, and the organisation-wide picture.
pub async fn portfolio(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<Portfolio, AppError> {
    authorize(&actor, Action::ReadPilots)?;
    let standings = repo::readiness::team_standings(db).await?;
    let mut pilots = Vec::new();
    for pilot in repo::pilots::all(db).await? {
        pilots.push(readiness(db, &pilot, &standings, now).await?);
    }
    Ok(Portfolio {
        pilots,
        organisation: picture(&standings, repo::departments::summaries(db).await?.len()),
        as_of: now.date_naive(),
    })
}

fn picture(standings: &[TeamStanding], departments: usize) -> OrganisationPicture {
    let piloted: Vec<&TeamStanding> = standings
        .iter()
        .filter(|team| {
            team.piloting_in
                .iter()
                .any(|(stage, _)| *stage != PilotStage::Draft)
        })
        .collect();
    let adopted = standings
        .iter()
        .filter(|team| {
            team.piloting_in
                .iter()
                .any(|(_, decision)| *decision == Some(Decision::Expand))
        })
        .count();
    let covered: HashSet<i64> = piloted.iter().map(|team| team.department_id).collect();
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    OrganisationPicture {
        teams: count(standings.len()),
        teams_piloted: count(piloted.len()),
        teams_adopted: count(adopted),
        departments: count(departments),
        departments_covered: count(covered.len()),
    }
}

async fn readiness(
    db: &impl ConnectionTrait,
    pilot: &Pilot,
    standings: &[TeamStanding],
    now: DateTime<Utc>,
) -> Result<PilotReadiness, AppError> {
    let today = now.date_naive();
    let thresholds = repo::readiness::thresholds(db, pilot.id).await?;
    let pilot_team_ids: Vec<i64> = repo::pilot_teams::of_pilot(db, pilot.id)
        .await?
        .into_iter()
        .filter(|team| team.arm == Arm::Pilot)
        .map(|team| team.team_id)
        .collect();
    let champions = champion_cover(db, pilot.id).await?;
    let training = training_facts(db, pilot.id).await?;
    let report = if pilot.stage == PilotStage::Draft {
        None
    } else {
        Some(reports::full_report(db, pilot, now).await?)
    };
    let assessment = report.as_ref().map(|report| {
        assess(&Facts {
            report,
            thresholds,
            champions: &champions,
            training,
            sources: Sources::for_pilot(pilot.id),
        })
    });
    let participation = report.as_ref().and_then(pilot_participation);
    let decisions = repo::readiness::decisions(db, pilot.id)
        .await?
        .into_iter()
        .map(|recorded| DecisionRecord {
            decision: recorded.decision,
            suggested: recorded.suggested,
            rationale: recorded.rationale,
            decided_at: recorded.decided_at,
        })
        .collect();
    let expanding = pilot.decision == Some(Decision::Expand)
        && matches!(pilot.stage, PilotStage::Decided | PilotStage::Closed);
    let next_wave = if expanding {
        Some(next_wave(db, standings, &pilot_team_ids).await?)
    } else {
        None
    };
    #[allow(clippy::cast_precision_loss)] // counts of teams and people
    let share = |part: usize, whole: usize| (whole > 0).then(|| part as f64 / whole as f64);
    Ok(PilotReadiness {
        pilot_id: pilot.id,
        name: pilot.protocol.name.clone(),
        hypothesis: pilot.protocol.hypothesis.clone(),
        stage: pilot.stage,
        progress: progress(pilot.stage, &pilot.protocol.plan, today),
        thresholds,
        thresholds_locked: pilot.is_locked(),
        primary_effect: report.as_ref().and_then(primary_effect),
        participation_baseline: participation.map(|(baseline, _)| baseline),
        participation_follow_up: participation.map(|(_, follow_up)| follow_up),
        champion_coverage: share(
            champions.iter().filter(|team| team.covered).count(),
            champions.len(),
        ),
        training_coverage: share(
            usize::try_from(training.completed).unwrap_or(0),
            usize::try_from(training.managers).unwrap_or(0),
        ),
        assessment,
        decisions,
        decision: pilot.decision,
        next_wave,
    })
}

fn primary_effect(report: &Report) -> Option<PrimaryEffect> {
    let metric = report
        .metrics
        .iter()
        .find(|metric| metric.role == MetricRole::Primary)?;
    let (estimate, ci_low, ci_high, p) = match &metric.did {
        Some(did) => (did.estimate, did.ci_low, did.ci_high, did.p),
        None => {
            let pilot = metric.arms.pilot.as_ref().and_then(GroupFigures::figures)?;
            (pilot.change?, pilot.ci_low, pilot.ci_high, pilot.p)
        }
    };
    Some(PrimaryEffect {
        metric: metric.metric.clone(),
        label: metric.label.clone(),
        unit: metric.unit.clone(),
        direction: metric.direction,
        estimate,
        ci_low,
        ci_high,
        p,
        observational: metric.observational,
    })
}

/// The pilot arm's mean participation in the baseline and the follow-up (paired people, kept
/// teams: the report's own figures, so nothing under k leaks through here).
fn pilot_participation(report: &Report) -> Option<(f64, f64)> {
    let paired = report
        .metrics
        .iter()
        .find(|metric| metric.metric == "participation")?
        .arms
        .pilot
        .as_ref()
        .and_then(GroupFigures::figures)?;
    Some((paired.baseline.mean?, paired.follow_up.mean?))
}

/// Whether each pilot team has a confirmed champion in the team or its department.
async fn champion_cover(
    db: &impl ConnectionTrait,
    pilot_id: i64,
) -> Result<Vec<TeamCover>, AppError> {
    Ok(repo::champion_coverage::pilot_team_coverage(db, pilot_id)
        .await?
        .into_iter()
        .map(|team| TeamCover {
            team: team.team,
            covered: team.coverage != Coverage::None,
        })
        .collect())
}

async fn training_facts(
    db: &impl ConnectionTrait,
    pilot_id: i64,
) -> Result<TrainingFacts, AppError> {
    let training = repo::champion_coverage::pilot_manager_training(db, pilot_id).await?;
    Ok(TrainingFacts {
        managers: training.managers,
        completed: training.completed,
    })
}

/// The teams whose manager completed every required module.
async fn trained_teams(
    db: &impl ConnectionTrait,
    standings: &[TeamStanding],
) -> Result<HashSet<i64>, AppError> {
    let managers: BTreeSet<i64> = standings
        .iter()
        .filter_map(|team| team.manager_id)
        .collect();
    let trained = repo::champion_coverage::trained_managers(db, &managers).await?;
    Ok(standings
        .iter()
        .filter(|team| {
            team.manager_id
                .is_some_and(|manager| trained.contains(&manager))
        })
        .map(|team| team.team_id)
        .collect())
}

async fn next_wave(
    db: &impl ConnectionTrait,
    standings: &[TeamStanding],
    pilot_team_ids: &[i64],
) -> Result<crate::wire::readiness::WavePlan, AppError> {
    let pilot_departments: HashSet<i64> = standings
        .iter()
        .filter(|team| pilot_team_ids.contains(&team.team_id))
        .map(|team| team.department_id)
        .collect();
    let ids: Vec<i64> = standings.iter().map(|team| team.team_id).collect();
    let places = repo::champion_coverage::team_places(db, &ids).await?;
    let champions = repo::champion_coverage::champion_places(db).await?;
    let near_champion: HashSet<i64> = team_coverage(&places, &champions)
        .into_iter()
        .filter(|team| team.coverage != Coverage::None)
        .map(|team| team.team_id)
        .collect();
    let trained = trained_teams(db, standings).await?;
    let facts: Vec<TeamFacts> = standings
        .iter()
        .map(|team| TeamFacts {
            team_id: team.team_id,
            team: team.team.clone(),
            department: team.department.clone(),
            volunteered: team.volunteered,
            manager_trained: trained.contains(&team.team_id),
            champion_nearby: near_champion.contains(&team.team_id),
            near_pilot_team: pilot_departments.contains(&team.department_id),
            piloting: !team.piloting_in.is_empty(),
            comparing_in_running_pilot: team.comparing_in_running_pilot,
        })
        .collect();
    Ok(wave::plan(&facts, pilot_team_ids.len()))
}
