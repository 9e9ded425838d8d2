//! The report as CSV: one row per metric × group (each team, each arm, and the difference in
//! differences), every field, numbers unrounded. Left-out groups carry their reason only.

use super::shape::{GroupFigures, MetricReport, Report};
use crate::domain::{
    export::spreadsheet_safe,
    stats::figures::{DifferenceInDifferences, Paired},
};

pub const HEADER: [&str; 35] = [
    "metric",
    "role",
    "direction",
    "observational",
    "group",
    "arm",
    "team_id",
    "team",
    "left_out",
    "reason",
    "n",
    "baseline_mean",
    "baseline_median",
    "baseline_sd",
    "follow_up_mean",
    "follow_up_median",
    "follow_up_sd",
    "change",
    "relative_change",
    "se",
    "t",
    "df",
    "p",
    "ci_low",
    "ci_high",
    "hedges_g",
    "q_value",
    "estimate",
    "p_welch",
    "p_permutation",
    "permutations",
    "min_attainable_p",
    "mde80",
    "p_verdict",
    "privacy_k",
];

/// A number as Rust prints it, which reads back to the same double; empty for null.
fn number(value: Option<f64>) -> String {
    value.map(|value| value.to_string()).unwrap_or_default()
}

struct Row {
    cells: Vec<String>,
}

impl Row {
    fn new(report: &Report, metric: &MetricReport, group: &str) -> Self {
        let cells = vec![
            metric.metric.clone(),
            metric.role.as_str().to_string(),
            metric.direction.as_str().to_string(),
            metric.observational.to_string(),
            group.to_string(),
        ];
        let mut row = Self { cells };
        row.cells.resize(HEADER.len(), String::new());
        row.set("privacy_k", report.privacy_k.to_string());
        row
    }

    fn set(&mut self, column: &str, value: String) {
        if let Some(index) = HEADER.iter().position(|name| *name == column) {
            self.cells[index] = value;
        }
    }

    fn figures(&mut self, figures: &GroupFigures) {
        match figures {
            GroupFigures::LeftOut(left_out) => {
                self.set("left_out", "true".into());
                self.set("reason", left_out.reason.clone());
            }
            GroupFigures::Figures(paired) => self.paired(paired),
        }
    }

    fn paired(&mut self, paired: &Paired) {
        self.set("left_out", "false".into());
        self.set("n", paired.n.to_string());
        for (prefix, summary) in [
            ("baseline", &paired.baseline),
            ("follow_up", &paired.follow_up),
        ] {
            self.set(&format!("{prefix}_mean"), number(summary.mean));
            self.set(&format!("{prefix}_median"), number(summary.median));
            self.set(&format!("{prefix}_sd"), number(summary.sd));
        }
        for (column, value) in [
            ("change", paired.change),
            ("relative_change", paired.relative_change),
            ("se", paired.se),
            ("t", paired.t),
            ("df", paired.df),
            ("p", paired.p),
            ("ci_low", paired.ci_low),
            ("ci_high", paired.ci_high),
            ("hedges_g", paired.hedges_g),
            ("q_value", paired.q_value),
        ] {
            self.set(column, number(value));
        }
    }

    fn did(&mut self, did: &DifferenceInDifferences) {
        for (column, value) in [
            ("estimate", Some(did.estimate)),
            ("se", Some(did.se)),
            ("t", did.t),
            ("df", did.df),
            ("p_welch", did.p_welch),
            ("ci_low", did.ci_low),
            ("ci_high", did.ci_high),
            ("p_permutation", did.p_permutation),
            ("permutations", Some(did.permutations)),
            ("min_attainable_p", Some(did.min_attainable_p)),
            ("mde80", did.mde80),
            ("p", did.p),
            ("q_value", did.q_value),
        ] {
            self.set(column, number(value));
        }
    }
}

pub fn to_csv(report: &Report) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(HEADER);
    for metric in &report.metrics {
        let verdict = number(metric.verdict_p());
        let mut rows = Vec::new();
        for (arm, figures) in [
            ("pilot", &metric.arms.pilot),
            ("comparison", &metric.arms.comparison),
        ] {
            if let Some(figures) = figures {
                let mut row = Row::new(report, metric, "arm");
                row.set("arm", arm.into());
                row.figures(figures);
                if arm == "pilot" && metric.did.is_none() {
                    // Observational: the pilot arm's paired p is the verdict's.
                    row.set("p_verdict", verdict.clone());
                }
                rows.push(row);
            }
        }
        for team in &metric.teams {
            let mut row = Row::new(report, metric, "team");
            row.set("arm", team.arm.as_str().into());
            row.set("team_id", team.team_id.to_string());
            // Team names are people's words: defused so a spreadsheet never runs them.
            row.set("team", spreadsheet_safe(&team.team).into_owned());
            row.figures(&team.figures);
            rows.push(row);
        }
        if let Some(did) = &metric.did {
            let mut row = Row::new(report, metric, "difference_in_differences");
            row.did(did);
            row.set("p_verdict", verdict.clone());
            rows.push(row);
        }
        for row in rows {
            let _ = writer.write_record(&row.cells);
        }
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}
