//! What a server function knows about its request: the caller, the client's address, and how to
//! set the response's status and cookies.

use std::net::IpAddr;

use http::{header, request::Parts, HeaderValue};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use super::{
    auth::caller::Caller,
    state::{app_state, AppState},
};
use crate::error::AppError;

fn request_parts() -> Result<Parts, AppError> {
    use_context::<Parts>()
        .ok_or_else(|| AppError::internal("server function", "request parts missing from context"))
}

/// The signed-in caller, if any: by session cookie only (API tokens are for `/api/v1`).
pub async fn caller() -> Result<Option<Caller>, AppError> {
    let state = app_state()?;
    let parts = request_parts()?;
    super::auth::caller::resolve_session(&state.db, &parts.headers, chrono::Utc::now()).await
}

/// The caller, or 401 when nobody is signed in.
pub async fn signed_in() -> Result<Caller, AppError> {
    caller().await?.ok_or(AppError::Unauthorized)
}

/// The address of the client, for rate limiting: what the server's client-address layer found
/// (the TCP peer, or the client a trusted proxy forwarded for), else the TCP peer.
pub fn client_address() -> Option<IpAddr> {
    let parts = use_context::<Parts>()?;
    super::client_address::of_request(&parts.extensions)
}

pub fn is_https() -> bool {
    use_context::<Parts>().is_some_and(|parts| super::auth::cookie::is_https(&parts.headers))
}

pub fn set_cookie(cookie: &str) {
    if let (Some(response), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(cookie),
    ) {
        response.append_header(header::SET_COOKIE, value);
    }
}

/// The body of a server function for signed-in callers: the state and the caller (401 without a
/// session), then `work`, which calls one service (the service checks access). Errors set the
/// response's status.
pub async fn serve<T, F, Fut>(work: F) -> Result<T, AppError>
where
    F: FnOnce(AppState, Caller) -> Fut,
    Fut: std::future::Future<Output = Result<T, AppError>>,
{
    let result = async {
        let state = app_state()?;
        let caller = signed_in().await?;
        work(state, caller).await
    }
    .await;
    respond(result)
}

/// Like [`serve`], for server functions anyone may call (signing in, one-time links).
pub async fn serve_public<T, F, Fut>(work: F) -> Result<T, AppError>
where
    F: FnOnce(AppState) -> Fut,
    Fut: std::future::Future<Output = Result<T, AppError>>,
{
    let result = async { work(app_state()?).await }.await;
    respond(result)
}

/// Ends a server function: an error also sets the HTTP status it stands for (401, 403, 422…),
/// which the browser, the access tests and plain form posts all rely on.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result {
        if let Some(response) = use_context::<ResponseOptions>() {
            if let Ok(status) = http::StatusCode::from_u16(error.status_code()) {
                response.set_status(status);
            }
        }
    }
    result
}

/// `path` as a full address on the host this request was sent to, for links to pass on.
pub fn absolute_url(path: &str) -> String {
    match use_context::<AppState>() {
        Some(state) => public_link(&state, path),
        None => path.to_string(),
    }
}

/// A link for people to open: always on the instance's public address (`--public-url`, the
/// listening address by default), never on whatever `Host` a request claimed — a forged `Host`
/// must not put another site in front of a one-time secret.
pub fn public_link(state: &AppState, path: &str) -> String {
    format!("{}{path}", state.mail.public_url.trim_end_matches('/'))
}

/// Like [`serve`], for forms that work before the WebAssembly loads. A plain form post (one that
/// accepts `text/html`) is sent back to its page with any error in the URL, which the page's
/// action reads; an error status would replace that redirect with a bare error page, so it is
/// set only for calls from scripts.
pub async fn serve_form<T, F, Fut>(work: F) -> Result<T, AppError>
where
    F: FnOnce(AppState, Caller) -> Fut,
    Fut: std::future::Future<Output = Result<T, AppError>>,
{
    let plain_form = use_context::<Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(header::ACCEPT)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
    });
    let result = async {
        let state = app_state()?;
        let caller = signed_in().await?;
        work(state, caller).await
    }
    .await;
    if plain_form {
        result
    } else {
        respond(result)
    }
}
