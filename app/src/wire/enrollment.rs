//! Enrollment on the wire: what a member reads before consenting, and the pilots they joined.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use crate::domain::pilot::Arm;

/// What a member sees before consenting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct JoinInfo {
    pub pilot: String,
    pub hypothesis: String,
    pub team: String,
    pub arm: Arm,
    pub privacy_k: i32,
    pub baseline_start: NaiveDate,
    pub already_enrolled: bool,
}

/// A pilot the caller is enrolled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MyEnrollment {
    pub pilot_id: i64,
    pub pilot: String,
    pub team: String,
    pub consented_at: DateTime<Utc>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    /// HR has published the pilot's report to its teams (from review on).
    #[serde(default)]
    pub report_published: bool,
}
