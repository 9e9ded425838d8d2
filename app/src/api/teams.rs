//! Teams: the searched list (admins and executives), create, change, deactivate (admins), and
//! the active teams a pilot can take.

use leptos::prelude::*;

use crate::{
    error::AppError,
    wire::teams::{TeamChoice, TeamInput, TeamPage},
};

/// Teams whose name or department contains `q`, a page of 50 at a time.
#[server(prefix = "/fn", endpoint = "list_teams")]
pub async fn list_teams(q: Option<String>, page: Option<u64>) -> Result<TeamPage, AppError> {
    use crate::server::{context, repo::audit::Actor, services::teams};
    context::serve(|state, caller| async move {
        let query = q.as_deref().unwrap_or("");
        teams::search(&state.db, Actor::Caller(&caller), query, page.unwrap_or(0)).await
    })
    .await
}

/// Creates a team (without `id`) or changes one.
#[server(prefix = "/fn", endpoint = "save_team")]
pub async fn save_team(id: Option<i64>, team: TeamInput) -> Result<i64, AppError> {
    use crate::server::{context, repo::audit::Actor, services::teams};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        teams::save(&state.db, Actor::Caller(&caller), id, &team, now).await
    })
    .await
}

/// Deactivates a team without members or pilots, or reactivates one.
#[server(prefix = "/fn", endpoint = "set_team_active")]
pub async fn set_team_active(id: i64, active: bool) -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::teams};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        teams::set_active(&state.db, Actor::Caller(&caller), id, active, now).await
    })
    .await
}

/// Active teams, to add to a pilot.
#[server(prefix = "/fn", endpoint = "list_team_choices")]
pub async fn list_team_choices() -> Result<Vec<TeamChoice>, AppError> {
    use crate::server::{context, repo::audit::Actor, services::teams};
    context::serve(|state, caller| async move {
        teams::choices(&state.db, Actor::Caller(&caller)).await
    })
    .await
}
