//! Wire types of pilots and enrollment, shared by pages, the API and the command line.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Pilot teams change how they work; comparison teams carry on, for the difference-in-differences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Arm {
    Pilot,
    Comparison,
}

impl Arm {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pilot => "pilot",
            Self::Comparison => "comparison",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Pilot => "Pilot team",
            Self::Comparison => "Comparison team",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value.trim() {
            "pilot" => Some(Self::Pilot),
            "comparison" => Some(Self::Comparison),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PilotSummary {
    pub id: i64,
    pub name: String,
    pub stage: String,
    pub stage_label: String,
    pub primary_metric: String,
    pub baseline_start: NaiveDate,
    pub pilot_teams: i64,
    pub comparison_teams: i64,
}

/// Participation of one team: counts only, never who.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamParticipation {
    pub pilot_team_id: i64,
    pub team_id: i64,
    pub team: String,
    pub department: String,
    pub arm: Arm,
    pub volunteered: bool,
    /// Members invited: the frozen membership once the baseline started, the current one before.
    pub members: i64,
    pub enrolled: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PilotDetail {
    pub id: i64,
    pub name: String,
    pub hypothesis: String,
    pub primary_metric: String,
    pub guardrail_metrics: Vec<String>,
    pub baseline_start: NaiveDate,
    pub baseline_days: i32,
    pub intervention_days: i32,
    pub follow_up_days: i32,
    pub privacy_k: i32,
    pub stage: String,
    pub stage_label: String,
    pub next_stage: Option<String>,
    pub decision: Option<String>,
    pub protocol_locked_at: Option<DateTime<Utc>>,
    pub teams: Vec<TeamParticipation>,
}

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
}
