//! Pilots: admins set them up and move them on; executives read them; counts only, never people.

use leptos::prelude::*;

use crate::{
    domain::pilot::ProtocolInput,
    error::AppError,
    wire::pilots::{Arm, Decision, PilotDetail, PilotStage, PilotSummary},
};

#[server(prefix = "/fn", endpoint = "list_pilots")]
pub async fn list_pilots() -> Result<Vec<PilotSummary>, AppError> {
    use crate::server::{context, repo::audit::Actor, services::pilots};
    context::serve(
        |state, caller| async move { pilots::list(&state.db, Actor::Caller(&caller)).await },
    )
    .await
}

#[server(prefix = "/fn", endpoint = "get_pilot")]
pub async fn get_pilot(id: i64) -> Result<PilotDetail, AppError> {
    use crate::server::{context, repo::audit::Actor, services::pilots};
    context::serve(|state, caller| async move {
        pilots::detail(&state.db, Actor::Caller(&caller), id, chrono::Utc::now()).await
    })
    .await
}

#[server(prefix = "/fn", endpoint = "create_pilot")]
pub async fn create_pilot(protocol: ProtocolInput) -> Result<i64, AppError> {
    use crate::server::{context, repo::audit::Actor, services::pilots};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        let id = pilots::create(&state.db, Actor::Caller(&caller), &protocol, now).await?;
        leptos_axum::redirect(&format!("/admin/pilots/{id}"));
        Ok(id)
    })
    .await
}

/// After the baseline started the protocol is locked: `reason` is then required and audited.
#[server(prefix = "/fn", endpoint = "update_protocol")]
pub async fn update_protocol(
    id: i64,
    protocol: ProtocolInput,
    reason: String,
) -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::pilots};
    context::serve(|state, caller| async move {
        let actor = Actor::Caller(&caller);
        let now = chrono::Utc::now();
        pilots::update_protocol(&state.db, actor, id, &protocol, &reason, now).await
    })
    .await
}

/// Adds a team; returns its enrollment link (shown once). `volunteered` is a checkbox.
#[server(prefix = "/fn", endpoint = "add_pilot_team")]
pub async fn add_pilot_team(
    pilot_id: i64,
    team_id: i64,
    arm: Arm,
    volunteered: Option<String>,
) -> Result<String, AppError> {
    use crate::server::{context, repo::audit::Actor, services::pilot_teams};
    context::serve(|state, caller| async move {
        let volunteered = volunteered.is_some_and(|value| value == "on" || value == "true");
        let actor = Actor::Caller(&caller);
        let now = chrono::Utc::now();
        let token =
            pilot_teams::add_team(&state.db, actor, pilot_id, team_id, arm, volunteered, now)
                .await?;
        Ok(context::absolute_url(&format!("/join/{token}")))
    })
    .await
}

#[server(prefix = "/fn", endpoint = "renew_pilot_team_link")]
pub async fn renew_pilot_team_link(pilot_team_id: i64) -> Result<String, AppError> {
    use crate::server::{context, repo::audit::Actor, services::pilot_teams};
    context::serve(|state, caller| async move {
        let actor = Actor::Caller(&caller);
        let token =
            pilot_teams::renew_link(&state.db, actor, pilot_team_id, chrono::Utc::now()).await?;
        Ok(context::absolute_url(&format!("/join/{token}")))
    })
    .await
}

#[server(prefix = "/fn", endpoint = "remove_pilot_team")]
pub async fn remove_pilot_team(pilot_team_id: i64) -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::pilot_teams};
    context::serve(|state, caller| async move {
        let actor = Actor::Caller(&caller);
        pilot_teams::remove_team(&state.db, actor, pilot_team_id, chrono::Utc::now()).await
    })
    .await
}

/// Moves the pilot to `stage` (the next one); `decision` is needed to move to "decided".
#[server(prefix = "/fn", endpoint = "advance_pilot")]
pub async fn advance_pilot(
    id: i64,
    stage: PilotStage,
    decision: Option<Decision>,
) -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::pilots};
    context::serve(|state, caller| async move {
        let actor = Actor::Caller(&caller);
        let now = chrono::Utc::now();
        pilots::advance(&state.db, actor, id, stage, decision, now.date_naive(), now).await
    })
    .await
}
