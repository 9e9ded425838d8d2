//! Team charters: the caller's teams, a team's charter with its versions, a new version.

use leptos::prelude::*;

use crate::{
    error::AppError,
    wire::{
        charters::{CharterForm, TeamCharter},
        teams::TeamChoice,
    },
};

/// The teams the caller is in or manages.
#[server(prefix = "/fn", endpoint = "list_my_teams")]
pub async fn list_my_teams() -> Result<Vec<TeamChoice>, AppError> {
    use crate::server::{context, repo::audit::Actor, services::team_records};
    context::serve(|state, caller| async move {
        team_records::my_teams(&state.db, Actor::Caller(&caller)).await
    })
    .await
}

/// The team's charter in force today, with every dated version.
#[server(prefix = "/fn", endpoint = "get_team_charter")]
pub async fn get_team_charter(team_id: i64) -> Result<TeamCharter, AppError> {
    use crate::server::{context, repo::audit::Actor, services::charters};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        charters::read(&state.db, Actor::Caller(&caller), team_id, None, now).await
    })
    .await
}

/// Saves a new dated version of the team's charter (the manager and HR); returns its number.
#[server(prefix = "/fn", endpoint = "save_team_charter")]
pub async fn save_team_charter(team_id: i64, charter: CharterForm) -> Result<i32, AppError> {
    use crate::server::{context, repo::audit::Actor, services::charters};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        charters::save(&state.db, Actor::Caller(&caller), team_id, &charter, now).await
    })
    .await
}
