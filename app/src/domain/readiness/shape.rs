//! A pilot's readiness as it leaves the server: the suggested verdict and the six components it
//! rests on, each with its evidence and the bar it was held to.

use serde::{Deserialize, Serialize};

use crate::domain::pilot::Decision;

/// What the evidence suggests doing with the pilot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Expand,
    Extend,
    StopAndRethink,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Self::Expand => "Expand",
            Self::Extend => "Extend",
            Self::StopAndRethink => "Stop and rethink",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Expand => "expand",
            Self::Extend => "extend",
            Self::StopAndRethink => "stop_and_rethink",
        }
    }

    /// The decision that follows the verdict as it stands.
    pub fn decision(self) -> Decision {
        match self {
            Self::Expand => Decision::Expand,
            Self::Extend => Decision::Extend,
            Self::StopAndRethink => Decision::Stop,
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "expand" => Some(Self::Expand),
            "extend" => Some(Self::Extend),
            "stop_and_rethink" => Some(Self::StopAndRethink),
            _ => None,
        }
    }
}

/// The six things a verdict weighs, in the order pages list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ComponentKind {
    PrimaryMetric,
    Guardrails,
    Participation,
    ChampionCoverage,
    ManagerTraining,
    Pitfalls,
}

impl ComponentKind {
    pub const ALL: [ComponentKind; 6] = [
        Self::PrimaryMetric,
        Self::Guardrails,
        Self::Participation,
        Self::ChampionCoverage,
        Self::ManagerTraining,
        Self::Pitfalls,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::PrimaryMetric => "Primary metric improved",
            Self::Guardrails => "No guardrail significantly worse",
            Self::Participation => "Participation in both windows",
            Self::ChampionCoverage => "A champion near every pilot team",
            Self::ManagerTraining => "Managers trained",
            Self::Pitfalls => "No open pitfall",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::PrimaryMetric => "primary_metric",
            Self::Guardrails => "guardrails",
            Self::Participation => "participation",
            Self::ChampionCoverage => "champion_coverage",
            Self::ManagerTraining => "manager_training",
            Self::Pitfalls => "pitfalls",
        }
    }
}

/// Whether a component holds. `Unknown` means there is nothing to judge it on yet (a group
/// under the privacy threshold, no manager on record): it never counts as holding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ComponentStatus {
    Holds,
    Fails,
    Unknown,
}

impl ComponentStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Holds => "Holds",
            Self::Fails => "Does not hold",
            Self::Unknown => "Not known yet",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Component {
    pub kind: ComponentKind,
    pub status: ComponentStatus,
    /// What the numbers say, in a sentence.
    pub evidence: String,
    /// The bar, as people read it ("p < 0.05", "≥ 60 %").
    pub threshold: String,
    /// Where the evidence comes from (a page of the product).
    pub source: String,
}

/// The suggested verdict and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Assessment {
    /// Null until the follow-up window has ended: the components then show where things stand.
    pub verdict: Option<Verdict>,
    pub components: Vec<Component>,
    /// Why the verdict is not "expand" (empty when it is).
    pub missing: Vec<String>,
    /// Why the verdict is "stop and rethink" (empty otherwise).
    pub stop_reasons: Vec<String>,
    /// True when the primary metric has no comparison: the verdict is then at most "extend".
    pub observational: bool,
}
