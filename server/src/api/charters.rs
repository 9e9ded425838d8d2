//! Team charters: the version in force (on a day), every dated version, a new version. The
//! team's people and HR read; the team's manager and HR save (a session or a write token).

use app::{
    server::{repo::audit::Actor, services::charters, state::AppState},
    wire::charters::{CharterRequest, CharterVersionView, TeamCharter},
};
use axum::{extract::State, http::StatusCode, Json};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{
    error::{ErrorBody, Refusals},
    extract::{Authenticated, JsonBody, PathParam, QueryParams},
    ApiError,
};

#[derive(Debug, Deserialize, IntoParams)]
pub struct CharterQuery {
    /// The day to find the version in force for (`YYYY-MM-DD`); today in the team's time zone
    /// when left out.
    pub on: Option<NaiveDate>,
}

/// The version number a save created.
#[derive(Debug, Serialize, ToSchema)]
pub struct SavedVersion {
    pub version: i32,
}

/// The team's charter: the version in force on the day asked and every version, newest first.
#[utoipa::path(
    get,
    path = "/teams/{id}/charter",
    tag = "team records",
    params(("id" = i64, Path), CharterQuery),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = TeamCharter),
        Refusals,
        (status = 404, body = ErrorBody),
    )
)]
pub async fn get_charter(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    QueryParams(query): QueryParams<CharterQuery>,
) -> Result<Json<TeamCharter>, ApiError> {
    let now = chrono::Utc::now();
    Ok(Json(
        charters::read(&state.db, Actor::Caller(&caller), id, query.on, now).await?,
    ))
}

/// Every version of the team's charter, newest first. Versions are never changed.
#[utoipa::path(
    get,
    path = "/teams/{id}/charter/versions",
    tag = "team records",
    params(("id" = i64, Path)),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = Vec<CharterVersionView>),
        Refusals,
        (status = 404, body = ErrorBody),
    )
)]
pub async fn list_charter_versions(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
) -> Result<Json<Vec<CharterVersionView>>, ApiError> {
    Ok(Json(
        charters::versions(&state.db, Actor::Caller(&caller), id).await?,
    ))
}

/// Saves a new dated version of the team's charter (the team's manager and HR).
#[utoipa::path(
    put,
    path = "/teams/{id}/charter",
    tag = "team records",
    params(("id" = i64, Path)),
    request_body = CharterRequest,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 201, body = SavedVersion),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 409, description = "Another version was saved at the same moment", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn save_charter(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(charter): JsonBody<CharterRequest>,
) -> Result<(StatusCode, Json<SavedVersion>), ApiError> {
    let now = chrono::Utc::now();
    let version = charters::save(&state.db, Actor::Caller(&caller), id, &charter, now).await?;
    Ok((StatusCode::CREATED, Json(SavedVersion { version })))
}
