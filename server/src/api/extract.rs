//! What API handlers need from a request: the caller and the client's address.

use std::net::IpAddr;

use app::{
    error::AppError,
    server::{auth::caller::Caller, state::AppState},
};
use axum::{extract::FromRequestParts, http::request::Parts};

use super::ApiError;

/// The authenticated caller; 401 without a valid session cookie or bearer token.
pub struct Authenticated(pub Caller);

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        app::server::auth::caller::resolve(&state.db, &parts.headers, chrono::Utc::now())
            .await?
            .map(Self)
            .ok_or(ApiError(AppError::Unauthorized))
    }
}

/// The caller if there is one; never rejects.
pub struct MaybeAuthenticated(pub Option<Caller>);

impl FromRequestParts<AppState> for MaybeAuthenticated {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let caller =
            app::server::auth::caller::resolve(&state.db, &parts.headers, chrono::Utc::now())
                .await?;
        Ok(Self(caller))
    }
}

/// The client's address (see `app::server::client_address`), when the server knows it.
pub struct ClientAddress(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(app::server::client_address::of_request(
            &parts.extensions,
        )))
    }
}

/// A JSON request body; a body that is not JSON, or JSON of the wrong shape (a string where a
/// number belongs, a missing field), answers 422 in the API's error shape naming the problem.
#[derive(axum::extract::FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct JsonBody<T>(pub T);

/// Path parameters; `/pilots/abc` answers 422 in the API's error shape, not plain text.
#[derive(axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct PathParam<T>(pub T);

/// Query parameters; a wrong type answers 422 in the API's error shape, not plain text.
#[derive(axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct QueryParams<T>(pub T);

impl From<axum::extract::rejection::JsonRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::JsonRejection) -> Self {
        Self(AppError::validation("body", rejection.body_text()))
    }
}

impl From<axum::extract::rejection::PathRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::PathRejection) -> Self {
        Self(AppError::validation("path", rejection.body_text()))
    }
}

impl From<axum::extract::rejection::QueryRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::QueryRejection) -> Self {
        Self(AppError::validation("query", rejection.body_text()))
    }
}
