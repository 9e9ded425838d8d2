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
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>()
        .ok_or_else(|| AppError::internal("server function", "AppState missing from context"))
}
