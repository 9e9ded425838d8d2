//! Pilots: the protocol, the measurement windows, the lifecycle, which teams take part and how,
//! and what participation figures mean.

pub mod enrollment_link;
pub mod lifecycle;
pub mod participation;
pub mod plan;
pub mod protocol;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use lifecycle::{catch_up, check_transition, PilotFacts, PilotStage};
pub use participation::{
    arm_participation, consent_rate, consent_rate_label, sees_each_team, ArmParticipation,
    Participation, TeamCounts,
};
pub use protocol::{Protocol, ProtocolDraft, ProtocolInput, DEFAULT_PRIVACY_K, MIN_PRIVACY_K};

use super::ParseError;

/// Pilot teams change how they work; comparison teams carry on, for the difference-in-differences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

/// Whether a team may join a pilot in `arm`: a pilot team changes how its members work, so it
/// must have asked to.
pub fn check_team(arm: Arm, volunteered: bool) -> Result<(), ParseError> {
    if arm == Arm::Pilot && !volunteered {
        return Err(ParseError::new(
            "volunteered",
            "a pilot team must have volunteered: record that it did, or add it as a comparison team",
        ));
    }
    Ok(())
}

/// How a pilot ends its review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Expand,
    Extend,
    Stop,
}

impl Decision {
    pub const ALL: [Decision; 3] = [Self::Expand, Self::Extend, Self::Stop];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Expand => "expand",
            Self::Extend => "extend",
            Self::Stop => "stop",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value.trim() {
            "expand" => Some(Self::Expand),
            "extend" => Some(Self::Extend),
            "stop" => Some(Self::Stop),
            _ => None,
        }
    }
}

/// A stored pilot: its protocol and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pilot {
    pub id: i64,
    pub protocol: Protocol,
    pub stage: PilotStage,
    pub decision: Option<Decision>,
    /// Set when the baseline started: the protocol and the teams are fixed from then on.
    pub protocol_locked_at: Option<DateTime<Utc>>,
}

impl Pilot {
    pub fn is_locked(&self) -> bool {
        self.protocol_locked_at.is_some()
    }

    /// Members may still join: a decided or closed pilot takes no more consent.
    pub fn is_open_for_consent(&self) -> bool {
        !matches!(self.stage, PilotStage::Decided | PilotStage::Closed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pilot_team_must_have_volunteered_but_a_comparison_team_need_not() {
        assert_eq!(
            check_team(Arm::Pilot, false).expect_err("unwilling").field,
            "volunteered"
        );
        assert!(check_team(Arm::Pilot, true).is_ok());
        assert!(check_team(Arm::Comparison, false).is_ok());
    }
}
