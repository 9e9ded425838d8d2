//! Champions: one's own option and nominations, nominating a colleague, stepping down, HR's
//! candidate list and decisions, the confirmed champions, coverage and a team's champions.

use app::{
    server::{
        repo::audit::Actor,
        services::{champion_candidates, champion_coverage, champions},
        state::AppState,
    },
    wire::champions::{
        CandidateDecisionInput, CandidateList, ChampionName, ChampionOptIn, CoverageReport,
        MyChampion, NominationInput, TeamChampions,
    },
};
use axum::{extract::State, http::StatusCode, Json};

use super::{
    error::{ErrorBody, Refusals},
    extract::{Authenticated, JsonBody, PathParam},
    ApiError,
};

/// The caller's champion option (off by default), status, and nominations: a count and the
/// reasons, with the nominator's name only where they allowed it.
#[utoipa::path(
    get,
    path = "/me/champion",
    tag = "champions",
    security(("session" = []), ("token" = [])),
    responses((status = 200, body = MyChampion), Refusals)
)]
pub async fn get_my_champion(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<MyChampion>, ApiError> {
    Ok(Json(
        champions::mine(&state.db, Actor::Caller(&caller)).await?,
    ))
}

/// "Use my own entries to suggest me as a champion": on or off. Off takes the caller off the
/// candidate list at once, nominations or not.
#[utoipa::path(
    put,
    path = "/me/champion/opt-in",
    tag = "champions",
    request_body = ChampionOptIn,
    security(("session" = []), ("token" = [])),
    responses((status = 204, description = "Saved"), Refusals)
)]
pub async fn set_champion_opt_in(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(input): JsonBody<ChampionOptIn>,
) -> Result<StatusCode, ApiError> {
    let now = chrono::Utc::now();
    champions::set_opted_in(&state.db, Actor::Caller(&caller), input.opted_in, now).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A confirmed champion steps down (in the audit log).
#[utoipa::path(
    post,
    path = "/me/champion/step-down",
    tag = "champions",
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Stepped down"),
        Refusals,
        (status = 409, description = "The caller is not a confirmed champion", body = ErrorBody),
    )
)]
pub async fn step_down_as_champion(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<StatusCode, ApiError> {
    champions::step_down(&state.db, Actor::Caller(&caller), chrono::Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Nominates a colleague of the organisation with one sentence of why; nominating the same
/// colleague again replaces the sentence.
#[utoipa::path(
    post,
    path = "/nominations",
    tag = "champions",
    request_body = NominationInput,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Nominated"),
        Refusals,
        (status = 422, description = "Unknown email, oneself, or no reason; `field` names it", body = ErrorBody),
    )
)]
pub async fn nominate_colleague(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(input): JsonBody<NominationInput>,
) -> Result<StatusCode, ApiError> {
    let now = chrono::Utc::now();
    champions::nominate(&state.db, Actor::Caller(&caller), &input, now).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The candidate list (HR only): score 0–100 and every signal as a percentile within the
/// person's pilot's opted-in people, or missing.
#[utoipa::path(
    get,
    path = "/champions/candidates",
    tag = "champions",
    security(("session" = []), ("token" = [])),
    responses((status = 200, body = CandidateList), Refusals)
)]
pub async fn list_champion_candidates(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<CandidateList>, ApiError> {
    let now = chrono::Utc::now();
    Ok(Json(
        champion_candidates::candidates(&state.db, Actor::Caller(&caller), now).await?,
    ))
}

/// HR confirms or dismisses a candidate, with an optional note (in the audit log).
#[utoipa::path(
    put,
    path = "/people/{id}/champion",
    tag = "champions",
    params(("id" = i64, Path)),
    request_body = CandidateDecisionInput,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Decided"),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 409, description = "Not a candidate", body = ErrorBody),
        (status = 422, description = "The note is too long", body = ErrorBody),
    )
)]
pub async fn decide_champion_candidate(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(input): JsonBody<CandidateDecisionInput>,
) -> Result<StatusCode, ApiError> {
    let now = chrono::Utc::now();
    champions::decide(&state.db, Actor::Caller(&caller), id, &input, now).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The confirmed champions, whose names carry a badge.
#[utoipa::path(
    get,
    path = "/champions",
    tag = "champions",
    security(("session" = []), ("token" = [])),
    responses((status = 200, body = Vec<ChampionName>), Refusals)
)]
pub async fn list_champions(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<Vec<ChampionName>>, ApiError> {
    Ok(Json(
        champions::confirmed(&state.db, Actor::Caller(&caller)).await?,
    ))
}

/// Champion coverage per pilot (its pilot teams) and per department (its teams in any pilot):
/// a champion in the team, in the department only, or none; share = teams with one in the team.
#[utoipa::path(
    get,
    path = "/champions/coverage",
    tag = "champions",
    security(("session" = []), ("token" = [])),
    responses((status = 200, body = CoverageReport), Refusals)
)]
pub async fn get_champion_coverage(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<CoverageReport>, ApiError> {
    Ok(Json(
        champion_coverage::coverage(&state.db, Actor::Caller(&caller)).await?,
    ))
}

/// A team's champions and pilots, and for its manager (and HR) the manager's own training.
#[utoipa::path(
    get,
    path = "/teams/{id}/champions",
    tag = "champions",
    params(("id" = i64, Path)),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = TeamChampions),
        Refusals,
        (status = 404, body = ErrorBody),
    )
)]
pub async fn get_team_champions(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
) -> Result<Json<TeamChampions>, ApiError> {
    Ok(Json(
        champion_coverage::of_team(&state.db, Actor::Caller(&caller), id).await?,
    ))
}
