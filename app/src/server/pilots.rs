//! Pilots: protocol, lifecycle, teams, frozen membership, enrollment and consent.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

use super::{
    auth::secrets::{hash_secret, new_secret},
    entities::{consent, department, pilot, pilot_member, pilot_team, team, team_membership},
    repo::{
        self,
        audit::{Actor, Entry},
    },
};
use crate::{
    domain::{
        audit::AuditAction,
        enrollment::{Arm, JoinInfo, MyEnrollment, PilotDetail, PilotSummary, TeamParticipation},
        lifecycle::PilotStage,
        pilot::{check_transition, Decision, PilotFacts, Protocol, ProtocolInput},
        pilot_plan::{PilotPlan, WindowDays},
    },
    error::AppError,
};

fn stage_of(row: &pilot::Model) -> PilotStage {
    PilotStage::from_slug(&row.stage).unwrap_or(PilotStage::Draft)
}

fn plan_of(row: &pilot::Model) -> Result<PilotPlan, AppError> {
    let days = |field: &'static str, value: i32| WindowDays::parse(field, &value.to_string());
    Ok(PilotPlan::new(
        row.baseline_start,
        days("baseline_days", row.baseline_days)?,
        days("intervention_days", row.intervention_days)?,
        days("follow_up_days", row.follow_up_days)?,
    ))
}

async fn find(db: &impl ConnectionTrait, id: i64) -> Result<pilot::Model, AppError> {
    pilot::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("pilot {id}")))
}

fn protocol_columns(row: &mut pilot::ActiveModel, protocol: &Protocol) {
    let [baseline, intervention, follow_up] = protocol.plan.windows();
    row.name = Set(protocol.name.clone());
    row.hypothesis = Set(protocol.hypothesis.clone());
    row.primary_metric = Set(protocol.primary_metric.as_str().to_string());
    row.guardrail_metrics = Set(protocol
        .guardrail_metrics
        .iter()
        .map(|metric| metric.as_str())
        .collect::<Vec<_>>()
        .join(","));
    row.baseline_start = Set(baseline.first_day);
    row.baseline_days = Set(i32::from(baseline.days));
    row.intervention_days = Set(i32::from(intervention.days));
    row.follow_up_days = Set(i32::from(follow_up.days));
    row.privacy_k = Set(protocol.privacy_k);
}

pub async fn create(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    input: &ProtocolInput,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let protocol = Protocol::parse(input)?;
    let mut row = pilot::ActiveModel {
        stage: Set(PilotStage::Draft.slug().to_string()),
        decision: Set(None),
        protocol_locked_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    protocol_columns(&mut row, &protocol);
    let created = row
        .insert(db)
        .await
        .map_err(|error| match AppError::from(error) {
            AppError::Conflict(_) => {
                AppError::Conflict(format!("a pilot named '{}' exists", protocol.name))
            }
            other => other,
        })?;
    let entry = Entry::new(actor, AuditAction::PilotCreated, "pilot")
        .object(created.id)
        .detail(protocol.name);
    repo::audit::record(db, entry, now).await?;
    Ok(created.id)
}

/// Changes the protocol. Once the baseline has started it is locked: a change then needs a
/// reason, which goes into the audit log with what changed.
pub async fn update_protocol(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    id: i64,
    input: &ProtocolInput,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let protocol = Protocol::parse(input)?;
    let row = find(db, id).await?;
    let locked = row.protocol_locked_at.is_some();
    if locked && reason.trim().chars().count() < 10 {
        return Err(AppError::validation(
            "reason",
            "the protocol is locked since the baseline started: say why it must change (10 characters or more)",
        ));
    }
    let before = format!(
        "{} | {} | {} {}d/{}d/{}d | k={}",
        row.primary_metric,
        row.guardrail_metrics,
        row.baseline_start,
        row.baseline_days,
        row.intervention_days,
        row.follow_up_days,
        row.privacy_k
    );
    let mut update: pilot::ActiveModel = row.into();
    protocol_columns(&mut update, &protocol);
    update.updated_at = Set(now);
    let updated = update.update(db).await?;
    let after = format!(
        "{} | {} | {} {}d/{}d/{}d | k={}",
        updated.primary_metric,
        updated.guardrail_metrics,
        updated.baseline_start,
        updated.baseline_days,
        updated.intervention_days,
        updated.follow_up_days,
        updated.privacy_k
    );
    let detail = if locked {
        format!(
            "after lock, because: {} ({before} → {after})",
            reason.trim()
        )
    } else {
        format!("{before} → {after}")
    };
    let entry = Entry::new(actor, AuditAction::ProtocolChanged, "pilot")
        .object(id)
        .detail(detail);
    repo::audit::record(db, entry, now).await
}

pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<PilotSummary>, AppError> {
    let pilots = pilot::Entity::find()
        .order_by_desc(pilot::Column::CreatedAt)
        .all(db)
        .await?;
    let teams = pilot_team::Entity::find().all(db).await?;
    Ok(pilots
        .into_iter()
        .map(|row| {
            let count = |arm: Arm| {
                teams
                    .iter()
                    .filter(|team| team.pilot_id == row.id && team.arm == arm.as_str())
                    .count() as i64
            };
            let stage = stage_of(&row);
            PilotSummary {
                id: row.id,
                stage: stage.slug().to_string(),
                stage_label: stage.label().to_string(),
                primary_metric: row.primary_metric.clone(),
                baseline_start: row.baseline_start,
                pilot_teams: count(Arm::Pilot),
                comparison_teams: count(Arm::Comparison),
                name: row.name,
            }
        })
        .collect())
}

pub async fn detail(db: &impl ConnectionTrait, id: i64) -> Result<PilotDetail, AppError> {
    let row = find(db, id).await?;
    let stage = stage_of(&row);
    Ok(PilotDetail {
        id: row.id,
        teams: participation(db, &row).await?,
        stage: stage.slug().to_string(),
        stage_label: stage.label().to_string(),
        next_stage: stage.next().map(|next| next.slug().to_string()),
        guardrail_metrics: row
            .guardrail_metrics
            .split(',')
            .filter(|name| !name.is_empty())
            .map(str::to_string)
            .collect(),
        name: row.name,
        hypothesis: row.hypothesis,
        primary_metric: row.primary_metric,
        baseline_start: row.baseline_start,
        baseline_days: row.baseline_days,
        intervention_days: row.intervention_days,
        follow_up_days: row.follow_up_days,
        privacy_k: row.privacy_k,
        decision: row.decision,
        protocol_locked_at: row.protocol_locked_at,
    })
}

/// Members and consents per team: counts only, never names.
async fn participation(
    db: &impl ConnectionTrait,
    row: &pilot::Model,
) -> Result<Vec<TeamParticipation>, AppError> {
    let frozen = row.protocol_locked_at.is_some();
    let links = pilot_team::Entity::find()
        .filter(pilot_team::Column::PilotId.eq(row.id))
        // "pilot" sorts after "comparison": pilot teams first.
        .order_by_desc(pilot_team::Column::Arm)
        .order_by_asc(pilot_team::Column::Id)
        .all(db)
        .await?;
    let teams: HashMap<i64, team::Model> = team::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|team| (team.id, team))
        .collect();
    let departments: HashMap<i64, String> = department::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|department| (department.id, department.name))
        .collect();
    let mut result = Vec::new();
    for link in links {
        let members = if frozen {
            pilot_member::Entity::find()
                .filter(pilot_member::Column::PilotId.eq(row.id))
                .filter(pilot_member::Column::TeamId.eq(link.team_id))
                .count(db)
                .await?
        } else {
            team_membership::Entity::find()
                .filter(team_membership::Column::TeamId.eq(link.team_id))
                .filter(team_membership::Column::LeftAt.is_null())
                .count(db)
                .await?
        };
        let enrolled = consent::Entity::find()
            .filter(consent::Column::PilotId.eq(row.id))
            .filter(consent::Column::TeamId.eq(link.team_id))
            .filter(consent::Column::WithdrawnAt.is_null())
            .count(db)
            .await?;
        let team = teams.get(&link.team_id);
        result.push(TeamParticipation {
            pilot_team_id: link.id,
            team_id: link.team_id,
            team: team.map(|team| team.name.clone()).unwrap_or_default(),
            department: team
                .and_then(|team| departments.get(&team.department_id).cloned())
                .unwrap_or_default(),
            arm: Arm::parse(&link.arm).unwrap_or(Arm::Comparison),
            volunteered: link.volunteered,
            members: i64::try_from(members).unwrap_or(i64::MAX),
            enrolled: i64::try_from(enrolled).unwrap_or(i64::MAX),
        });
    }
    Ok(result)
}

/// Adds a team; returns the secret of its enrollment link. Pilot teams must have volunteered.
pub async fn add_team(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    pilot_id: i64,
    team_id: i64,
    arm: Arm,
    volunteered: bool,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let pilot = find(db, pilot_id).await?;
    if pilot.protocol_locked_at.is_some() {
        return Err(AppError::Conflict(
            "teams are fixed once the baseline has started".into(),
        ));
    }
    if arm == Arm::Pilot && !volunteered {
        return Err(AppError::validation(
            "volunteered",
            "a pilot team must have volunteered: record that it did, or add it as a comparison team",
        ));
    }
    let team = team::Entity::find_by_id(team_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("team {team_id}")))?;
    let token = new_secret()?;
    pilot_team::ActiveModel {
        pilot_id: Set(pilot_id),
        team_id: Set(team_id),
        arm: Set(arm.as_str().to_string()),
        volunteered: Set(volunteered),
        invite_token_hash: Set(Some(hash_secret(&token))),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|error| match AppError::from(error) {
        AppError::Conflict(_) => {
            AppError::Conflict(format!("{} is already in this pilot", team.name))
        }
        other => other,
    })?;
    let entry = Entry::new(actor, AuditAction::PilotTeamAdded, "pilot")
        .object(pilot_id)
        .detail(format!("{} as {}", team.name, arm.as_str()));
    repo::audit::record(db, entry, now).await?;
    Ok(token)
}

/// A fresh enrollment link for a team of a pilot (the old one stops working).
pub async fn renew_link(db: &impl ConnectionTrait, pilot_team_id: i64) -> Result<String, AppError> {
    let link = pilot_team::Entity::find_by_id(pilot_team_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("pilot team {pilot_team_id}")))?;
    let token = new_secret()?;
    let mut update: pilot_team::ActiveModel = link.into();
    update.invite_token_hash = Set(Some(hash_secret(&token)));
    update.update(db).await?;
    Ok(token)
}

pub async fn remove_team(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    pilot_team_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let link = pilot_team::Entity::find_by_id(pilot_team_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("pilot team {pilot_team_id}")))?;
    let pilot = find(db, link.pilot_id).await?;
    if pilot.protocol_locked_at.is_some() {
        return Err(AppError::Conflict(
            "teams are fixed once the baseline has started".into(),
        ));
    }
    let consents = consent::Entity::find()
        .filter(consent::Column::PilotId.eq(link.pilot_id))
        .filter(consent::Column::TeamId.eq(link.team_id))
        .count(db)
        .await?;
    if consents > 0 {
        return Err(AppError::Conflict(format!(
            "{consents} members of this team have already consented; their records would be orphaned"
        )));
    }
    pilot_team::Entity::delete_by_id(pilot_team_id)
        .exec(db)
        .await?;
    let entry = Entry::new(actor, AuditAction::PilotTeamRemoved, "pilot")
        .object(link.pilot_id)
        .detail(format!("team {}", link.team_id));
    repo::audit::record(db, entry, now).await
}

/// Moves the pilot one stage on. Starting the baseline locks the protocol and freezes who is in
/// which team.
pub async fn advance(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    pilot_id: i64,
    target: &str,
    decision: Option<&str>,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let target = PilotStage::from_slug(target)
        .ok_or_else(|| AppError::validation("stage", format!("'{target}' is not a stage")))?;
    let decision = match decision.map(str::trim).filter(|value| !value.is_empty()) {
        Some(value) => Some(Decision::parse(value).ok_or_else(|| {
            AppError::validation(
                "decision",
                format!("'{value}' is not expand, extend or stop"),
            )
        })?),
        None => None,
    };
    let transaction = db.begin().await?;
    let row = find(&transaction, pilot_id).await?;
    let teams = pilot_team::Entity::find()
        .filter(pilot_team::Column::PilotId.eq(pilot_id))
        .all(&transaction)
        .await?;
    let facts = PilotFacts {
        stage: stage_of(&row),
        plan: plan_of(&row)?,
        pilot_teams: teams
            .iter()
            .filter(|team| team.arm == Arm::Pilot.as_str())
            .count(),
    };
    check_transition(&facts, target, today, decision)?;
    let mut update: pilot::ActiveModel = row.clone().into();
    update.stage = Set(target.slug().to_string());
    update.updated_at = Set(now);
    if let Some(decision) = decision {
        update.decision = Set(Some(decision.as_str().to_string()));
    }
    if target == PilotStage::Baseline {
        update.protocol_locked_at = Set(Some(now));
        freeze_membership(&transaction, pilot_id, &teams).await?;
    }
    update.update(&transaction).await?;
    let detail = match decision {
        Some(decision) => format!(
            "{} → {} ({})",
            facts.stage.label(),
            target.label(),
            decision.as_str()
        ),
        None => format!("{} → {}", facts.stage.label(), target.label()),
    };
    let entry = Entry::new(actor, AuditAction::PilotStageChanged, "pilot")
        .object(pilot_id)
        .detail(detail);
    repo::audit::record(&transaction, entry, now).await?;
    transaction.commit().await?;
    Ok(())
}

async fn freeze_membership(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    teams: &[pilot_team::Model],
) -> Result<(), AppError> {
    for link in teams {
        let members = team_membership::Entity::find()
            .filter(team_membership::Column::TeamId.eq(link.team_id))
            .filter(team_membership::Column::LeftAt.is_null())
            .all(db)
            .await?;
        for member in members {
            pilot_member::ActiveModel {
                pilot_id: Set(pilot_id),
                person_id: Set(member.person_id),
                team_id: Set(link.team_id),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

async fn link_for(db: &impl ConnectionTrait, token: &str) -> Result<pilot_team::Model, AppError> {
    pilot_team::Entity::find()
        .filter(pilot_team::Column::InviteTokenHash.eq(hash_secret(token)))
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                "this enrollment link is not valid; ask HR for the current one".into(),
            )
        })
}

/// Whether `person_id` belongs to the team for this pilot: the frozen membership once the
/// baseline started (later joiners are kept out of before/after pairs), the current one before.
async fn is_member(
    db: &impl ConnectionTrait,
    pilot: &pilot::Model,
    team_id: i64,
    person_id: i64,
) -> Result<bool, AppError> {
    let count = if pilot.protocol_locked_at.is_some() {
        pilot_member::Entity::find()
            .filter(pilot_member::Column::PilotId.eq(pilot.id))
            .filter(pilot_member::Column::TeamId.eq(team_id))
            .filter(pilot_member::Column::PersonId.eq(person_id))
            .count(db)
            .await?
    } else {
        team_membership::Entity::find()
            .filter(team_membership::Column::TeamId.eq(team_id))
            .filter(team_membership::Column::PersonId.eq(person_id))
            .filter(team_membership::Column::LeftAt.is_null())
            .count(db)
            .await?
    };
    Ok(count > 0)
}

async fn active_consent(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    person_id: i64,
) -> Result<Option<consent::Model>, AppError> {
    Ok(consent::Entity::find()
        .filter(consent::Column::PilotId.eq(pilot_id))
        .filter(consent::Column::PersonId.eq(person_id))
        .one(db)
        .await?)
}

pub async fn join_info(
    db: &impl ConnectionTrait,
    token: &str,
    person_id: i64,
) -> Result<JoinInfo, AppError> {
    let link = link_for(db, token).await?;
    let pilot = find(db, link.pilot_id).await?;
    if !is_member(db, &pilot, link.team_id, person_id).await? {
        return Err(AppError::Forbidden);
    }
    let team = team::Entity::find_by_id(link.team_id).one(db).await?;
    let consent = active_consent(db, pilot.id, person_id).await?;
    Ok(JoinInfo {
        pilot: pilot.name,
        hypothesis: pilot.hypothesis,
        team: team.map(|team| team.name).unwrap_or_default(),
        arm: Arm::parse(&link.arm).unwrap_or(Arm::Comparison),
        privacy_k: pilot.privacy_k,
        baseline_start: pilot.baseline_start,
        already_enrolled: consent.is_some_and(|consent| consent.withdrawn_at.is_none()),
    })
}

/// Records the member's consent: from now on their entries count.
pub async fn consent(
    db: &impl ConnectionTrait,
    token: &str,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let link = link_for(db, token).await?;
    let pilot = find(db, link.pilot_id).await?;
    if !is_member(db, &pilot, link.team_id, person_id).await? {
        return Err(AppError::Forbidden);
    }
    if matches!(stage_of(&pilot), PilotStage::Decided | PilotStage::Closed) {
        return Err(AppError::Conflict("this pilot has ended".into()));
    }
    record_consent(db, pilot.id, link.team_id, person_id, now).await
}

/// Stores a consent (or renews a withdrawn one) without checks: callers check membership.
pub async fn record_consent(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    team_id: i64,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    match active_consent(db, pilot_id, person_id).await? {
        Some(existing) => {
            let mut update: consent::ActiveModel = existing.into();
            update.consented_at = Set(now);
            update.withdrawn_at = Set(None);
            update.update(db).await?;
        }
        None => {
            consent::ActiveModel {
                pilot_id: Set(pilot_id),
                person_id: Set(person_id),
                team_id: Set(team_id),
                consented_at: Set(now),
                withdrawn_at: Set(None),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// Withdraws consent: nothing more is collected and earlier entries stop counting.
pub async fn withdraw(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let existing = active_consent(db, pilot_id, person_id)
        .await?
        .ok_or_else(|| AppError::NotFound("you are not enrolled in this pilot".into()))?;
    if existing.withdrawn_at.is_none() {
        let mut update: consent::ActiveModel = existing.into();
        update.withdrawn_at = Set(Some(now));
        update.update(db).await?;
    }
    Ok(())
}

pub async fn my_enrollments(
    db: &impl ConnectionTrait,
    person_id: i64,
) -> Result<Vec<MyEnrollment>, AppError> {
    let consents = consent::Entity::find()
        .filter(consent::Column::PersonId.eq(person_id))
        .all(db)
        .await?;
    let mut result = Vec::new();
    for consent in consents {
        let pilot = find(db, consent.pilot_id).await?;
        let team = team::Entity::find_by_id(consent.team_id).one(db).await?;
        result.push(MyEnrollment {
            pilot_id: pilot.id,
            pilot: pilot.name,
            team: team.map(|team| team.name).unwrap_or_default(),
            consented_at: consent.consented_at,
            withdrawn_at: consent.withdrawn_at,
        });
    }
    Ok(result)
}
