//! `POST /session`, `DELETE /session`, `GET /me`, `PUT /me/password`, `DELETE /me/sessions`.

use app::{
    server::{auth::cookie, repo::audit::Actor, services::auth, state::AppState},
    wire::auth::{CurrentUser, PasswordChange, SignInRequest},
};
use axum::{
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};

use super::{
    error::{ErrorBody, Refusals},
    extract::{Authenticated, ClientAddress, JsonBody, MaybeAuthenticated},
    ApiError,
};

/// Sign in: answers with the person and a session cookie.
#[utoipa::path(
    post,
    path = "/session",
    tag = "session",
    request_body = SignInRequest,
    responses(
        (status = 200, description = "Signed in; the `ap_session` cookie is set", body = CurrentUser),
        (status = 401, description = "The email and password do not match an active account", body = ErrorBody),
        (status = 422, description = "The body is not an email and a password", body = ErrorBody),
        (status = 429, description = "Too many failed sign-ins for this account or address", body = ErrorBody),
        (status = 503, description = "Too many password checks under way; try again in a moment", body = ErrorBody),
    )
)]
pub async fn create_session(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
    JsonBody(request): JsonBody<SignInRequest>,
) -> Result<Response, ApiError> {
    let now = chrono::Utc::now();
    let signed_in =
        auth::sign_in(&state.db, &request.email, &request.password, client, now).await?;
    let cookie = cookie::session_cookie(&signed_in.session_token, cookie::is_https(&headers));
    Ok(([(header::SET_COOKIE, cookie)], Json(signed_in.person)).into_response())
}

/// Sign out: ends the session of the cookie sent (if any) and clears the cookie.
#[utoipa::path(
    delete,
    path = "/session",
    tag = "session",
    responses((status = 204, description = "Signed out (also when there was no session)"))
)]
pub async fn delete_session(
    State(state): State<AppState>,
    MaybeAuthenticated(caller): MaybeAuthenticated,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if let Some(caller) = caller {
        auth::sign_out(&state.db, Actor::Caller(&caller), chrono::Utc::now()).await?;
    }
    let cookie = cookie::expired_session_cookie(cookie::is_https(&headers));
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

/// The caller: who the session cookie or token belongs to.
#[utoipa::path(
    get,
    path = "/me",
    tag = "session",
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "The signed-in person", body = CurrentUser),
        (status = 401, description = "No valid session or token", body = ErrorBody),
    )
)]
pub async fn get_me(Authenticated(caller): Authenticated) -> Json<CurrentUser> {
    Json(CurrentUser::from(&caller))
}

/// Changes the caller's password; every session of theirs ends, and the answer sets a fresh
/// session cookie for this client.
#[utoipa::path(
    put,
    path = "/me/password",
    tag = "session",
    request_body = PasswordChange,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Changed; a new `ap_session` cookie is set"),
        Refusals,
        (status = 422, description = "The current password is wrong or the new one too weak; `field` names which", body = ErrorBody),
        (status = 503, description = "Too many password checks under way; try again in a moment", body = ErrorBody),
    )
)]
pub async fn change_password(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    headers: HeaderMap,
    JsonBody(request): JsonBody<PasswordChange>,
) -> Result<Response, ApiError> {
    let (actor, now) = (Actor::Caller(&caller), chrono::Utc::now());
    let PasswordChange {
        current_password,
        new_password,
    } = request;
    let token =
        auth::change_password(&state.db, actor, &current_password, &new_password, now).await?;
    let cookie = cookie::session_cookie(&token, cookie::is_https(&headers));
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

/// Ends every session of the caller, on every device, and clears this client's cookie.
#[utoipa::path(
    delete,
    path = "/me/sessions",
    tag = "session",
    security(("session" = []), ("token" = [])),
    responses((status = 204, description = "Every session ended"), Refusals)
)]
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    auth::sign_out_everywhere(&state.db, Actor::Caller(&caller), chrono::Utc::now()).await?;
    let cookie = cookie::expired_session_cookie(cookie::is_https(&headers));
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}
