//! Participation on the wire: per phase, per team (for those who run pilots) and per arm, counts
//! and rates only, never a person.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::domain::{
    capture::{
        participation::{ArmPhaseParticipation, PhaseParticipation},
        pulse::PulsePhase,
    },
    pilot::Arm,
};

/// A pilot's participation in its baseline and its follow-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PilotParticipation {
    pub pilot_id: i64,
    pub privacy_k: i32,
    /// False until the baseline starts: the frozen membership everything is counted over does
    /// not exist yet, so every figure is empty.
    pub membership_frozen: bool,
    /// The share under which a team is flagged (0.6).
    pub flag_below: f64,
    pub phases: Vec<PhaseReport>,
}

/// One phase: its window, the days counted so far, per team and per arm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PhaseReport {
    pub phase: PulsePhase,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// The last day counted: the window's last day, or today while it runs; null before it
    /// starts.
    pub counted_until: Option<NaiveDate>,
    /// Per team, for those who run pilots; empty for executives, who see arms.
    pub teams: Vec<TeamPhase>,
    pub arms: Vec<ArmPhaseParticipation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamPhase {
    pub team_id: i64,
    pub team: String,
    pub arm: Arm,
    pub participation: PhaseParticipation,
}
