//! Pure rules of the product: no Leptos, no database; compiled for the browser and the server.

pub mod access;
pub mod account;
pub mod audit;
pub mod caller;
pub mod capture;
pub mod champions;
pub mod export;
pub mod jobs;
pub mod mail;
pub mod meeting;
pub mod metrics;
pub mod org;
pub mod personal_data;
pub mod pilot;
pub mod readiness;
pub mod report;
pub mod retention;
pub mod roster;
pub mod search;
pub mod stats;

#[cfg(test)]
mod fuzz_tests;

/// The highest page number a list answers; beyond it every page is empty anyway, and clamping
/// keeps `page * per_page` (and the pager's next page) far from overflowing.
pub const MAX_PAGE: u64 = 1_000_000;

/// `page` (zero-based), clamped to [`MAX_PAGE`].
pub fn clamp_page(page: u64) -> u64 {
    page.min(MAX_PAGE)
}

/// A page number as lists that take a signed one receive it: missing or negative is the first
/// page, and no more than [`MAX_PAGE`].
pub fn signed_page(page: Option<i64>) -> i64 {
    i64::try_from(clamp_page(page.unwrap_or(0).max(0).unsigned_abs())).unwrap_or(0)
}

/// Why a piece of user input was refused, naming the input it came from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ParseError {
    pub field: &'static str,
    pub message: String,
}

impl ParseError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

impl From<ParseError> for crate::error::AppError {
    fn from(error: ParseError) -> Self {
        Self::validation(error.field, error.message)
    }
}
