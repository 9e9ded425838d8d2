//! Running a pilot (admins) and taking part in one (members): the protocol, the lifecycle, the
//! teams and their enrollment links, consent and withdrawal.

use app::{
    domain::{
        enrollment::{Arm, JoinInfo, MyEnrollment},
        pilot::ProtocolInput,
    },
    server::{context, pilots, repo::audit::Actor, state::AppState},
};
use axum::{
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    Json,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{error::ErrorBody, extract::Authenticated, manage::Created, ApiError};

/// Creates a pilot in draft from its protocol.
#[utoipa::path(
    post,
    path = "/pilots",
    tag = "pilots",
    request_body = ProtocolInput,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 201, body = Created),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin, or a read-only token", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn create_pilot(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Json(protocol): Json<ProtocolInput>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    caller.require_admin()?;
    caller.require_write()?;
    let now = chrono::Utc::now();
    let id = pilots::create(&state.db, Actor::Caller(&caller), &protocol, now).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ProtocolChange {
    pub protocol: ProtocolInput,
    /// Required once the baseline has started (the protocol is locked); audited.
    #[serde(default)]
    pub reason: String,
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
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin, or a read-only token", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "A field is invalid, or the reason is missing", body = ErrorBody),
    )
)]
pub async fn update_protocol(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<i64>,
    Json(change): Json<ProtocolChange>,
) -> Result<StatusCode, ApiError> {
    caller.require_admin()?;
    caller.require_write()?;
    let now = chrono::Utc::now();
    let actor = Actor::Caller(&caller);
    pilots::update_protocol(&state.db, actor, id, &change.protocol, &change.reason, now).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct StageChange {
    /// The next stage: `baseline`, `intervention`, `follow_up`, `review`, `decided`, `closed`.
    pub stage: String,
    /// `expand`, `extend` or `stop`: needed to move to `decided`.
    pub decision: Option<String>,
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
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin, or a read-only token", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "Not allowed (yet); the message says why", body = ErrorBody),
    )
)]
pub async fn advance_pilot(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<i64>,
    Json(change): Json<StageChange>,
) -> Result<StatusCode, ApiError> {
    caller.require_admin()?;
    caller.require_write()?;
    let now = chrono::Utc::now();
    pilots::advance(
        &state.db,
        Actor::Caller(&caller),
        id,
        &change.stage,
        change.decision.as_deref(),
        now.date_naive(),
        now,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TeamEnrollment {
    pub team_id: i64,
    pub arm: Arm,
    /// For pilot teams: HR records that the team volunteered (required).
    #[serde(default)]
    pub volunteered: bool,
}

/// A team's enrollment link, shown once: members open it to read the terms and consent.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EnrollmentLink {
    pub url: String,
}

/// Adds a pilot or comparison team before the baseline starts; returns its enrollment link.
#[utoipa::path(
    post,
    path = "/pilots/{id}/teams",
    tag = "pilots",
    params(("id" = i64, Path)),
    request_body = TeamEnrollment,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 201, body = EnrollmentLink),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin, or a read-only token", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Already in, or the teams are fixed", body = ErrorBody),
        (status = 422, description = "A pilot team that did not volunteer", body = ErrorBody),
    )
)]
pub async fn add_pilot_team(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Json(request): Json<TeamEnrollment>,
) -> Result<(StatusCode, Json<EnrollmentLink>), ApiError> {
    caller.require_admin()?;
    caller.require_write()?;
    let token = pilots::add_team(
        &state.db,
        Actor::Caller(&caller),
        id,
        request.team_id,
        request.arm,
        request.volunteered,
        chrono::Utc::now(),
    )
    .await?;
    let url = context::absolute_url_for(&headers, &format!("/join/{token}"));
    Ok((StatusCode::CREATED, Json(EnrollmentLink { url })))
}

/// Replaces a pilot team's enrollment link (the old one stops working).
#[utoipa::path(
    post,
    path = "/pilot-teams/{id}/link",
    tag = "pilots",
    params(("id" = i64, Path, description = "The pilot team's id, from the pilot's detail")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = EnrollmentLink),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin, or a read-only token", body = ErrorBody),
        (status = 404, body = ErrorBody),
    )
)]
pub async fn renew_link(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Result<Json<EnrollmentLink>, ApiError> {
    caller.require_admin()?;
    caller.require_write()?;
    let token = pilots::renew_link(&state.db, id).await?;
    let url = context::absolute_url_for(&headers, &format!("/join/{token}"));
    Ok(Json(EnrollmentLink { url }))
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
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin, or a read-only token", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Teams are fixed, or members consented", body = ErrorBody),
    )
)]
pub async fn remove_team(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    caller.require_admin()?;
    caller.require_write()?;
    pilots::remove_team(&state.db, Actor::Caller(&caller), id, chrono::Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// What a member of the link's team reads before consenting: what is collected, who sees what,
/// the privacy threshold. Only members of that team may read it.
#[utoipa::path(
    get,
    path = "/join/{token}",
    tag = "enrollment",
    params(("token" = String, Path, description = "The secret part of the enrollment link")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = JoinInfo),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not a member of this team", body = ErrorBody),
        (status = 404, description = "No such link (or it was renewed)", body = ErrorBody),
    )
)]
pub async fn join_info(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(token): Path<String>,
) -> Result<Json<JoinInfo>, ApiError> {
    Ok(Json(
        pilots::join_info(&state.db, &token, caller.person_id).await?,
    ))
}

/// Consents and enrolls the caller (a member of the link's team).
#[utoipa::path(
    post,
    path = "/join/{token}",
    tag = "enrollment",
    params(("token" = String, Path, description = "The secret part of the enrollment link")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Enrolled"),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not a member of this team", body = ErrorBody),
        (status = 404, description = "No such link (or it was renewed)", body = ErrorBody),
    )
)]
pub async fn join(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(token): Path<String>,
) -> Result<StatusCode, ApiError> {
    caller.require_write()?;
    pilots::consent(&state.db, &token, caller.person_id, chrono::Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The pilots the caller has joined (and withdrawn from).
#[utoipa::path(
    get,
    path = "/me/pilots",
    tag = "enrollment",
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = Vec<MyEnrollment>),
        (status = 401, body = ErrorBody),
    )
)]
pub async fn my_pilots(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<Vec<MyEnrollment>>, ApiError> {
    Ok(Json(
        pilots::my_enrollments(&state.db, caller.person_id).await?,
    ))
}

/// Withdraws the caller's consent: from now on nothing more is collected.
#[utoipa::path(
    delete,
    path = "/me/pilots/{id}",
    tag = "enrollment",
    params(("id" = i64, Path, description = "The pilot's id")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 401, body = ErrorBody),
        (status = 404, description = "Not enrolled in this pilot", body = ErrorBody),
    )
)]
pub async fn withdraw(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    caller.require_write()?;
    pilots::withdraw(&state.db, id, caller.person_id, chrono::Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
