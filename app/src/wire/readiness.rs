//! Rollout readiness as pages and the API read it: one pilot's verdict with its evidence, the
//! portfolio of every pilot, decisions and the next wave.

use serde::{Deserialize, Serialize};

use crate::domain::pilot::Decision;
pub use crate::domain::readiness::{
    portfolio::{DecisionRecord, OrganisationPicture, PilotReadiness, Portfolio, PrimaryEffect},
    shape::{Assessment, Component, ComponentKind, ComponentStatus, Verdict},
    thresholds::{Thresholds, ThresholdsInput},
    wave::{WavePlan, WaveTeam},
};

/// HR records a decision; the rationale is required when it differs from the suggestion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DecisionInput {
    pub decision: Decision,
    #[serde(default)]
    pub rationale: String,
}

/// An "extend" starts a new follow-up window of this many days, from the next Monday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ExtensionInput {
    pub follow_up_days: i64,
}

/// The next wave as a draft pilot: these pilot teams and comparison teams.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NextWaveInput {
    pub pilot_team_ids: Vec<i64>,
    #[serde(default)]
    pub comparison_team_ids: Vec<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CreatedPilot {
    pub pilot_id: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Volunteering {
    pub volunteered: bool,
}
