//! The pilots table: a pilot's protocol and stage, read back as a domain [`Pilot`].

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QueryOrder, Set};

use crate::{
    domain::{
        metrics::Metric,
        pilot::{plan::PilotPlan, plan::WindowDays, Decision, Pilot, PilotStage, Protocol},
    },
    error::AppError,
    server::entities::pilot,
};

/// A stored row as the domain sees it. Rows were checked when written, so a value that no
/// longer parses is a fault of this server, not of the caller.
fn to_pilot(row: pilot::Model) -> Result<Pilot, AppError> {
    let corrupt =
        |what: &str| AppError::internal("stored pilot", format!("{what} of pilot {}", row.id));
    let days = |field: &'static str, value: i32| {
        WindowDays::new(field, i64::from(value)).map_err(|_| corrupt(field))
    };
    let plan = PilotPlan::new(
        row.baseline_start,
        days("baseline_days", row.baseline_days)?,
        days("intervention_days", row.intervention_days)?,
        days("follow_up_days", row.follow_up_days)?,
    );
    let primary_metric =
        Metric::parse(&row.primary_metric).map_err(|_| corrupt("primary metric"))?;
    let guardrail_metrics = row
        .guardrail_metrics
        .split(',')
        .filter(|name| !name.is_empty())
        .map(|name| Metric::parse(name).map_err(|_| corrupt("guardrail metric")))
        .collect::<Result<Vec<_>, _>>()?;
    let stage = PilotStage::from_slug(&row.stage).ok_or_else(|| corrupt("stage"))?;
    let decision = match row.decision.as_deref() {
        Some(value) => Some(Decision::parse(value).ok_or_else(|| corrupt("decision"))?),
        None => None,
    };
    Ok(Pilot {
        id: row.id,
        protocol: Protocol {
            name: row.name,
            hypothesis: row.hypothesis,
            primary_metric,
            guardrail_metrics,
            plan,
            privacy_k: row.privacy_k,
        },
        stage,
        decision,
        protocol_locked_at: row.protocol_locked_at,
    })
}

fn set_protocol(row: &mut pilot::ActiveModel, protocol: &Protocol) {
    let [baseline, intervention, follow_up] = protocol.plan.windows();
    let guardrails: Vec<&str> = protocol
        .guardrail_metrics
        .iter()
        .map(|m| m.as_str())
        .collect();
    row.name = Set(protocol.name.clone());
    row.hypothesis = Set(protocol.hypothesis.clone());
    row.primary_metric = Set(protocol.primary_metric.as_str().to_string());
    row.guardrail_metrics = Set(guardrails.join(","));
    row.baseline_start = Set(baseline.first_day);
    row.baseline_days = Set(i32::from(baseline.days));
    row.intervention_days = Set(i32::from(intervention.days));
    row.follow_up_days = Set(i32::from(follow_up.days));
    row.privacy_k = Set(protocol.privacy_k);
}

/// A unique name is the only conflict a pilot row can have.
fn name_taken(protocol: &Protocol) -> impl FnOnce(sea_orm::DbErr) -> AppError + '_ {
    move |error| match AppError::from(error) {
        AppError::Conflict(_) => {
            AppError::Conflict(format!("a pilot named '{}' exists", protocol.name))
        }
        other => other,
    }
}

/// Every pilot, newest first.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<Pilot>, AppError> {
    pilot::Entity::find()
        .order_by_desc(pilot::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(to_pilot)
        .collect()
}

/// The pilot, or 404.
pub async fn get(db: &impl ConnectionTrait, id: i64) -> Result<Pilot, AppError> {
    let row = pilot::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("pilot {id}")))?;
    to_pilot(row)
}

/// A new pilot in draft; 409 when the name is taken.
pub async fn insert(
    db: &impl ConnectionTrait,
    protocol: &Protocol,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let mut row = pilot::ActiveModel {
        stage: Set(PilotStage::Draft.slug().to_string()),
        decision: Set(None),
        protocol_locked_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    set_protocol(&mut row, protocol);
    let created = row.insert(db).await.map_err(name_taken(protocol))?;
    Ok(created.id)
}

pub async fn update_protocol(
    db: &impl ConnectionTrait,
    id: i64,
    protocol: &Protocol,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut row = pilot::ActiveModel {
        id: Set(id),
        updated_at: Set(now),
        ..Default::default()
    };
    set_protocol(&mut row, protocol);
    row.update(db).await.map_err(name_taken(protocol))?;
    Ok(())
}

/// Moves the pilot to `stage`; a decision, once given, is kept; `locked_at` locks the protocol.
pub async fn set_stage(
    db: &impl ConnectionTrait,
    id: i64,
    stage: PilotStage,
    decision: Option<Decision>,
    locked_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut row = pilot::ActiveModel {
        id: Set(id),
        stage: Set(stage.slug().to_string()),
        updated_at: Set(now),
        ..Default::default()
    };
    if let Some(decision) = decision {
        row.decision = Set(Some(decision.as_str().to_string()));
    }
    if let Some(at) = locked_at {
        row.protocol_locked_at = Set(Some(at));
    }
    row.update(db).await?;
    Ok(())
}

/// A new follow-up window after an "extend": the plan's later windows change, the decision is
/// cleared (it stays in the decision history) and the pilot returns to `stage`.
pub async fn reopen(
    db: &impl ConnectionTrait,
    id: i64,
    plan: &PilotPlan,
    stage: PilotStage,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let [_, intervention, follow_up] = plan.windows();
    pilot::ActiveModel {
        id: Set(id),
        intervention_days: Set(i32::from(intervention.days)),
        follow_up_days: Set(i32::from(follow_up.days)),
        stage: Set(stage.slug().to_string()),
        decision: Set(None),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}
