//! `GET /people`, `POST /people` (invite).

use app::{
    api::people::{IssuedLink, PersonSummary},
    server::{accounts, context, repo, state::AppState},
};
use axum::{
    extract::State,
    http::{HeaderMap, StatusCode},
    Json,
};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{error::ErrorBody, extract::Authenticated, ApiError};

/// Everyone known to the organisation, active or not.
#[utoipa::path(
    get,
    path = "/people",
    tag = "people",
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = Vec<PersonSummary>),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
    )
)]
pub async fn list_people(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<Vec<PersonSummary>>, ApiError> {
    caller.require_admin()?;
    let people = repo::people::list(&state.db).await?;
    Ok(Json(people.into_iter().map(PersonSummary::from).collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct InviteRequest {
    pub email: String,
    pub name: String,
    /// `admin`, `executive` or `participant`.
    pub role: String,
}

/// Adds a person and returns their one-time invite link (valid for 7 days).
#[utoipa::path(
    post,
    path = "/people",
    tag = "people",
    request_body = InviteRequest,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 201, body = IssuedLink),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin, or a read-only token", body = ErrorBody),
        (status = 409, description = "Someone with this email exists", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn invite_person(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    headers: HeaderMap,
    Json(request): Json<InviteRequest>,
) -> Result<(StatusCode, Json<IssuedLink>), ApiError> {
    caller.require_admin()?;
    caller.require_write()?;
    let (person, token) = accounts::invite(
        &state.db,
        &caller,
        &request.email,
        &request.name,
        &request.role,
        chrono::Utc::now(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(IssuedLink {
            person_id: person.id,
            email: person.email,
            url: context::absolute_url_for(&headers, &format!("/set-password?token={token}")),
        }),
    ))
}
