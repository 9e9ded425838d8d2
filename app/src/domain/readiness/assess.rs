//! The readiness rules, as one pure function: a computed report, the pilot's champion and
//! training coverage and its thresholds in; the suggested verdict and its evidence out.
//!
//! Expand when all six components hold (and the primary metric has a comparison); stop and
//! rethink when the primary metric moved significantly the wrong way or a guardrail is
//! significantly worse; otherwise extend, listing what is missing.

use super::{
    components::{
        champion_coverage, component, manager_training, participation, pilot_figures, pitfalls,
    },
    shape::{Assessment, Component, ComponentKind, ComponentStatus, Verdict},
    thresholds::Thresholds,
};
use crate::domain::{
    metrics::Direction,
    report::{
        catalogue::MetricRole,
        headline,
        shape::{MetricReport, Report},
    },
};

/// A pilot team and whether a confirmed champion is in it or in its department.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamCover {
    pub team: String,
    pub covered: bool,
}

/// Managers of the pilot teams, and how many completed every required module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TrainingFacts {
    pub managers: i64,
    pub completed: i64,
}

/// Where each component's evidence lives in the product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sources {
    pub report: String,
    pub participation: String,
    pub champions: String,
    pub training: String,
}

impl Sources {
    pub fn for_pilot(pilot_id: i64) -> Self {
        Self {
            report: format!("/pilots/{pilot_id}/report"),
            participation: format!("/pilots/{pilot_id}/report#metric-participation"),
            // Champion and training coverage per pilot, for HR and executives alike.
            champions: "/coverage".into(),
            training: "/coverage".into(),
        }
    }
}

pub struct Facts<'a> {
    pub report: &'a Report,
    pub thresholds: Thresholds,
    /// One per pilot team.
    pub champions: &'a [TeamCover],
    pub training: TrainingFacts,
    pub sources: Sources,
}

/// How a metric moved against its better direction, at a significance level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Movement {
    Better,
    Worse,
    NotSignificant,
    /// No estimate or no p: nothing to judge.
    Unknown,
}

/// The estimate a verdict weighs (the difference in differences, else the pilot arm's paired
/// change) and the p or q it is judged by.
fn movement(metric: &MetricReport, significance: Option<f64>, level: f64) -> Movement {
    let estimate = match &metric.did {
        Some(did) => Some(did.estimate),
        None => pilot_figures(metric).and_then(|paired| paired.change),
    };
    let (Some(estimate), Some(p)) = (estimate, significance) else {
        return Movement::Unknown;
    };
    if p >= level || estimate == 0.0 {
        return Movement::NotSignificant;
    }
    let better = match metric.direction {
        Direction::HigherIsBetter => estimate > 0.0,
        Direction::LowerIsBetter => estimate < 0.0,
    };
    if better {
        Movement::Better
    } else {
        Movement::Worse
    }
}

fn guardrail_q(metric: &MetricReport) -> Option<f64> {
    match &metric.did {
        Some(did) => did.q_value,
        None => pilot_figures(metric).and_then(|paired| paired.q_value),
    }
}

struct Judged {
    component: Component,
    /// Reasons to stop, from this component.
    stop: Vec<String>,
    /// Missing pieces beyond "this component does not hold".
    also_missing: Vec<String>,
}

impl Judged {
    fn plain(component: Component) -> Self {
        Self {
            component,
            stop: Vec::new(),
            also_missing: Vec::new(),
        }
    }
}

fn primary(facts: &Facts<'_>) -> Judged {
    let level = facts.thresholds.primary_p;
    let threshold = format!("better direction, p < {level}");
    let kind = ComponentKind::PrimaryMetric;
    let Some(metric) = facts
        .report
        .metrics
        .iter()
        .find(|metric| metric.role == MetricRole::Primary)
    else {
        return Judged::plain(component(
            kind,
            ComponentStatus::Unknown,
            "The report has no primary metric.".into(),
            threshold,
            &facts.sources.report,
        ));
    };
    let source = format!("{}#metric-{}", facts.sources.report, metric.metric);
    let evidence = headline::answer(metric, facts.report.privacy_k);
    let (status, stop) = match movement(metric, metric.verdict_p(), level) {
        Movement::Better => (ComponentStatus::Holds, Vec::new()),
        Movement::Worse => (
            ComponentStatus::Fails,
            vec![format!(
                "{} moved significantly the wrong way (p < {level}).",
                metric.label
            )],
        ),
        Movement::NotSignificant => (ComponentStatus::Fails, Vec::new()),
        Movement::Unknown => (ComponentStatus::Unknown, Vec::new()),
    };
    let mut also_missing = Vec::new();
    if let Some(did) = &metric.did {
        if did.min_attainable_p >= level {
            also_missing.push(format!(
                "Too few teams to ever reach significance: with {} pilot and {} comparison \
                 teams the smallest possible p is {}, not below {level}. Add comparison or \
                 pilot teams.",
                facts.report.pilot.pilot_teams,
                facts.report.pilot.comparison_teams,
                headline::p_value(did.min_attainable_p)
            ));
        }
    }
    Judged {
        component: component(kind, status, evidence, threshold, &source),
        stop,
        also_missing,
    }
}

fn guardrails(facts: &Facts<'_>) -> Judged {
    let level = facts.thresholds.guardrail_q;
    let threshold = format!("none worse with q < {level}");
    let guarded: Vec<&MetricReport> = facts
        .report
        .metrics
        .iter()
        .filter(|metric| metric.role == MetricRole::Guardrail)
        .collect();
    let mut worse = Vec::new();
    let mut untested = Vec::new();
    for metric in &guarded {
        match movement(metric, guardrail_q(metric), level) {
            Movement::Worse => worse.push(metric.label.clone()),
            Movement::Unknown => untested.push(metric.label.clone()),
            Movement::Better | Movement::NotSignificant => {}
        }
    }
    let (status, evidence) = if guarded.is_empty() {
        (
            ComponentStatus::Holds,
            "The protocol names no guardrail metric.".to_string(),
        )
    } else if !worse.is_empty() {
        (
            ComponentStatus::Fails,
            format!("Significantly worse: {}.", worse.join(", ")),
        )
    } else {
        let mut text = format!(
            "None of {} guardrail metrics got significantly worse.",
            guarded.len()
        );
        if !untested.is_empty() {
            text.push_str(&format!(
                " Without a q-value (too few people or teams to test): {}.",
                untested.join(", ")
            ));
        }
        (ComponentStatus::Holds, text)
    };
    let stop = worse
        .iter()
        .map(|label| format!("Guardrail {label} is significantly worse (q < {level})."))
        .collect();
    Judged {
        component: component(
            ComponentKind::Guardrails,
            status,
            evidence,
            threshold,
            &facts.sources.report,
        ),
        stop,
        also_missing: Vec::new(),
    }
}

/// The suggested verdict, its components and what stands between the pilot and "expand".
pub fn assess(facts: &Facts<'_>) -> Assessment {
    let primary = primary(facts);
    let guardrails = guardrails(facts);
    let observational = facts
        .report
        .metrics
        .iter()
        .find(|metric| metric.role == MetricRole::Primary)
        .is_none_or(|metric| metric.observational);
    let components = vec![
        primary.component,
        guardrails.component,
        participation(facts),
        champion_coverage(facts),
        manager_training(facts),
        pitfalls(facts),
    ];
    let stop_reasons: Vec<String> = primary.stop.into_iter().chain(guardrails.stop).collect();
    let mut missing: Vec<String> = components
        .iter()
        .filter(|component| component.status != ComponentStatus::Holds)
        .map(|component| format!("{}: {}", component.kind.label(), component.evidence))
        .collect();
    missing.extend(primary.also_missing);
    if observational {
        missing.push(
            "No comparison: the primary metric lacks 2 kept teams with figures in each arm, so \
             its change cannot be told apart from what would have happened anyway. The \
             verdict is at most \"extend\"."
                .into(),
        );
    }
    let verdict = if facts.report.interim {
        None
    } else if !stop_reasons.is_empty() {
        Some(Verdict::StopAndRethink)
    } else if missing.is_empty() {
        Some(Verdict::Expand)
    } else {
        Some(Verdict::Extend)
    };
    if verdict == Some(Verdict::Expand) {
        missing.clear();
    }
    Assessment {
        verdict,
        components,
        missing,
        stop_reasons,
        observational,
    }
}
