//! Rollout readiness: HR and executives read every pilot's verdict and the portfolio; HR sets
//! thresholds, records decisions, extends a follow-up and turns a next wave into a draft.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::{
    error::AppError,
    wire::readiness::{PilotReadiness, Portfolio, ThresholdsInput},
};

/// A pilot's readiness and whether the reader may change it (HR).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReadinessPage {
    pub readiness: PilotReadiness,
    pub may_change: bool,
}

#[server(prefix = "/fn", endpoint = "get_portfolio")]
pub async fn get_portfolio() -> Result<Portfolio, AppError> {
    use crate::server::{context, repo::audit::Actor, services::readiness};
    context::serve(|state, caller| async move {
        readiness::portfolio(&state.db, Actor::Caller(&caller), chrono::Utc::now()).await
    })
    .await
}

#[server(prefix = "/fn", endpoint = "get_pilot_readiness")]
pub async fn get_pilot_readiness(pilot_id: i64) -> Result<ReadinessPage, AppError> {
    use crate::server::{context, repo::audit::Actor, services::readiness};
    context::serve(|state, caller| async move {
        let readiness = readiness::of_pilot(
            &state.db,
            Actor::Caller(&caller),
            pilot_id,
            chrono::Utc::now(),
        )
        .await?;
        let may_change = caller
            .authorize(crate::domain::access::Action::ChangePilots)
            .is_ok();
        Ok(ReadinessPage {
            readiness,
            may_change,
        })
    })
    .await
}

#[server(prefix = "/fn", endpoint = "set_readiness_thresholds")]
pub async fn set_readiness_thresholds(
    pilot_id: i64,
    thresholds: ThresholdsInput,
) -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::readiness_changes};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        readiness_changes::set_thresholds(
            &state.db,
            Actor::Caller(&caller),
            pilot_id,
            &thresholds,
            now,
        )
        .await
        .map(|_| ())
    })
    .await
}

#[server(prefix = "/fn", endpoint = "record_decision")]
pub async fn record_decision(
    pilot_id: i64,
    decision: String,
    rationale: String,
) -> Result<(), AppError> {
    use crate::{
        domain::pilot::Decision,
        server::{context, repo::audit::Actor, services::readiness_changes},
        wire::readiness::DecisionInput,
    };
    context::serve(|state, caller| async move {
        let decision = Decision::parse(&decision)
            .ok_or_else(|| AppError::validation("decision", "choose expand, extend or stop"))?;
        let input = DecisionInput {
            decision,
            rationale,
        };
        readiness_changes::decide(
            &state.db,
            Actor::Caller(&caller),
            pilot_id,
            &input,
            chrono::Utc::now(),
        )
        .await
    })
    .await
}

#[server(prefix = "/fn", endpoint = "extend_follow_up")]
pub async fn extend_follow_up(pilot_id: i64, follow_up_days: String) -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::readiness_changes};
    context::serve(|state, caller| async move {
        let days: i64 = follow_up_days.trim().parse().map_err(|_| {
            AppError::validation(
                "follow_up_days",
                format!("'{}' is not a whole number of days", follow_up_days.trim()),
            )
        })?;
        readiness_changes::extend(
            &state.db,
            Actor::Caller(&caller),
            pilot_id,
            days,
            chrono::Utc::now(),
        )
        .await
    })
    .await
}

#[server(prefix = "/fn", endpoint = "set_team_volunteered")]
pub async fn set_team_volunteered(team_id: i64, volunteered: bool) -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::readiness_changes};
    context::serve(|state, caller| async move {
        readiness_changes::set_volunteered(
            &state.db,
            Actor::Caller(&caller),
            team_id,
            volunteered,
            chrono::Utc::now(),
        )
        .await
    })
    .await
}

/// `choices` maps `t<team id>` to `pilot`, `comparison` or `skip`, one select per candidate.
#[server(prefix = "/fn", endpoint = "create_next_wave")]
pub async fn create_next_wave(
    pilot_id: i64,
    #[server(default)] choices: HashMap<String, String>,
) -> Result<i64, AppError> {
    use crate::{
        domain::pilot::Arm,
        server::{context, repo::audit::Actor, services::readiness_changes},
        wire::readiness::NextWaveInput,
    };
    context::serve(|state, caller| async move {
        let mut input = NextWaveInput {
            pilot_team_ids: Vec::new(),
            comparison_team_ids: Vec::new(),
        };
        let mut keys: Vec<(&String, &String)> = choices.iter().collect();
        keys.sort();
        for (key, choice) in keys {
            let team_id = key
                .strip_prefix('t')
                .and_then(|id| id.parse::<i64>().ok())
                .ok_or_else(|| AppError::validation("choices", format!("'{key}' names no team")))?;
            match (choice.as_str(), Arm::parse(choice)) {
                ("skip" | "", _) => {}
                (_, Some(Arm::Pilot)) => input.pilot_team_ids.push(team_id),
                (_, Some(Arm::Comparison)) => input.comparison_team_ids.push(team_id),
                (_, None) => {
                    return Err(AppError::validation(
                        "choices",
                        format!("'{choice}' is not pilot, comparison or skip"),
                    ))
                }
            }
        }
        readiness_changes::create_next_wave(
            &state.db,
            Actor::Caller(&caller),
            pilot_id,
            &input,
            chrono::Utc::now(),
        )
        .await
    })
    .await
}
