//! The verdict's fixture: a finished pilot where every component holds, and the case each
//! test in `verdict` breaks one part of (a component alone, the comparison, the design, the way
//! a metric moved).

use chrono::NaiveDate;

use super::{
    assess::{assess, Facts, Sources, TeamCover, TrainingFacts},
    shape::{ComponentKind, ComponentStatus, Verdict},
    thresholds::Thresholds,
};
use crate::domain::{
    metrics::Direction,
    report::{
        catalogue::MetricRole,
        shape::{
            Arms, GroupFigures, LeftOut, MetricReport, Pitfall, PitfallKind, Report, ReportPilot,
            Window, Windows,
        },
    },
    stats::figures::{DifferenceInDifferences, Paired, Summary},
};

fn summary(mean: f64) -> Summary {
    Summary {
        mean: Some(mean),
        median: Some(mean),
        sd: Some(1.0),
    }
}

fn paired(baseline: f64, follow_up: f64, p: f64) -> Paired {
    Paired {
        n: 12,
        baseline: summary(baseline),
        follow_up: summary(follow_up),
        change: Some(follow_up - baseline),
        relative_change: None,
        se: Some(0.5),
        t: Some(2.0),
        df: Some(11.0),
        p: Some(p),
        ci_low: Some(follow_up - baseline - 1.0),
        ci_high: Some(follow_up - baseline + 1.0),
        hedges_g: None,
        q_value: None,
    }
}

fn did(estimate: f64, p: f64, min_attainable_p: f64) -> DifferenceInDifferences {
    DifferenceInDifferences {
        estimate,
        se: 1.0,
        t: Some(estimate),
        df: Some(6.0),
        p_welch: Some(p),
        ci_low: Some(estimate - 2.0),
        ci_high: Some(estimate + 2.0),
        p_permutation: Some(p),
        permutations: 70.0,
        min_attainable_p,
        mde80: Some(2.0),
        p: Some(p),
        q_value: None,
    }
}

fn metric(key: &str, role: MetricRole, direction: Direction) -> MetricReport {
    MetricReport {
        metric: key.into(),
        label: key.replace('_', " "),
        unit: "hours per week".into(),
        role,
        direction,
        observational: false,
        arms: Arms {
            pilot: Some(GroupFigures::Figures(paired(10.0, 7.0, 0.01))),
            comparison: Some(GroupFigures::Figures(paired(10.0, 10.0, 0.9))),
        },
        teams: Vec::new(),
        did: Some(did(-3.0, 0.01, 0.03)),
    }
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// A finished pilot where everything holds: meeting load fell significantly against 4 + 4
/// comparison teams, the satisfaction guardrail did not move, participation is high.
fn report() -> Report {
    let mut guardrail = metric(
        "satisfaction",
        MetricRole::Guardrail,
        Direction::HigherIsBetter,
    );
    guardrail.did = Some(DifferenceInDifferences {
        q_value: Some(0.6),
        ..did(-0.2, 0.6, 0.03)
    });
    let mut participation = metric(
        "participation",
        MetricRole::Other,
        Direction::HigherIsBetter,
    );
    participation.arms.pilot = Some(GroupFigures::Figures(paired(0.8, 0.75, 0.3)));
    let window = |first: &str, last: &str| Window {
        first_day: day(first),
        last_day: day(last),
    };
    Report {
        pilot: ReportPilot {
            id: 7,
            name: "Quiet mornings".into(),
            hypothesis: "Fewer meetings".into(),
            primary_metric: "meeting_load".into(),
            guardrail_metrics: vec!["satisfaction".into()],
            stage: "review".into(),
            pilot_teams: 4,
            comparison_teams: 4,
        },
        privacy_k: 5,
        windows: Windows {
            baseline: window("2026-01-05", "2026-02-03"),
            intervention: window("2026-02-04", "2026-03-03"),
            follow_up: window("2026-03-04", "2026-04-02"),
        },
        interim: false,
        metrics: vec![
            metric(
                "meeting_load",
                MetricRole::Primary,
                Direction::LowerIsBetter,
            ),
            guardrail,
            participation,
        ],
        energy_heatmap: Vec::new(),
        trends: Vec::new(),
        pitfalls: Vec::new(),
    }
}

fn covered(teams: &[(&str, bool)]) -> Vec<TeamCover> {
    teams
        .iter()
        .map(|(team, covered)| TeamCover {
            team: (*team).into(),
            covered: *covered,
        })
        .collect()
}

struct Case {
    report: Report,
    champions: Vec<TeamCover>,
    training: TrainingFacts,
}

impl Case {
    fn all_holding() -> Self {
        Self {
            report: report(),
            champions: covered(&[("Design", true), ("Platform", true)]),
            training: TrainingFacts {
                managers: 4,
                completed: 4,
            },
        }
    }

    fn assess(&self) -> super::shape::Assessment {
        assess(&Facts {
            report: &self.report,
            thresholds: Thresholds::default(),
            champions: &self.champions,
            training: self.training,
            sources: Sources::for_pilot(self.report.pilot.id),
        })
    }

    fn primary(&mut self) -> &mut MetricReport {
        &mut self.report.metrics[0]
    }
}

fn status_of(assessment: &super::shape::Assessment, kind: ComponentKind) -> ComponentStatus {
    assessment
        .components
        .iter()
        .find(|component| component.kind == kind)
        .expect("every component is listed")
        .status
}

mod verdict;
