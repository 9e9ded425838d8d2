//! `GET /people`, `POST /people` (invite).

use app::{
    api::people::{search_people, IssuedLink, PeoplePage},
    server::{accounts, context, state::AppState},
};
use axum::{
    extract::{Query, State},
    http::{HeaderMap, StatusCode},
    Json,
};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::{error::ErrorBody, extract::Authenticated, ApiError};

#[derive(Debug, Deserialize, IntoParams)]
pub struct PeopleQuery {
    /// Part of a name or email.
    pub q: Option<String>,
    /// Zero-based page of 50.
    pub page: Option<i64>,
}

/// People known to the organisation, active or not, 50 per page, optionally searched.
#[utoipa::path(
    get,
    path = "/people",
    tag = "people",
    params(PeopleQuery),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = PeoplePage),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
    )
)]
pub async fn list_people(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Query(query): Query<PeopleQuery>,
) -> Result<Json<PeoplePage>, ApiError> {
    caller.require_admin()?;
    Ok(Json(search_people(&state.db, query.q, query.page).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct InviteRequest {
    pub email: String,
    pub name: String,
    /// `admin`, `executive` or `participant`.
    pub role: String,
}

/// Adds a person and returns their one-time invite link (valid for 7 days), which is also
/// mailed to them when the server delivers mail.
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
        &state.mail,
        chrono::Utc::now(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(IssuedLink {
            person_id: person.id,
            email: person.email,
            url: context::absolute_url_for(&headers, &format!("/set-password?token={token}")),
            mailed: state.mail.delivers,
        }),
    ))
}
