//! Champions: one's own option and nominations, nominating, stepping down, HR's candidate list
//! and decisions, the confirmed champions, coverage and a team's champions.

use leptos::prelude::*;

use crate::{
    error::AppError,
    wire::champions::{
        CandidateDecisionInput, CandidateList, ChampionName, CoverageReport, MyChampion,
        NominationInput, TeamChampions,
    },
};

/// The caller's champion option, status and nominations.
#[server(prefix = "/fn", endpoint = "get_my_champion")]
pub async fn get_my_champion() -> Result<MyChampion, AppError> {
    use crate::server::{context, repo::audit::Actor, services::champions};
    context::serve(|state, caller| async move {
        champions::mine(&state.db, Actor::Caller(&caller)).await
    })
    .await
}

/// Turns "use my own entries to suggest me as a champion" on or off.
#[server(prefix = "/fn", endpoint = "set_champion_opt_in")]
pub async fn set_champion_opt_in(opted_in: bool) -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::champions};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        champions::set_opted_in(&state.db, Actor::Caller(&caller), opted_in, now).await
    })
    .await
}

/// A confirmed champion steps down.
#[server(prefix = "/fn", endpoint = "step_down_as_champion")]
pub async fn step_down_as_champion() -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::champions};
    context::serve(|state, caller| async move {
        champions::step_down(&state.db, Actor::Caller(&caller), chrono::Utc::now()).await
    })
    .await
}

/// Nominates a colleague with a sentence of why.
#[server(prefix = "/fn", endpoint = "nominate_colleague")]
pub async fn nominate_colleague(nomination: NominationInput) -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::champions};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        champions::nominate(&state.db, Actor::Caller(&caller), &nomination, now).await
    })
    .await
}

/// HR's candidate list with scores, signal by signal.
#[server(prefix = "/fn", endpoint = "list_champion_candidates")]
pub async fn list_champion_candidates() -> Result<CandidateList, AppError> {
    use crate::server::{context, repo::audit::Actor, services::champion_candidates};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        champion_candidates::candidates(&state.db, Actor::Caller(&caller), now).await
    })
    .await
}

/// HR confirms or dismisses a candidate.
#[server(prefix = "/fn", endpoint = "decide_champion_candidate")]
pub async fn decide_champion_candidate(
    person_id: i64,
    decision: CandidateDecisionInput,
) -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::champions};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        champions::decide(&state.db, Actor::Caller(&caller), person_id, &decision, now).await
    })
    .await
}

/// The confirmed champions (their names carry a badge).
#[server(prefix = "/fn", endpoint = "list_champions")]
pub async fn list_champions() -> Result<Vec<ChampionName>, AppError> {
    use crate::server::{context, repo::audit::Actor, services::champions};
    context::serve(|state, caller| async move {
        champions::confirmed(&state.db, Actor::Caller(&caller)).await
    })
    .await
}

/// Champion coverage per pilot and department.
#[server(prefix = "/fn", endpoint = "get_champion_coverage")]
pub async fn get_champion_coverage() -> Result<CoverageReport, AppError> {
    use crate::server::{context, repo::audit::Actor, services::champion_coverage};
    context::serve(|state, caller| async move {
        champion_coverage::coverage(&state.db, Actor::Caller(&caller)).await
    })
    .await
}

/// A team's champions, pilots and (for its manager) the manager's training.
#[server(prefix = "/fn", endpoint = "get_team_champions")]
pub async fn get_team_champions(team_id: i64) -> Result<TeamChampions, AppError> {
    use crate::server::{context, repo::audit::Actor, services::champion_coverage};
    context::serve(|state, caller| async move {
        champion_coverage::of_team(&state.db, Actor::Caller(&caller), team_id).await
    })
    .await
}
