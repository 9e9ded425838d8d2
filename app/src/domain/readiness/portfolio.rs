//! A pilot's readiness and the portfolio of every pilot, as the API, the CSV export and the
//! pages read them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{
    shape::{Assessment, Verdict},
    thresholds::Thresholds,
    wave::WavePlan,
};
use crate::domain::{
    metrics::Direction,
    pilot::{Decision, PilotStage},
};

/// The primary metric's effect, for a small interval chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PrimaryEffect {
    pub metric: String,
    pub label: String,
    pub unit: String,
    pub direction: Direction,
    /// The difference in differences, or the pilot arm's change when observational.
    pub estimate: f64,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub p: Option<f64>,
    pub observational: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DecisionRecord {
    pub decision: Decision,
    /// The verdict the evidence suggested when the decision was recorded.
    pub suggested: Option<Verdict>,
    pub rationale: String,
    pub decided_at: DateTime<Utc>,
}

/// One pilot's readiness.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PilotReadiness {
    pub pilot_id: i64,
    pub name: String,
    pub hypothesis: String,
    pub stage: PilotStage,
    /// "Day 12 of 30 of the baseline" while the pilot runs; null once its follow-up ended.
    pub progress: Option<String>,
    pub thresholds: Thresholds,
    /// The thresholds locked with the protocol when the baseline started.
    pub thresholds_locked: bool,
    /// Null for a draft (nothing measured yet).
    pub assessment: Option<Assessment>,
    pub primary_effect: Option<PrimaryEffect>,
    /// The pilot arm's mean participation (0–1) in each window, when above the threshold k.
    pub participation_baseline: Option<f64>,
    pub participation_follow_up: Option<f64>,
    /// Share (0–1) of pilot teams with a champion in the team or department.
    pub champion_coverage: Option<f64>,
    /// Share (0–1) of pilot-team managers who completed every required module.
    pub training_coverage: Option<f64>,
    /// Latest first.
    pub decisions: Vec<DecisionRecord>,
    pub decision: Option<Decision>,
    /// The next wave, once the pilot is decided "expand".
    pub next_wave: Option<WavePlan>,
}

/// The organisation-wide picture under the portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrganisationPicture {
    pub teams: i64,
    /// Teams in a pilot arm of a pilot past its draft.
    pub teams_piloted: i64,
    /// Pilot teams of pilots decided "expand".
    pub teams_adopted: i64,
    pub departments: i64,
    /// Departments with a piloted team.
    pub departments_covered: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Portfolio {
    pub pilots: Vec<PilotReadiness>,
    pub organisation: OrganisationPicture,
    pub as_of: NaiveDate,
}
