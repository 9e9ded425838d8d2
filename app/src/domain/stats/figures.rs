//! What the statistics produce, as reports carry them. Every figure that can be undefined is an
//! `Option` (null in JSON), never a 0 or NaN standing in for "not defined".

use serde::{Deserialize, Serialize};

/// Mean, median and sample standard deviation of one phase's values.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Summary {
    pub mean: Option<f64>,
    pub median: Option<f64>,
    /// Null with fewer than two values.
    pub sd: Option<f64>,
}

impl Summary {
    pub const EMPTY: Summary = Summary {
        mean: None,
        median: None,
        sd: None,
    };
}

/// A group's before and after over its paired people (METHOD.md section 4).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Paired {
    pub n: i64,
    pub baseline: Summary,
    pub follow_up: Summary,
    /// Mean of follow-up minus baseline.
    pub change: Option<f64>,
    /// `change` ÷ baseline mean; null when that mean is 0.
    pub relative_change: Option<f64>,
    pub se: Option<f64>,
    pub t: Option<f64>,
    pub df: Option<f64>,
    /// Two-sided.
    pub p: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub hedges_g: Option<f64>,
    /// Benjamini–Hochberg, only on the pilot arm of an observational guardrail.
    pub q_value: Option<f64>,
}

/// Pilot teams' mean change minus comparison teams' (METHOD.md section 5).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DifferenceInDifferences {
    pub estimate: f64,
    /// Welch's standard error; shown even when it is 0.
    pub se: f64,
    pub t: Option<f64>,
    /// Welch–Satterthwaite degrees of freedom.
    pub df: Option<f64>,
    pub p_welch: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Exact over every relabelling; null when there are more than
    /// [`MAX_EXACT_PERMUTATIONS`](crate::domain::stats::figures::MAX_EXACT_PERMUTATIONS).
    pub p_permutation: Option<f64>,
    /// How many relabellings of the teams keep the arm sizes.
    pub permutations: f64,
    pub min_attainable_p: f64,
    /// Smallest effect this design detects 80 % of the time.
    pub mde80: Option<f64>,
    /// `p_permutation` when there is one, else `p_welch`.
    pub p: Option<f64>,
    /// Benjamini–Hochberg, guardrails only.
    pub q_value: Option<f64>,
}

/// Beyond this many relabellings the permutation test is not run (its p is null).
pub const MAX_EXACT_PERMUTATIONS: f64 = 200_000.0;
