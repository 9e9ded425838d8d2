//! Errors as the API answers them: the status of the `AppError` and a JSON body naming it.

use app::error::AppError;
use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde::Serialize;
use utoipa::ToSchema;

/// The body of every error answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// What went wrong, in words fit to show a person.
    pub error: String,
    /// The input at fault, for validation errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

#[derive(Debug)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        Self(error)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let field = match &self.0 {
            AppError::Validation { field, .. } => Some(field.clone()),
            _ => None,
        };
        let body = ErrorBody {
            error: self.0.to_string(),
            field,
        };
        let mut response = (status, Json(body)).into_response();
        if let AppError::RateLimited { seconds } = self.0 {
            // Clients that retry on their own wait as long as the limit says.
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, seconds.into());
        }
        response
    }
}

/// The refusals every handler for signed-in callers may answer, described once: list it in a
/// handler's `responses(...)` beside its own statuses, e.g. `responses((status = 200, body =
/// X), Refusals)`.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // describes answers; `ApiError` builds them
pub enum Refusals {
    /// No valid session or token.
    #[response(status = 401)]
    Unauthorized(ErrorBody),
    /// The caller's role does not allow this, or a read-only token asked for a change.
    #[response(status = 403)]
    Forbidden(ErrorBody),
}
