//! `AppError`: the one error type the UI and the server functions share.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found: {0}")]
    NotFound(String),
    #[error("please sign in")]
    Unauthorized,
    #[error("you do not have access to this")]
    Forbidden,
    /// Deliberately the same for an unknown email and a wrong password.
    #[error("that email and password do not match an active account")]
    SignInFailed,
    #[error("too many wrong passwords; wait {} and try again", wait_text(*seconds))]
    RateLimited { seconds: i64 },
    #[error("{field}: {message}")]
    Validation { field: String, message: String },
    #[error("conflict: {0}")]
    Conflict(String),
    /// Too much work already under way (e.g. password checks); refused rather than queued.
    #[error("the server is busy; please try again in a moment")]
    Busy,
    /// The detail stays in the server log; the browser only learns that something failed.
    #[error("something went wrong on our side; please try again")]
    Internal,
}

impl AppError {
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn status_code(&self) -> u16 {
        match self {
            Self::NotFound(_) => 404,
            Self::Unauthorized => 401,
            Self::Forbidden => 403,
            Self::SignInFailed => 401,
            Self::RateLimited { .. } => 429,
            Self::Validation { .. } => 422,
            Self::Conflict(_) => 409,
            Self::Busy => 503,
            Self::Internal => 500,
        }
    }

    /// Logs a server-side failure and hides its text from the caller.
    #[cfg(feature = "ssr")]
    pub fn internal(context: &str, error: impl std::fmt::Display) -> Self {
        let error = clipped_for_log(&error.to_string());
        tracing::error!(%error, "{context}");
        Self::Internal
    }
}

/// At most [`LOGGED_TEXT_LIMIT`] bytes of a text that may carry what a client sent (an error
/// naming a search pattern, an origin header): a log line never holds user input whole.
#[cfg(feature = "ssr")]
pub fn clipped_for_log(text: &str) -> String {
    if text.len() <= LOGGED_TEXT_LIMIT {
        return text.to_string();
    }
    let mut end = LOGGED_TEXT_LIMIT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &text[..end], text.len())
}

#[cfg(feature = "ssr")]
pub const LOGGED_TEXT_LIMIT: usize = 200;

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        let error = Self::from_transport(value);
        // Arguments that cannot be decoded never reach the function body, which would set the
        // status: set it here so that the answer is 422, not 500.
        #[cfg(feature = "ssr")]
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            if let Ok(status) = http::StatusCode::from_u16(error.status_code()) {
                response.set_status(status);
            }
        }
        error
    }
}

impl AppError {
    fn from_transport(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr;
        match value {
            ServerFnErrorErr::Args(message) => Self::validation("request", message),
            ServerFnErrorErr::MissingArg(name) => Self::validation(name, "is required"),
            other => {
                #[cfg(feature = "ssr")]
                tracing::warn!(
                    error = %clipped_for_log(&other.to_string()),
                    "server function transport error"
                );
                #[cfg(not(feature = "ssr"))]
                let _ = other;
                Self::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(error: sea_orm::DbErr) -> Self {
        if matches!(
            error.sql_err(),
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
        ) {
            tracing::info!(%error, "unique key violation");
            return Self::Conflict("that already exists".into());
        }
        Self::internal("database error", error)
    }
}

/// "40 seconds", "1 minute", "15 minutes": how long a rate-limited caller waits.
fn wait_text(seconds: i64) -> String {
    match seconds {
        ..=1 => "a second".to_string(),
        2..=59 => format!("{seconds} seconds"),
        60..=119 => "a minute".to_string(),
        _ => format!("{} minutes", (seconds + 59) / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_errors_name_the_field_in_their_message() {
        let error = AppError::validation("baseline_days", "must be between 7 and 90");
        assert_eq!(error.to_string(), "baseline_days: must be between 7 and 90");
        assert_eq!(error.status_code(), 422);
    }

    #[test]
    fn busy_is_503_and_says_to_try_again() {
        assert_eq!(AppError::Busy.status_code(), 503);
        assert!(AppError::Busy.to_string().contains("try again"));
    }

    #[test]
    fn internal_errors_do_not_leak_detail() {
        assert!(!AppError::Internal.to_string().contains("database"));
        assert_eq!(AppError::Internal.status_code(), 500);
    }
}
