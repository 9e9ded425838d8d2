//! A pilot's report as its page reads it: the report (METHOD.md section 8) and what the reader
//! may do with it.

use serde::{Deserialize, Serialize};

pub use crate::domain::report::shape::Report;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportPage {
    pub report: Report,
    /// HR has published it to the pilot's participants and managers.
    pub published: bool,
    /// The reader may publish or withdraw it (HR, from review on).
    pub may_publish: bool,
    /// The reader sees only their own teams' rows (a participant or manager).
    pub own_teams_only: bool,
}

/// Publish or withdraw a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Publication {
    pub published: bool,
}
