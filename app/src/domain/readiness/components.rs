//! The four components that read coverage and counts rather than test statistics:
//! participation, champion coverage, manager training and pitfalls. Each holds, fails, or is not
//! known yet, with its evidence in a sentence.

use super::{
    assess::{Facts, TrainingFacts},
    shape::{Component, ComponentKind, ComponentStatus},
};
use crate::domain::report::shape::{GroupFigures, MetricReport};

pub(super) fn component(
    kind: ComponentKind,
    status: ComponentStatus,
    evidence: String,
    threshold: String,
    source: &str,
) -> Component {
    Component {
        kind,
        status,
        evidence,
        threshold,
        source: source.to_string(),
    }
}

pub(super) fn pilot_figures(
    metric: &MetricReport,
) -> Option<&crate::domain::stats::figures::Paired> {
    metric.arms.pilot.as_ref().and_then(GroupFigures::figures)
}

pub(super) fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

pub(super) fn participation(facts: &Facts<'_>) -> Component {
    let bar = facts.thresholds.participation;
    let threshold = format!("≥ {} in both windows", percent(bar));
    let metric = facts
        .report
        .metrics
        .iter()
        .find(|metric| metric.metric == "participation");
    let figures = metric.and_then(pilot_figures);
    let (status, evidence) = match figures.map(|paired| (paired.baseline.mean, paired.follow_up.mean)) {
        Some((Some(baseline), Some(follow_up))) => {
            let holds = baseline >= bar && follow_up >= bar;
            (
                if holds {
                    ComponentStatus::Holds
                } else {
                    ComponentStatus::Fails
                },
                format!(
                    "Pilot teams took part on {} of their working days in the baseline and {} in the follow-up.",
                    percent(baseline),
                    percent(follow_up)
                ),
            )
        }
        _ => (
            ComponentStatus::Unknown,
            format!(
                "No participation figure for the pilot teams: fewer than {} people took part in both windows.",
                facts.report.privacy_k
            ),
        ),
    };
    component(
        ComponentKind::Participation,
        status,
        evidence,
        threshold,
        &facts.sources.participation,
    )
}

pub(super) fn champion_coverage(facts: &Facts<'_>) -> Component {
    let threshold = "every pilot team".to_string();
    let uncovered: Vec<&str> = facts
        .champions
        .iter()
        .filter(|team| !team.covered)
        .map(|team| team.team.as_str())
        .collect();
    let (status, evidence) = if facts.champions.is_empty() {
        (
            ComponentStatus::Unknown,
            "The pilot has no pilot teams.".to_string(),
        )
    } else if uncovered.is_empty() {
        (
            ComponentStatus::Holds,
            format!(
                "All {} pilot teams have a confirmed champion in the team or its department.",
                facts.champions.len()
            ),
        )
    } else {
        (
            ComponentStatus::Fails,
            format!(
                "{} of {} pilot teams have a champion in the team or department; none near: {}.",
                facts.champions.len() - uncovered.len(),
                facts.champions.len(),
                uncovered.join(", ")
            ),
        )
    };
    component(
        ComponentKind::ChampionCoverage,
        status,
        evidence,
        threshold,
        &facts.sources.champions,
    )
}

pub(super) fn manager_training(facts: &Facts<'_>) -> Component {
    let bar = facts.thresholds.training;
    let threshold = format!("≥ {} of pilot-team managers", percent(bar));
    let TrainingFacts {
        managers,
        completed,
    } = facts.training;
    let (status, evidence) = if managers == 0 {
        (
            ComponentStatus::Unknown,
            "No pilot team has a manager on record.".to_string(),
        )
    } else {
        #[allow(clippy::cast_precision_loss)] // counts of people
        let share = completed as f64 / managers as f64;
        (
            if share >= bar {
                ComponentStatus::Holds
            } else {
                ComponentStatus::Fails
            },
            format!(
                "{completed} of {managers} pilot-team managers ({}) completed every required module.",
                percent(share)
            ),
        )
    };
    component(
        ComponentKind::ManagerTraining,
        status,
        evidence,
        threshold,
        &facts.sources.training,
    )
}

pub(super) fn pitfalls(facts: &Facts<'_>) -> Component {
    let seen = &facts.report.pitfalls;
    let (status, evidence) = if seen.is_empty() {
        (
            ComponentStatus::Holds,
            "No async theater, documentation excuse or equity illusion on a pilot team."
                .to_string(),
        )
    } else {
        let list: Vec<String> = seen
            .iter()
            .map(|pitfall| format!("{} on {}", pitfall.kind.label(), pitfall.team))
            .collect();
        (
            ComponentStatus::Fails,
            format!("Open: {}.", list.join("; ")),
        )
    };
    component(
        ComponentKind::Pitfalls,
        status,
        evidence,
        "none".into(),
        &format!("{}#pitfalls", facts.sources.report),
    )
}
