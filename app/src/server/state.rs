//! The state every request handler and server function shares.

use axum::extract::FromRef;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;

use crate::error::AppError;

/// Holds nothing a second app instance would need: all shared data lives in the database.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub mail: super::mail::MailSettings,
    /// Reverse proxies whose `X-Forwarded-For` names the client (see `client_address`).
    pub trusted_proxies: super::client_address::TrustedProxies,
}

/// The state for the current server function, or an internal error if it was not provided.
///
/// Every request's context holds the state, so it is missing only where a server-side render
/// dropped part of a page (a `Transition` that rendered again) while that part's data was still
/// loading: the answer goes nowhere, so this is logged at debug level, not as an error.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::debug!("no AppState in context: the render that asked for data was dropped");
        AppError::Internal
    })
}
