//! Rollout readiness, changed by HR: a pilot's thresholds (until the baseline starts), the
//! decision at the end of its review (with a rationale when it departs from the suggested
//! verdict), a new follow-up window after "extend", volunteering, and a next wave as a draft.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::DatabaseConnection;

use super::{authorize, readiness};
use crate::{
    domain::{
        access::Action,
        audit::{clip, AuditAction, MAX_DETAIL_CHARS},
        pilot::{
            check_transition,
            enrollment_link::link_expires_at,
            lifecycle::PilotFacts,
            plan::{PilotPlan, WindowDays},
            Arm, PilotStage, Protocol,
        },
        readiness::{
            progress::next_monday,
            thresholds::{Thresholds, ThresholdsInput},
        },
    },
    error::AppError,
    server::{
        auth::secrets::{hash_secret, new_secret},
        repo::{
            self,
            audit::{Actor, Entry},
            readiness::RecordedDecision,
        },
        tx,
    },
    wire::readiness::{DecisionInput, NextWaveInput},
};

/// The longest rationale kept: a few paragraphs.
pub const MAX_RATIONALE_CHARS: usize = 4_000;

pub async fn set_thresholds(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    pilot_id: i64,
    input: &ThresholdsInput,
    now: DateTime<Utc>,
) -> Result<Thresholds, AppError> {
    authorize(&actor, Action::ChangePilots)?;
    let thresholds = Thresholds::parse(input)?;
    tx::write(db, async |tx| {
        if repo::pilots::get(tx, pilot_id).await?.is_locked() {
            return Err(AppError::Conflict(
                "the thresholds locked with the protocol when the baseline started".into(),
            ));
        }
        repo::readiness::set_thresholds(tx, pilot_id, &thresholds, now).await?;
        let detail = format!(
            "primary p < {}, guardrail q < {}, participation ≥ {} %, training ≥ {} %",
            thresholds.primary_p,
            thresholds.guardrail_q,
            thresholds.participation * 100.0,
            thresholds.training * 100.0
        );
        let entry = Entry::new(actor, AuditAction::ReadinessThresholdsChanged, "pilot")
            .object(pilot_id)
            .detail(detail);
        repo::audit::record(tx, entry, now).await
    })
    .await?;
    Ok(thresholds)
}

/// Records the decision that ends the review and moves the pilot to "decided". A decision
/// other than the one the verdict suggests needs a rationale; both are kept and shown.
pub async fn decide(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    pilot_id: i64,
    input: &DecisionInput,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    authorize(&actor, Action::ChangePilots)?;
    let rationale = input.rationale.trim().to_string();
    if rationale.chars().count() > MAX_RATIONALE_CHARS {
        return Err(AppError::validation(
            "rationale",
            format!("keep it under {MAX_RATIONALE_CHARS} characters"),
        ));
    }
    // The suggestion is read (and its report computed) before the write transaction opens.
    let suggested = readiness::of_pilot(db, actor, pilot_id, now)
        .await?
        .assessment
        .and_then(|assessment| assessment.verdict);
    let departs = suggested.map(|verdict| verdict.decision()) != Some(input.decision);
    if departs && rationale.is_empty() {
        let why = match suggested {
            Some(verdict) => format!("the evidence suggests \"{}\"", verdict.label()),
            None => "there is no suggested verdict yet".to_string(),
        };
        return Err(AppError::validation(
            "rationale",
            format!(
                "{why}: say why you decide \"{}\" instead",
                input.decision.as_str()
            ),
        ));
    }
    let today = now.date_naive();
    tx::write(db, async |tx| {
        let pilot = repo::pilots::get(tx, pilot_id).await?;
        let teams = repo::pilot_teams::of_pilot(tx, pilot_id).await?;
        let facts = PilotFacts {
            stage: pilot.stage,
            plan: pilot.protocol.plan,
            pilot_teams: teams.iter().filter(|team| team.arm == Arm::Pilot).count(),
        };
        check_transition(&facts, PilotStage::Decided, today, Some(input.decision))?;
        repo::pilots::set_stage(
            tx,
            pilot_id,
            PilotStage::Decided,
            Some(input.decision),
            None,
            now,
        )
        .await?;
        let recorded = RecordedDecision {
            decision: input.decision,
            suggested,
            rationale: rationale.clone(),
            decided_at: now,
        };
        repo::readiness::record_decision(tx, pilot_id, &recorded, person_id(&actor)).await?;
        let suggestion = suggested.map_or("none".to_string(), |verdict| verdict.as_str().into());
        let detail = clip(
            format!(
                "{} (suggested {suggestion}){}",
                input.decision.as_str(),
                if rationale.is_empty() {
                    String::new()
                } else {
                    format!(": {rationale}")
                }
            ),
            MAX_DETAIL_CHARS,
        );
        let entry = Entry::new(actor, AuditAction::PilotDecided, "pilot")
            .object(pilot_id)
            .detail(detail);
        repo::audit::record(tx, entry, now).await
    })
    .await
}

fn person_id(actor: &Actor<'_>) -> Option<i64> {
    match actor {
        Actor::Caller(caller) => Some(caller.person_id),
        Actor::Person { id, .. } => *id,
        Actor::Anonymous | Actor::System => None,
    }
}

/// The plan after an "extend": a new follow-up of `days` from the next Monday; what lies
/// between the old intervention's start and it becomes intervention (measured, not compared).
pub fn extended_plan(plan: &PilotPlan, days: i64, today: NaiveDate) -> Result<PilotPlan, AppError> {
    let [baseline, intervention, _] = plan.windows();
    let follow_up = WindowDays::new("follow_up_days", days)?;
    let starts = next_monday(today);
    let intervention_days = (starts - intervention.first_day).num_days();
    let intervention_days =
        WindowDays::new("intervention_days", intervention_days).map_err(|_| {
            AppError::validation(
                "follow_up_days",
                format!(
                "a follow-up from {starts} would stretch the intervention to {intervention_days} \
                 days, more than the {} a plan allows: start a new pilot instead",
                WindowDays::MAX
            ),
            )
        })?;
    let baseline_days = WindowDays::new("baseline_days", i64::from(baseline.days))?;
    Ok(PilotPlan::new(
        baseline.first_day,
        baseline_days,
        intervention_days,
        follow_up,
    ))
}

/// After "extend": the same teams get a new follow-up window from the next Monday.
pub async fn extend(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    pilot_id: i64,
    follow_up_days: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    authorize(&actor, Action::ChangePilots)?;
    let today = now.date_naive();
    tx::write(db, async |tx| {
        let pilot = repo::pilots::get(tx, pilot_id).await?;
        if pilot.stage != PilotStage::Decided
            || pilot.decision != Some(crate::domain::pilot::Decision::Extend)
        {
            return Err(AppError::Conflict(
                "only a pilot decided \"extend\" can start a new follow-up".into(),
            ));
        }
        let plan = extended_plan(&pilot.protocol.plan, follow_up_days, today)?;
        let stage = match plan.stage_on(today) {
            PilotStage::FollowUp => PilotStage::FollowUp,
            _ => PilotStage::Intervention,
        };
        repo::pilots::reopen(tx, pilot_id, &plan, stage, now).await?;
        let follow_up = plan.windows()[2];
        let entry = Entry::new(actor, AuditAction::FollowUpExtended, "pilot")
            .object(pilot_id)
            .detail(format!(
                "new follow-up {} to {}",
                follow_up.first_day, follow_up.last_day
            ));
        repo::audit::record(tx, entry, now).await
    })
    .await
}

/// Records that a team volunteers for a next wave (or no longer does).
pub async fn set_volunteered(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    team_id: i64,
    volunteered: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    authorize(&actor, Action::ChangePilots)?;
    tx::write(db, async |tx| {
        let team = repo::teams::find(tx, team_id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("team {team_id}")))?;
        repo::readiness::set_volunteered(tx, team_id, volunteered, person_id(&actor), now).await?;
        let detail = if volunteered {
            format!("{} volunteers for a next wave", team.name)
        } else {
            format!("{} no longer volunteers", team.name)
        };
        let entry = Entry::new(actor, AuditAction::TeamVolunteered, "team")
            .object(team_id)
            .detail(detail);
        repo::audit::record(tx, entry, now).await
    })
    .await
}

/// Turns an "expand" pilot's next wave into a draft pilot: its protocol and thresholds copied,
/// windows from the next Monday, the chosen teams as pilot teams (they volunteered: HR says so
/// by choosing them) and comparison teams from the candidates not chosen.
pub async fn create_next_wave(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    pilot_id: i64,
    input: &NextWaveInput,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    authorize(&actor, Action::ChangePilots)?;
    let Some(wave) = readiness::of_pilot(db, actor, pilot_id, now)
        .await?
        .next_wave
    else {
        return Err(AppError::Conflict(
            "only a pilot decided \"expand\" has a next wave".into(),
        ));
    };
    if input.pilot_team_ids.is_empty() {
        return Err(AppError::validation(
            "pilot_team_ids",
            "choose at least one team for the next wave",
        ));
    }
    let candidate = |id: &i64| wave.teams.iter().any(|team| team.team_id == *id);
    for (field, ids) in [
        ("pilot_team_ids", &input.pilot_team_ids),
        ("comparison_team_ids", &input.comparison_team_ids),
    ] {
        if let Some(id) = ids.iter().find(|id| !candidate(id)) {
            return Err(AppError::validation(
                field,
                format!("team {id} is not a candidate: it already pilots, compares in a running pilot, or does not exist"),
            ));
        }
    }
    if let Some(id) = input
        .comparison_team_ids
        .iter()
        .find(|id| input.pilot_team_ids.contains(id))
    {
        return Err(AppError::validation(
            "comparison_team_ids",
            format!("team {id} cannot be both a pilot and a comparison team"),
        ));
    }
    let tokens = (0..input.pilot_team_ids.len() + input.comparison_team_ids.len())
        .map(|_| new_secret())
        .collect::<Result<Vec<_>, _>>()?;
    tx::write(db, async |tx| {
        let source = repo::pilots::get(tx, pilot_id).await?;
        let thresholds = repo::readiness::thresholds(tx, pilot_id).await?;
        let [baseline, intervention, follow_up] = source.protocol.plan.windows();
        let plan = PilotPlan::new(
            next_monday(now.date_naive()),
            WindowDays::new("baseline_days", i64::from(baseline.days))?,
            WindowDays::new("intervention_days", i64::from(intervention.days))?,
            WindowDays::new("follow_up_days", i64::from(follow_up.days))?,
        );
        let protocol = Protocol {
            name: wave_name(tx, &source.protocol.name).await?,
            plan,
            ..source.protocol.clone()
        };
        let new_id = repo::pilots::insert(tx, &protocol, now).await?;
        repo::readiness::set_thresholds(tx, new_id, &thresholds, now).await?;
        let arms = input
            .pilot_team_ids
            .iter()
            .map(|id| (*id, Arm::Pilot))
            .chain(
                input
                    .comparison_team_ids
                    .iter()
                    .map(|id| (*id, Arm::Comparison)),
            );
        for ((team_id, arm), token) in arms.zip(&tokens) {
            let volunteered = arm == Arm::Pilot;
            let link = repo::pilot_teams::Link {
                token_hash: hash_secret(token),
                expires_at: link_expires_at(now),
            };
            repo::pilot_teams::insert(tx, new_id, team_id, arm, volunteered, link, now).await?;
        }
        let entry = Entry::new(actor, AuditAction::PilotCreated, "pilot")
            .object(new_id)
            .detail(format!(
                "{}: next wave of {} with {} pilot and {} comparison teams",
                protocol.name,
                source.protocol.name,
                input.pilot_team_ids.len(),
                input.comparison_team_ids.len()
            ));
        repo::audit::record(tx, entry, now).await?;
        Ok(new_id)
    })
    .await
}

/// "<name> — next wave", numbered when taken.
async fn wave_name(db: &impl sea_orm::ConnectionTrait, source: &str) -> Result<String, AppError> {
    let taken: std::collections::HashSet<String> = repo::pilots::all(db)
        .await?
        .into_iter()
        .map(|pilot| pilot.protocol.name)
        .collect();
    let base = format!("{source} — next wave");
    let name = (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base} {n}")
            }
        })
        .find(|name| !taken.contains(name))
        .unwrap_or(base);
    Ok(name)
}
