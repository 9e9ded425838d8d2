//! Decision logs on the wire: a team's log (titles for its members, only counts and medians for
//! HR when the team is under the privacy threshold), a new decision, marking one decided.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One decision of a team's log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DecisionView {
    pub id: i64,
    pub title: String,
    /// A built-in key (`hiring`, `budget`, `product`, `operations`, `other`) or one HR defined.
    pub process_type: String,
    pub process_label: String,
    pub raised_at: DateTime<Utc>,
    /// None while the decision is open.
    pub decided_at: Option<DateTime<Utc>>,
    /// Hours from raised to decided, when decided.
    pub hours_to_decide: Option<f64>,
    pub documented: bool,
    /// The link or text where it is written down.
    pub documentation: Option<String>,
    /// `form` or `import`.
    pub source: String,
}

/// What anyone who may read the log sees, whatever the team's size: counts and the median.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DecisionSummary {
    pub total: i64,
    pub open: i64,
    pub decided: i64,
    pub documented: i64,
    /// Median hours from raised to decided over the decided ones (none decided: null).
    pub median_hours_to_decide: Option<f64>,
}

/// A team's decision log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamDecisions {
    pub team_id: i64,
    pub team: String,
    /// The team's time zone: times typed in the page's form without an offset are read in it.
    pub time_zone: String,
    pub summary: DecisionSummary,
    /// Newest raised first; null when the caller may see only the summary.
    pub decisions: Option<Vec<DecisionView>>,
    /// Why the titles are withheld: "fewer than k people" with k's value.
    pub withheld: Option<String>,
    /// Whether the caller may log decisions and mark them decided (the team's members).
    pub can_log: bool,
}

/// A decision to log, as the page's form or the API sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DecisionInput {
    /// 1 to 200 characters.
    pub title: String,
    pub process_type: String,
    /// ISO 8601. In the API a time without an offset is UTC and a bare date 12:00 UTC; in the
    /// page's form, wall-clock time in the team's time zone.
    pub raised_at: String,
    /// Empty or absent while the decision is open; never before `raised_at`.
    #[serde(default)]
    pub decided_at: Option<String>,
    /// A link or text where it is written down; empty or absent: not documented.
    #[serde(default)]
    pub documentation: Option<String>,
}

/// Marking an open decision decided.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DecisionDecided {
    /// ISO 8601, as for [`DecisionInput::raised_at`]; never before the decision was raised.
    pub decided_at: String,
    /// When present, replaces where it is written down (empty: not documented).
    #[serde(default)]
    pub documentation: Option<String>,
}
