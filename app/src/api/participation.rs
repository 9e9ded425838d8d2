//! Participation of a pilot per phase: per team for admins, per arm for executives.

use leptos::prelude::*;

use crate::{error::AppError, wire::participation::PilotParticipation};

#[server(prefix = "/fn", endpoint = "get_participation")]
pub async fn get_participation(pilot_id: i64) -> Result<PilotParticipation, AppError> {
    use crate::server::{context, repo::audit::Actor, services::participation};
    context::serve(|state, caller| async move {
        let today = chrono::Utc::now().date_naive();
        participation::of_pilot(&state.db, Actor::Caller(&caller), pilot_id, today).await
    })
    .await
}
