//! Pilots: read them (admins and executives), create them, change their protocol, move them
//! through their lifecycle (admins).

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use super::authorize;
use crate::{
    domain::{
        access::Action,
        audit::AuditAction,
        pilot::{
            arm_participation, catch_up, check_transition, enrollment_link::link_has_expired,
            plan::PilotPlan, sees_each_team, Arm, Decision, Participation, PilotFacts, PilotStage,
            ProtocolDraft, TeamCounts,
        },
    },
    error::AppError,
    server::{
        repo::{
            self,
            audit::{Actor, Entry},
        },
        tx,
    },
    wire::pilots::{PilotDetail, PilotSummary, TeamParticipation},
};

/// Every pilot with its stage and how many teams it has in each arm.
pub async fn list(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
) -> Result<Vec<PilotSummary>, AppError> {
    authorize(&actor, Action::ReadPilots)?;
    let counts = repo::pilot_teams::arm_counts(db).await?;
    let count = |id: i64, arm: Arm| counts.get(&(id, arm)).copied().unwrap_or(0);
    Ok(repo::pilots::all(db)
        .await?
        .into_iter()
        .map(|pilot| {
            let (pilots, comparisons) = (
                count(pilot.id, Arm::Pilot),
                count(pilot.id, Arm::Comparison),
            );
            PilotSummary::new(pilot, pilots, comparisons)
        })
        .collect())
}

/// One pilot with participation per arm, and per team for those who run pilots: counts only,
/// and only for groups of at least the pilot's privacy threshold *k*; each team's enrollment
/// link says whether it still works at `now`.
pub async fn detail(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    id: i64,
    now: DateTime<Utc>,
) -> Result<PilotDetail, AppError> {
    authorize(&actor, Action::ReadPilots)?;
    let pilot = repo::pilots::get(db, id).await?;
    let counts = repo::pilot_teams::participation(db, &pilot).await?;
    let k = pilot.protocol.privacy_k;
    let arms = arm_participation(
        &counts
            .iter()
            .map(|team| TeamCounts {
                arm: team.arm,
                members: team.members,
                enrolled: team.enrolled,
            })
            .collect::<Vec<_>>(),
        k,
    );
    let sees_teams = match &actor {
        Actor::Caller(caller) => sees_each_team(caller.role),
        Actor::System => true,
        Actor::Person { .. } | Actor::Anonymous => false,
    };
    let teams = if sees_teams {
        counts
            .into_iter()
            .map(|team| TeamParticipation {
                pilot_team_id: team.pilot_team_id,
                team_id: team.team_id,
                team: team.team,
                department: team.department,
                arm: team.arm,
                volunteered: team.volunteered,
                link_expires_at: team.link_expires_at,
                link_expired: link_has_expired(team.link_expires_at, now),
                participation: Participation::of(team.members, team.enrolled, k),
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(PilotDetail::new(pilot, arms, teams))
}

/// A new pilot in draft.
pub async fn create(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    draft: &(impl ProtocolDraft + Sync),
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    authorize(&actor, Action::ChangePilots)?;
    let protocol = draft.parse()?;
    tx::write(db, async |tx| {
        let id = repo::pilots::insert(tx, &protocol, now).await?;
        let entry = Entry::new(actor, AuditAction::PilotCreated, "pilot")
            .object(id)
            .detail(protocol.name.clone());
        repo::audit::record(tx, entry, now).await?;
        Ok(id)
    })
    .await
}

/// Changes the protocol. Once the baseline has started it is locked: a change then needs a
/// reason, which goes into the audit log with what changed.
pub async fn update_protocol(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    id: i64,
    draft: &(impl ProtocolDraft + Sync),
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    authorize(&actor, Action::ChangePilots)?;
    let protocol = draft.parse()?;
    let reason = reason.trim();
    tx::write(db, async |tx| {
        let pilot = repo::pilots::get(tx, id).await?;
        let locked = pilot.is_locked();
        if locked && reason.chars().count() < 10 {
            return Err(AppError::validation(
                "reason",
                "the protocol is locked since the baseline started: say why it must change (10 characters or more)",
            ));
        }
        repo::pilots::update_protocol(tx, id, &protocol, now).await?;
        let change = format!("{} → {}", pilot.protocol.summary(), protocol.summary());
        let detail = if locked {
            format!("after lock, because: {reason} ({change})")
        } else {
            change
        };
        let entry = Entry::new(actor, AuditAction::ProtocolChanged, "pilot")
            .object(id)
            .detail(detail);
        repo::audit::record(tx, entry, now).await
    })
    .await
}

/// Moves the pilot one stage on. Starting the baseline locks the protocol and freezes who is in
/// which team.
pub async fn advance(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    id: i64,
    target: PilotStage,
    decision: Option<Decision>,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    authorize(&actor, Action::ChangePilots)?;
    if target == PilotStage::Decided {
        // A decision is weighed against the suggested verdict and kept with its rationale.
        return Err(AppError::validation(
            "stage",
            format!("record the decision, with its rationale, on the pilot's readiness page (/pilots/{id}/readiness)"),
        ));
    }
    tx::write(db, async |tx| {
        let pilot = repo::pilots::get(tx, id).await?;
        let teams = repo::pilot_teams::of_pilot(tx, id).await?;
        let facts = PilotFacts {
            stage: pilot.stage,
            plan: pilot.protocol.plan,
            pilot_teams: teams.iter().filter(|team| team.arm == Arm::Pilot).count(),
        };
        check_transition(&facts, target, today, decision)?;
        let starts_baseline = target == PilotStage::Baseline;
        let locked_at = starts_baseline.then_some(now);
        repo::pilots::set_stage(tx, id, target, decision, locked_at, now).await?;
        if starts_baseline {
            let team_ids: Vec<i64> = teams.iter().map(|team| team.team_id).collect();
            repo::consents::freeze_members(tx, id, &team_ids).await?;
        }
        let moved = format!("{} → {}", pilot.stage.label(), target.label());
        let detail = match decision {
            Some(decision) => format!("{moved} ({})", decision.as_str()),
            None => moved,
        };
        let entry = Entry::new(actor, AuditAction::PilotStageChanged, "pilot")
            .object(id)
            .detail(detail);
        repo::audit::record(tx, entry, now).await?;
        if starts_baseline {
            catch_up_with_dates(tx, actor, id, pilot.protocol.plan, today, now).await?;
        }
        Ok(())
    })
    .await
}

/// A pilot created with windows in the past moves on, one audited stage at a time, to the
/// stage its dates say: its data is imported afterwards, and nothing is gained by making HR
/// press "next" three times.
async fn catch_up_with_dates(
    tx: &impl ConnectionTrait,
    actor: Actor<'_>,
    id: i64,
    plan: PilotPlan,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut from = PilotStage::Baseline;
    for stage in catch_up(from, &plan, today) {
        repo::pilots::set_stage(tx, id, stage, None, None, now).await?;
        let detail = format!(
            "{} → {} (its windows are past)",
            from.label(),
            stage.label()
        );
        let entry = Entry::new(actor, AuditAction::PilotStageChanged, "pilot")
            .object(id)
            .detail(detail);
        repo::audit::record(tx, entry, now).await?;
        from = stage;
    }
    Ok(())
}
