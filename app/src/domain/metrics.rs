//! The metric catalogue: what a pilot can name as its primary metric or a guardrail.

use serde::{Deserialize, Serialize};

use super::ParseError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    MeetingLoad,
    AsyncableShare,
    ResponseExpectationGap,
    DecisionVelocity,
    DocumentedDecisions,
    EnergyPattern,
    DeepWorkProtectionRate,
    ContributionQualityIndex,
    CulturalAlignmentScore,
    SatisfactionAndBurnout,
    Participation,
}

/// Whether a rise is good news; on the wire as in METHOD.md section 8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::HigherIsBetter => "higher_is_better",
            Self::LowerIsBetter => "lower_is_better",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::HigherIsBetter, Self::LowerIsBetter]
            .into_iter()
            .find(|direction| direction.as_str() == value)
    }

    /// +1 when a rise is good news, −1 when a fall is.
    pub fn sign(self) -> f64 {
        match self {
            Self::HigherIsBetter => 1.0,
            Self::LowerIsBetter => -1.0,
        }
    }
}

impl Metric {
    pub const ALL: [Metric; 11] = [
        Self::MeetingLoad,
        Self::AsyncableShare,
        Self::ResponseExpectationGap,
        Self::DecisionVelocity,
        Self::DocumentedDecisions,
        Self::EnergyPattern,
        Self::DeepWorkProtectionRate,
        Self::ContributionQualityIndex,
        Self::CulturalAlignmentScore,
        Self::SatisfactionAndBurnout,
        Self::Participation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::MeetingLoad => "meeting_load",
            Self::AsyncableShare => "asyncable_share",
            Self::ResponseExpectationGap => "response_expectation_gap",
            Self::DecisionVelocity => "decision_velocity",
            Self::DocumentedDecisions => "documented_decisions",
            Self::EnergyPattern => "energy_pattern",
            Self::DeepWorkProtectionRate => "deep_work_protection_rate",
            Self::ContributionQualityIndex => "contribution_quality_index",
            Self::CulturalAlignmentScore => "cultural_alignment_score",
            Self::SatisfactionAndBurnout => "satisfaction_and_burnout",
            Self::Participation => "participation",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::MeetingLoad => "Meeting load",
            Self::AsyncableShare => "Async-able share",
            Self::ResponseExpectationGap => "Response-expectation gap",
            Self::DecisionVelocity => "Decision velocity",
            Self::DocumentedDecisions => "Documented decisions",
            Self::EnergyPattern => "Energy pattern",
            Self::DeepWorkProtectionRate => "Deep Work Protection Rate",
            Self::ContributionQualityIndex => "Contribution Quality Index",
            Self::CulturalAlignmentScore => "Cultural Alignment Score",
            Self::SatisfactionAndBurnout => "Satisfaction and burnout",
            Self::Participation => "Participation",
        }
    }

    pub fn unit(self) -> &'static str {
        match self {
            Self::MeetingLoad => "meeting hours per person per week",
            Self::AsyncableShare | Self::DocumentedDecisions | Self::Participation => "share (0–1)",
            Self::ResponseExpectationGap => "hours (stated − felt)",
            Self::DecisionVelocity => "median hours from raised to decided",
            Self::EnergyPattern => "energy 1–5",
            Self::DeepWorkProtectionRate => "focus hours achieved ÷ planned",
            Self::ContributionQualityIndex | Self::CulturalAlignmentScore => "score 0–100",
            Self::SatisfactionAndBurnout => "satisfaction 0–10",
        }
    }

    pub fn direction(self) -> Direction {
        match self {
            Self::MeetingLoad
            | Self::AsyncableShare
            | Self::ResponseExpectationGap
            | Self::DecisionVelocity => Direction::LowerIsBetter,
            _ => Direction::HigherIsBetter,
        }
    }

    pub fn parse(value: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|metric| metric.as_str() == value.trim())
            .ok_or_else(|| {
                ParseError::new(
                    "metric",
                    format!("'{}' is not a metric in the catalogue", value.trim()),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metric_round_trips_and_has_a_unit() {
        for metric in Metric::ALL {
            assert_eq!(Metric::parse(metric.as_str()), Ok(metric));
            assert!(!metric.unit().is_empty());
        }
    }

    #[test]
    fn fewer_meetings_and_faster_decisions_count_as_better() {
        assert_eq!(Metric::MeetingLoad.direction(), Direction::LowerIsBetter);
        assert_eq!(
            Metric::DecisionVelocity.direction(),
            Direction::LowerIsBetter
        );
        assert_eq!(
            Metric::DeepWorkProtectionRate.direction(),
            Direction::HigherIsBetter
        );
    }
}
