//! Decision logs: a team's log, logging a decision, marking one decided. Times typed in the
//! page are wall-clock times in the team's time zone.

use leptos::prelude::*;

use crate::{
    error::AppError,
    wire::decisions::{DecisionDecided, DecisionInput, TeamDecisions},
};

/// The team's decision log (titles withheld from HR for teams under the privacy threshold).
#[server(prefix = "/fn", endpoint = "get_team_decisions")]
pub async fn get_team_decisions(team_id: i64) -> Result<TeamDecisions, AppError> {
    use crate::server::{context, repo::audit::Actor, services::decisions};
    context::serve(|state, caller| async move {
        decisions::log_of(&state.db, Actor::Caller(&caller), team_id).await
    })
    .await
}

/// Logs a decision in one of the caller's teams; returns its id.
#[server(prefix = "/fn", endpoint = "log_decision")]
pub async fn log_decision(team_id: i64, decision: DecisionInput) -> Result<i64, AppError> {
    use crate::server::{
        context,
        repo::audit::Actor,
        services::decisions::{self, TypedTimes},
    };
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        let actor = Actor::Caller(&caller);
        decisions::log(
            &state.db,
            actor,
            team_id,
            &decision,
            TypedTimes::TeamZone,
            now,
        )
        .await
    })
    .await
}

/// Marks one of the caller's team's open decisions decided.
#[server(prefix = "/fn", endpoint = "mark_decision_decided")]
pub async fn mark_decision_decided(id: i64, decided: DecisionDecided) -> Result<(), AppError> {
    use crate::server::{
        context,
        repo::audit::Actor,
        services::decisions::{self, TypedTimes},
    };
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        let actor = Actor::Caller(&caller);
        decisions::decide(&state.db, actor, id, &decided, TypedTimes::TeamZone, now).await
    })
    .await
}
