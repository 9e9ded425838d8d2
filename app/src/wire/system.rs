//! Facts about the running instance.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InstanceStatus {
    pub version: String,
    pub database: String,
    pub schema_migrations: i64,
    pub people: i64,
}

/// How long entries of closed pilots are kept, and what that means today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RetentionSetting {
    /// Whole months, 1 to 120 (24 until an admin changes it).
    pub months: u32,
    /// Entries of closed pilots dated before this day are deleted by the daily job.
    pub first_kept_day: chrono::NaiveDate,
    /// The last day the job ran, if it ever did.
    pub last_run_on: Option<chrono::NaiveDate>,
}

/// A new retention period, in whole months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RetentionInput {
    pub months: i64,
}
