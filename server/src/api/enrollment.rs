//! Taking part in a pilot (any signed-in member): read a team's enrollment link, consent, list
//! and withdraw from one's own pilots.

use app::{
    server::{services::enrollment, state::AppState},
    wire::enrollment::{JoinInfo, MyEnrollment},
};
use axum::{extract::State, http::StatusCode, Json};

use super::{
    error::ErrorBody,
    extract::{Authenticated, PathParam},
    ApiError,
};

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
        (status = 409, description = "The link has expired (links work for 30 days; HR renews them)", body = ErrorBody),
    )
)]
pub async fn join_info(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(token): PathParam<String>,
) -> Result<Json<JoinInfo>, ApiError> {
    Ok(Json(
        enrollment::join_info(&state.db, &caller, &token, chrono::Utc::now()).await?,
    ))
}

/// Consents and enrolls the caller (a member of the link's team), while the link works.
#[utoipa::path(
    post,
    path = "/join/{token}",
    tag = "enrollment",
    params(("token" = String, Path, description = "The secret part of the enrollment link")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Enrolled"),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not a member of this team, or a read-only token", body = ErrorBody),
        (status = 404, description = "No such link (or it was renewed)", body = ErrorBody),
        (status = 409, description = "The link has expired (links work for 30 days; HR renews them), or the pilot has ended", body = ErrorBody),
    )
)]
pub async fn join(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(token): PathParam<String>,
) -> Result<StatusCode, ApiError> {
    enrollment::join(&state.db, &caller, &token, chrono::Utc::now()).await?;
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
    Ok(Json(enrollment::my_enrollments(&state.db, &caller).await?))
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
        (status = 403, description = "A read-only token", body = ErrorBody),
        (status = 404, description = "Not enrolled in this pilot", body = ErrorBody),
    )
)]
pub async fn withdraw(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
) -> Result<StatusCode, ApiError> {
    enrollment::withdraw(&state.db, &caller, id, chrono::Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
