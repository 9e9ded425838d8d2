//! Running a pilot: the list and the detail (admins and executives), the protocol, the
//! lifecycle, the teams and their enrollment links (admins).

use app::{
    domain::pilot::enrollment_link::link_expires_at,
    server::{
        context,
        repo::audit::Actor,
        services::{pilot_teams, pilots},
        state::AppState,
    },
    wire::{
        pilots::{
            EnrollmentLink, PilotDetail, PilotProtocol, PilotSummary, ProtocolChange, StageChange,
            TeamEnrollment,
        },
        Created,
    },
};
use axum::{extract::State, http::StatusCode, Json};

use super::{
    error::{ErrorBody, Refusals},
    extract::{Authenticated, JsonBody, PathParam},
    ApiError,
};

/// Every pilot with its stage and number of teams.
#[utoipa::path(
    get,
    path = "/pilots",
    tag = "pilots",
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = Vec<PilotSummary>),
        Refusals,
    )
)]
pub async fn list_pilots(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<Vec<PilotSummary>>, ApiError> {
    Ok(Json(pilots::list(&state.db, Actor::Caller(&caller)).await?))
}

/// One pilot: protocol, stage, and participation per team (counts only).
#[utoipa::path(
    get,
    path = "/pilots/{id}",
    tag = "pilots",
    params(("id" = i64, Path, description = "The pilot's id")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = PilotDetail),
        Refusals,
        (status = 404, body = ErrorBody),
    )
)]
pub async fn get_pilot(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
) -> Result<Json<PilotDetail>, ApiError> {
    Ok(Json(
        pilots::detail(&state.db, Actor::Caller(&caller), id, chrono::Utc::now()).await?,
    ))
}

/// Creates a pilot in draft from its protocol.
#[utoipa::path(
    post,
    path = "/pilots",
    tag = "pilots",
    request_body = PilotProtocol,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 201, body = Created),
        Refusals,
        (status = 409, description = "A pilot of that name exists", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn create_pilot(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(protocol): JsonBody<PilotProtocol>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let now = chrono::Utc::now();
    let id = pilots::create(&state.db, Actor::Caller(&caller), &protocol, now).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// Changes the protocol; after the baseline started only with a reason, which is audited.
#[utoipa::path(
    put,
    path = "/pilots/{id}/protocol",
    tag = "pilots",
    params(("id" = i64, Path)),
    request_body = ProtocolChange,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Changed"),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 422, description = "A field is invalid, or the reason is missing", body = ErrorBody),
    )
)]
pub async fn update_protocol(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(change): JsonBody<ProtocolChange>,
) -> Result<StatusCode, ApiError> {
    let (actor, now) = (Actor::Caller(&caller), chrono::Utc::now());
    pilots::update_protocol(&state.db, actor, id, &change.protocol, &change.reason, now).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Moves the pilot to its next stage, if the calendar and the rules allow it.
#[utoipa::path(
    post,
    path = "/pilots/{id}/stage",
    tag = "pilots",
    params(("id" = i64, Path)),
    request_body = StageChange,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Moved"),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 422, description = "Not allowed (yet); the message says why", body = ErrorBody),
    )
)]
pub async fn advance_pilot(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(change): JsonBody<StageChange>,
) -> Result<StatusCode, ApiError> {
    let (actor, now) = (Actor::Caller(&caller), chrono::Utc::now());
    let (stage, decision, today) = (change.stage, change.decision, now.date_naive());
    pilots::advance(&state.db, actor, id, stage, decision, today, now).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds a pilot or comparison team before the baseline starts; returns its enrollment link,
/// which works for 30 days.
#[utoipa::path(
    post,
    path = "/pilots/{id}/teams",
    tag = "pilots",
    params(("id" = i64, Path)),
    request_body = TeamEnrollment,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 201, body = EnrollmentLink),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 409, description = "Already in, or the teams are fixed", body = ErrorBody),
        (status = 422, description = "A pilot team that did not volunteer", body = ErrorBody),
    )
)]
pub async fn add_pilot_team(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(team): JsonBody<TeamEnrollment>,
) -> Result<(StatusCode, Json<EnrollmentLink>), ApiError> {
    let (actor, now) = (Actor::Caller(&caller), chrono::Utc::now());
    let token = pilot_teams::add_team(
        &state.db,
        actor,
        id,
        team.team_id,
        team.arm,
        team.volunteered,
        now,
    )
    .await?;
    let url = context::public_link(&state, &format!("/join/{token}"));
    let expires_at = link_expires_at(now);
    Ok((
        StatusCode::CREATED,
        Json(EnrollmentLink { url, expires_at }),
    ))
}

/// Replaces a pilot team's enrollment link (the old one stops working); the new one works for
/// 30 days.
#[utoipa::path(
    post,
    path = "/pilot-teams/{id}/link",
    tag = "pilots",
    params(("id" = i64, Path, description = "The pilot team's id, from the pilot's detail")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = EnrollmentLink),
        Refusals,
        (status = 404, body = ErrorBody),
    )
)]
pub async fn renew_link(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
) -> Result<Json<EnrollmentLink>, ApiError> {
    let (actor, now) = (Actor::Caller(&caller), chrono::Utc::now());
    let token = pilot_teams::renew_link(&state.db, actor, id, now).await?;
    let url = context::public_link(&state, &format!("/join/{token}"));
    let expires_at = link_expires_at(now);
    Ok(Json(EnrollmentLink { url, expires_at }))
}

/// Takes a team out of a pilot before the baseline, if nobody in it has consented.
#[utoipa::path(
    delete,
    path = "/pilot-teams/{id}",
    tag = "pilots",
    params(("id" = i64, Path, description = "The pilot team's id, from the pilot's detail")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Removed"),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 409, description = "Teams are fixed, or members consented", body = ErrorBody),
    )
)]
pub async fn remove_team(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
) -> Result<StatusCode, ApiError> {
    let (actor, now) = (Actor::Caller(&caller), chrono::Utc::now());
    pilot_teams::remove_team(&state.db, actor, id, now).await?;
    Ok(StatusCode::NO_CONTENT)
}
