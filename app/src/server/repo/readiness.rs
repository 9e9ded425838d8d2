//! Readiness rows: a pilot's thresholds, its recorded decisions, the teams that volunteered
//! for a next wave, and the facts the wave planner and the organisation picture read.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{
    sea_query::OnConflict, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::{
    domain::{
        pilot::{Arm, Decision, PilotStage},
        readiness::{shape::Verdict, thresholds::Thresholds},
    },
    error::AppError,
    server::entities::{
        department, pilot, pilot_decision, pilot_team, readiness_threshold, team, team_volunteer,
    },
};

/// The pilot's thresholds: the defaults until HR changed them.
pub async fn thresholds(db: &impl ConnectionTrait, pilot_id: i64) -> Result<Thresholds, AppError> {
    Ok(readiness_threshold::Entity::find_by_id(pilot_id)
        .one(db)
        .await?
        .map_or_else(Thresholds::default, |row| Thresholds {
            primary_p: row.primary_p,
            guardrail_q: row.guardrail_q,
            participation: row.participation,
            training: row.training,
        }))
}

pub async fn set_thresholds(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    thresholds: &Thresholds,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let row = readiness_threshold::ActiveModel {
        pilot_id: Set(pilot_id),
        primary_p: Set(thresholds.primary_p),
        guardrail_q: Set(thresholds.guardrail_q),
        participation: Set(thresholds.participation),
        training: Set(thresholds.training),
        updated_at: Set(now),
    };
    readiness_threshold::Entity::insert(row)
        .on_conflict(
            OnConflict::column(readiness_threshold::Column::PilotId)
                .update_columns([
                    readiness_threshold::Column::PrimaryP,
                    readiness_threshold::Column::GuardrailQ,
                    readiness_threshold::Column::Participation,
                    readiness_threshold::Column::Training,
                    readiness_threshold::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// A decision as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedDecision {
    pub decision: Decision,
    pub suggested: Option<Verdict>,
    pub rationale: String,
    pub decided_at: DateTime<Utc>,
}

pub async fn record_decision(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    decision: &RecordedDecision,
    by: Option<i64>,
) -> Result<(), AppError> {
    pilot_decision::Entity::insert(pilot_decision::ActiveModel {
        pilot_id: Set(pilot_id),
        decision: Set(decision.decision.as_str().to_string()),
        suggested: Set(decision
            .suggested
            .map(|verdict| verdict.as_str().to_string())),
        rationale: Set(decision.rationale.clone()),
        decided_by: Set(by),
        decided_at: Set(decision.decided_at),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}

/// The pilot's decisions, latest first.
pub async fn decisions(
    db: &impl ConnectionTrait,
    pilot_id: i64,
) -> Result<Vec<RecordedDecision>, AppError> {
    let rows = pilot_decision::Entity::find()
        .filter(pilot_decision::Column::PilotId.eq(pilot_id))
        .order_by_desc(pilot_decision::Column::DecidedAt)
        .order_by_desc(pilot_decision::Column::Id)
        .all(db)
        .await?;
    rows.into_iter()
        .map(|row| {
            let decision = Decision::parse(&row.decision).ok_or_else(|| {
                AppError::internal("stored decision", format!("decision row {}", row.id))
            })?;
            Ok(RecordedDecision {
                decision,
                suggested: row.suggested.as_deref().and_then(Verdict::parse),
                rationale: row.rationale,
                decided_at: row.decided_at,
            })
        })
        .collect()
}

/// Records that the team volunteers for a next wave, or takes that back.
pub async fn set_volunteered(
    db: &impl ConnectionTrait,
    team_id: i64,
    volunteered: bool,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if volunteered {
        team_volunteer::Entity::insert(team_volunteer::ActiveModel {
            team_id: Set(team_id),
            recorded_by: Set(by),
            recorded_at: Set(now),
        })
        .on_conflict_do_nothing()
        .exec(db)
        .await?;
    } else {
        team_volunteer::Entity::delete_by_id(team_id)
            .exec(db)
            .await?;
    }
    Ok(())
}

/// An active team as the wave planner and the organisation picture see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamStanding {
    pub team_id: i64,
    pub team: String,
    pub department_id: i64,
    pub department: String,
    pub manager_id: Option<i64>,
    pub volunteered: bool,
    /// In a pilot arm of a pilot, with that pilot's stage and decision.
    pub piloting_in: Vec<(PilotStage, Option<Decision>)>,
    /// A comparison team of a pilot not yet decided or closed.
    pub comparing_in_running_pilot: bool,
}

/// Every active team with its department, volunteering and where it takes part.
pub async fn team_standings(db: &impl ConnectionTrait) -> Result<Vec<TeamStanding>, AppError> {
    let teams = team::Entity::find()
        .filter(team::Column::Active.eq(true))
        .order_by_asc(team::Column::Name)
        .all(db)
        .await?;
    let departments: HashMap<i64, String> = department::Entity::find()
        .select_only()
        .column(department::Column::Id)
        .column(department::Column::Name)
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let volunteers: HashSet<i64> = team_volunteer::Entity::find()
        .select_only()
        .column(team_volunteer::Column::TeamId)
        .into_tuple::<i64>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let pilots: HashMap<i64, (String, Option<String>)> = pilot::Entity::find()
        .select_only()
        .column(pilot::Column::Id)
        .column(pilot::Column::Stage)
        .column(pilot::Column::Decision)
        .into_tuple::<(i64, String, Option<String>)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, stage, decision)| (id, (stage, decision)))
        .collect();
    let enrolled: Vec<(i64, i64, String)> = pilot_team::Entity::find()
        .select_only()
        .column(pilot_team::Column::PilotId)
        .column(pilot_team::Column::TeamId)
        .column(pilot_team::Column::Arm)
        .into_tuple()
        .all(db)
        .await?;
    let mut piloting: HashMap<i64, Vec<(PilotStage, Option<Decision>)>> = HashMap::new();
    let mut comparing: HashSet<i64> = HashSet::new();
    for (pilot_id, team_id, arm) in enrolled {
        let Some((stage, decision)) = pilots.get(&pilot_id) else {
            continue;
        };
        let stage = PilotStage::from_slug(stage).unwrap_or(PilotStage::Closed);
        let decision = decision.as_deref().and_then(Decision::parse);
        match Arm::parse(&arm) {
            Some(Arm::Pilot) => piloting.entry(team_id).or_default().push((stage, decision)),
            _ if !matches!(stage, PilotStage::Decided | PilotStage::Closed) => {
                comparing.insert(team_id);
            }
            _ => {}
        }
    }
    Ok(teams
        .into_iter()
        .map(|row| TeamStanding {
            team_id: row.id,
            department: departments
                .get(&row.department_id)
                .cloned()
                .unwrap_or_default(),
            department_id: row.department_id,
            manager_id: row.manager_id,
            volunteered: volunteers.contains(&row.id),
            piloting_in: piloting.remove(&row.id).unwrap_or_default(),
            comparing_in_running_pilot: comparing.contains(&row.id),
            team: row.name,
        })
        .collect())
}
