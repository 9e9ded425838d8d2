//! People, for admins: the list, invites and password links, edits, roles and (de)activation.

use app::{
    server::{
        context,
        repo::{audit::Actor, people::Person},
        services::{erasure, people, person_details},
        state::AppState,
    },
    wire::{
        people::{
            EraseRequest, ErasedPerson, InviteRequest, IssuedLink, PeoplePage, PeopleQuery,
            RoleRequest,
        },
        person_details::PersonInput,
        ActiveRequest,
    },
};
use axum::{extract::State, http::StatusCode, Json};

use super::{
    error::{ErrorBody, Refusals},
    extract::{Authenticated, JsonBody, PathParam, QueryParams},
    ApiError,
};

/// The link as the API answers it, on the instance's public address.
fn issued_link(state: &AppState, person: Person, token: &str) -> IssuedLink {
    IssuedLink {
        person_id: person.id,
        email: person.email,
        url: context::public_link(state, &people::set_password_path(token)),
        mailed: state.mail.delivers,
    }
}

/// People known to the organisation, active or not, 50 per page, optionally searched.
#[utoipa::path(
    get,
    path = "/people",
    tag = "people",
    params(PeopleQuery),
    security(("session" = []), ("token" = [])),
    responses((status = 200, body = PeoplePage), Refusals)
)]
pub async fn list_people(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    QueryParams(query): QueryParams<PeopleQuery>,
) -> Result<Json<PeoplePage>, ApiError> {
    let actor = Actor::Caller(&caller);
    let page = people::list(&state.db, actor, query.q.as_deref(), query.page).await?;
    Ok(Json(page))
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
        Refusals,
        (status = 409, description = "Someone with this email exists", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn invite_person(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(request): JsonBody<InviteRequest>,
) -> Result<(StatusCode, Json<IssuedLink>), ApiError> {
    let (actor, now) = (Actor::Caller(&caller), chrono::Utc::now());
    let InviteRequest { email, name, role } = request;
    let (person, token) = people::invite(
        &state.db,
        actor,
        &email,
        &name,
        role.as_str(),
        &state.mail,
        now,
    )
    .await?;
    let link = issued_link(&state, person, &token);
    Ok((StatusCode::CREATED, Json(link)))
}

/// Issues a new link for an existing person to set their password (a reset once they have
/// one, the invite again before); earlier links stop working. Mailed to them too when the
/// server delivers mail.
#[utoipa::path(
    post,
    path = "/people/{id}/password-link",
    tag = "people",
    params(("id" = i64, Path)),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, body = IssuedLink),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 409, description = "The person is deactivated", body = ErrorBody),
    )
)]
pub async fn issue_password_link(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
) -> Result<Json<IssuedLink>, ApiError> {
    let (actor, now) = (Actor::Caller(&caller), chrono::Utc::now());
    let (person, token) = people::issue_reset_link(&state.db, actor, id, &state.mail, now).await?;
    Ok(Json(issued_link(&state, person, &token)))
}

/// Changes a person's name, team (keeping the history), manager, time zone or working pattern.
#[utoipa::path(
    put,
    path = "/people/{id}",
    tag = "people",
    params(("id" = i64, Path)),
    request_body = PersonInput,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Changed"),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn update_person(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(person): JsonBody<PersonInput>,
) -> Result<StatusCode, ApiError> {
    let (actor, now) = (Actor::Caller(&caller), chrono::Utc::now());
    person_details::edit_person(&state.db, actor, id, &person, now).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Changes a person's role; the last active admin keeps theirs.
#[utoipa::path(
    put,
    path = "/people/{id}/role",
    tag = "people",
    params(("id" = i64, Path)),
    request_body = RoleRequest,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Changed"),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 409, description = "The last active admin", body = ErrorBody),
        (status = 422, description = "Not a role", body = ErrorBody),
    )
)]
pub async fn change_role(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(request): JsonBody<RoleRequest>,
) -> Result<StatusCode, ApiError> {
    let (actor, now) = (Actor::Caller(&caller), chrono::Utc::now());
    people::change_role(&state.db, actor, id, request.role.as_str(), now).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Deactivates a person (their sessions end at once) or reactivates them.
#[utoipa::path(
    put,
    path = "/people/{id}/active",
    tag = "people",
    params(("id" = i64, Path)),
    request_body = ActiveRequest,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Changed"),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 409, description = "Yourself, or the last active admin", body = ErrorBody),
    )
)]
pub async fn set_person_active(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(request): JsonBody<ActiveRequest>,
) -> Result<StatusCode, ApiError> {
    let (actor, now) = (Actor::Caller(&caller), chrono::Utc::now());
    people::set_active(&state.db, actor, id, request.active, now).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Erases a person on request (GDPR article 17): their entries, consents, check-ins, pulse
/// answers, memberships, sessions and links are deleted; their name and email in the audit log
/// become a pseudonym; the erasure is audited. `confirm` must be their email.
#[utoipa::path(
    post,
    path = "/people/{id}/erase",
    tag = "people",
    params(("id" = i64, Path)),
    request_body = EraseRequest,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "Erased", body = ErasedPerson),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 409, description = "Yourself, or the last active admin", body = ErrorBody),
        (status = 422, description = "The confirmation is not their email", body = ErrorBody),
    )
)]
pub async fn erase_person(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(request): JsonBody<EraseRequest>,
) -> Result<Json<ErasedPerson>, ApiError> {
    let (actor, now) = (Actor::Caller(&caller), chrono::Utc::now());
    Ok(Json(
        erasure::erase(&state.db, actor, id, &request.confirm, now).await?,
    ))
}
