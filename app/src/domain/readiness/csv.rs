//! The portfolio as CSV: one row per pilot with its verdict, primary effect and coverage;
//! numbers unrounded, text cells safe to open in a spreadsheet.

use super::portfolio::{PilotReadiness, Portfolio};
use crate::domain::export::spreadsheet_safe;

pub const HEADER: [&str; 17] = [
    "pilot_id",
    "pilot",
    "stage",
    "progress",
    "verdict",
    "decision",
    "primary_metric",
    "primary_estimate",
    "primary_ci_low",
    "primary_ci_high",
    "primary_p",
    "observational",
    "participation_baseline",
    "participation_follow_up",
    "champion_coverage",
    "training_coverage",
    "missing",
];

fn number(value: Option<f64>) -> String {
    value.map(|value| value.to_string()).unwrap_or_default()
}

fn text(value: &str) -> String {
    spreadsheet_safe(value).into_owned()
}

fn row(pilot: &PilotReadiness) -> [String; 17] {
    let effect = pilot.primary_effect.as_ref();
    let assessment = pilot.assessment.as_ref();
    [
        pilot.pilot_id.to_string(),
        text(&pilot.name),
        pilot.stage.slug().to_string(),
        text(pilot.progress.as_deref().unwrap_or_default()),
        assessment
            .and_then(|assessment| assessment.verdict)
            .map(|verdict| verdict.as_str().to_string())
            .unwrap_or_default(),
        pilot
            .decision
            .map(|decision| decision.as_str().to_string())
            .unwrap_or_default(),
        effect
            .map(|effect| effect.metric.clone())
            .unwrap_or_default(),
        number(effect.map(|effect| effect.estimate)),
        number(effect.and_then(|effect| effect.ci_low)),
        number(effect.and_then(|effect| effect.ci_high)),
        number(effect.and_then(|effect| effect.p)),
        effect
            .map(|effect| effect.observational.to_string())
            .unwrap_or_default(),
        number(pilot.participation_baseline),
        number(pilot.participation_follow_up),
        number(pilot.champion_coverage),
        number(pilot.training_coverage),
        text(
            &assessment
                .map(|assessment| assessment.missing.join(" | "))
                .unwrap_or_default(),
        ),
    ]
}

pub fn to_csv(portfolio: &Portfolio) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail for I/O reasons, and every record has the header's width.
    let _ = writer.write_record(HEADER);
    for pilot in &portfolio.pilots {
        let _ = writer.write_record(row(pilot));
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}
