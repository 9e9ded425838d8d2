//! A pilot's report as it leaves the server (METHOD.md section 8): the JSON API, the CSV, the
//! page and the command line all read this one shape.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::catalogue::MetricRole;
use crate::domain::{
    metrics::Direction,
    pilot::Arm,
    stats::figures::{DifferenceInDifferences, Paired},
};

/// Baseline or follow-up: the two phases a report compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Baseline,
    FollowUp,
}

impl Phase {
    pub const BOTH: [Phase; 2] = [Phase::Baseline, Phase::FollowUp];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Baseline => "baseline",
            Self::FollowUp => "follow_up",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Baseline => "Baseline",
            Self::FollowUp => "Follow-up",
        }
    }
}

/// A group left out under the privacy rule; the reason says only "fewer than k people".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LeftOut {
    pub left_out: bool,
    pub reason: String,
}

impl LeftOut {
    pub fn fewer_than(k: i32) -> Self {
        Self {
            left_out: true,
            reason: format!("fewer than {k} people"),
        }
    }
}

/// A group's figures, or why there are none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(untagged)]
// A report holds a few hundred of these, built once: boxing the figures would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum GroupFigures {
    LeftOut(LeftOut),
    Figures(Paired),
}

impl GroupFigures {
    pub fn figures(&self) -> Option<&Paired> {
        match self {
            Self::Figures(paired) => Some(paired),
            Self::LeftOut(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Arms {
    /// Null when the pilot has no team in the arm.
    pub pilot: Option<GroupFigures>,
    pub comparison: Option<GroupFigures>,
}

impl Arms {
    pub fn of(&self, arm: Arm) -> Option<&GroupFigures> {
        match arm {
            Arm::Pilot => self.pilot.as_ref(),
            Arm::Comparison => self.comparison.as_ref(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamFigures {
    pub team_id: i64,
    pub team: String,
    pub arm: Arm,
    #[serde(flatten)]
    pub figures: GroupFigures,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MetricReport {
    /// `meeting_load`, …, `custom:<key>`.
    pub metric: String,
    pub label: String,
    pub unit: String,
    pub role: MetricRole,
    pub direction: Direction,
    /// True when there is no difference in differences: the pilot arm's before/after is all.
    pub observational: bool,
    pub arms: Arms,
    pub teams: Vec<TeamFigures>,
    pub did: Option<DifferenceInDifferences>,
}

impl MetricReport {
    /// The p a verdict uses: the difference in differences', else the pilot arm's paired p.
    pub fn verdict_p(&self) -> Option<f64> {
        match &self.did {
            Some(did) => did.p,
            None => self
                .arms
                .pilot
                .as_ref()
                .and_then(GroupFigures::figures)
                .and_then(|paired| paired.p),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HeatmapCell {
    /// `mon` … `sun`.
    pub weekday: String,
    /// `morning`, `afternoon` or `evening`.
    pub part_of_day: String,
    pub mean: f64,
    /// People with entries in the cell (at least *k*).
    pub n: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HeatmapPanel {
    pub arm: Arm,
    pub phase: Phase,
    pub cells: Vec<HeatmapCell>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Window {
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Windows {
    pub baseline: Window,
    pub intervention: Window,
    pub follow_up: Window,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReportPilot {
    pub id: i64,
    pub name: String,
    pub hypothesis: String,
    pub primary_metric: String,
    pub guardrail_metrics: Vec<String>,
    pub stage: String,
    /// Pilot and comparison teams in the pilot.
    pub pilot_teams: i64,
    pub comparison_teams: i64,
}

/// One week of a trend line: the arm's mean over people with a value that week (kept teams
/// only); a week with fewer than *k* people is absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TrendPoint {
    pub week_start: NaiveDate,
    pub mean: f64,
    pub n: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Trend {
    pub metric: String,
    pub arm: Arm,
    pub points: Vec<TrendPoint>,
}

/// The method's three pitfalls, per pilot team of at least *k* people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PitfallKind {
    AsyncTheater,
    DocumentationExcuse,
    EquityIllusion,
}

impl PitfallKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::AsyncTheater => "Async theater",
            Self::DocumentationExcuse => "Documentation excuse",
            Self::EquityIllusion => "Equity illusion",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Pitfall {
    pub team_id: i64,
    pub team: String,
    pub kind: PitfallKind,
    /// What the detector saw, in numbers.
    pub saw: String,
    /// What the method suggests doing about it.
    pub suggestion: String,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Report {
    pub pilot: ReportPilot,
    pub privacy_k: i32,
    pub windows: Windows,
    /// The follow-up has not ended: looking now inflates false positives; do not decide on it.
    pub interim: bool,
    pub metrics: Vec<MetricReport>,
    pub energy_heatmap: Vec<HeatmapPanel>,
    /// Weekly means per arm over the whole pilot, per person metric.
    pub trends: Vec<Trend>,
    /// Pitfalls seen on pilot teams (teams of at least *k* only).
    pub pitfalls: Vec<Pitfall>,
}
