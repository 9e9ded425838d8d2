//! A pilot's protocol: what it tests, how, for how long, with which privacy threshold. Pages
//! post it as text, the API as typed JSON; both reach [`Protocol::new`], which holds the rules.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::plan::{PilotPlan, PlanInput, WindowDays};
use crate::domain::{metrics::Metric, ParseError};

pub const DEFAULT_PRIVACY_K: i32 = 5;
/// Below three respondents an average gives individuals away.
pub const MIN_PRIVACY_K: i32 = 3;
pub const MAX_PRIVACY_K: i32 = 50;

/// The form fields of a protocol, exactly as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProtocolInput {
    pub name: String,
    pub hypothesis: String,
    pub primary_metric: String,
    /// Metric names separated by commas.
    pub guardrail_metrics: String,
    pub plan: PlanInput,
    pub privacy_k: String,
}

/// A protocol as a client sent it, not yet checked. Services take this and parse it after the
/// access check, so a caller without access learns nothing about what it sent.
pub trait ProtocolDraft {
    fn parse(&self) -> Result<Protocol, ParseError>;
}

impl ProtocolDraft for ProtocolInput {
    fn parse(&self) -> Result<Protocol, ParseError> {
        Protocol::parse(self)
    }
}

/// A valid protocol: once the baseline starts it is locked like a pre-registered study.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protocol {
    pub name: String,
    pub hypothesis: String,
    pub primary_metric: Metric,
    pub guardrail_metrics: Vec<Metric>,
    pub plan: PilotPlan,
    pub privacy_k: i32,
}

impl Protocol {
    /// The typed fields, checked: `privacy_k` defaults to [`DEFAULT_PRIVACY_K`]; a guardrail
    /// named twice counts once.
    pub fn new(
        name: &str,
        hypothesis: &str,
        primary_metric: Metric,
        guardrail_metrics: &[Metric],
        plan: PilotPlan,
        privacy_k: Option<i64>,
    ) -> Result<Self, ParseError> {
        let name = checked_name(name)?;
        let hypothesis = checked_hypothesis(hypothesis)?;
        let mut guardrails = Vec::new();
        for metric in guardrail_metrics {
            add_guardrail(&mut guardrails, primary_metric, *metric)?;
        }
        Ok(Self {
            name,
            hypothesis,
            primary_metric,
            guardrail_metrics: guardrails,
            plan,
            privacy_k: checked_privacy_k(privacy_k)?,
        })
    }

    /// The form's text, field by field in the order the form shows them, then [`Protocol::new`].
    pub fn parse(input: &ProtocolInput) -> Result<Self, ParseError> {
        checked_name(&input.name)?;
        checked_hypothesis(&input.hypothesis)?;
        let primary_metric = Metric::parse(&input.primary_metric)
            .map_err(|error| ParseError::new("primary_metric", error.message))?;
        let mut guardrails = Vec::new();
        for name in input
            .guardrail_metrics
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
        {
            let metric = Metric::parse(name)
                .map_err(|error| ParseError::new("guardrail_metrics", error.message))?;
            add_guardrail(&mut guardrails, primary_metric, metric)?;
        }
        let privacy_k = match input.privacy_k.trim() {
            "" => None,
            text => Some(text.parse::<i64>().map_err(|_| {
                ParseError::new("privacy_k", format!("'{text}' is not a whole number"))
            })?),
        };
        checked_privacy_k(privacy_k)?;
        let plan = PilotPlan::parse(&input.plan)?;
        Self::new(
            &input.name,
            &input.hypothesis,
            primary_metric,
            &guardrails,
            plan,
            privacy_k,
        )
    }

    /// The protocol in one line, as the audit log records a change: metrics, windows, threshold.
    pub fn summary(&self) -> String {
        let [baseline, intervention, follow_up] = self.plan.windows();
        let guardrails: Vec<&str> = self.guardrail_metrics.iter().map(|m| m.as_str()).collect();
        format!(
            "{} | {} | {} {}d/{}d/{}d | k={}",
            self.primary_metric.as_str(),
            guardrails.join(","),
            baseline.first_day,
            baseline.days,
            intervention.days,
            follow_up.days,
            self.privacy_k
        )
    }
}

/// The plan from typed numbers (the API's JSON), checked like the form's text.
pub fn plan_of_days(
    baseline_start: NaiveDate,
    baseline_days: i64,
    intervention_days: i64,
    follow_up_days: i64,
) -> Result<PilotPlan, ParseError> {
    Ok(PilotPlan::new(
        baseline_start,
        WindowDays::new("baseline_days", baseline_days)?,
        WindowDays::new("intervention_days", intervention_days)?,
        WindowDays::new("follow_up_days", follow_up_days)?,
    ))
}

fn checked_name(name: &str) -> Result<String, ParseError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 120 {
        return Err(ParseError::new(
            "name",
            "give the pilot a name of 1 to 120 characters",
        ));
    }
    Ok(name.to_string())
}

fn checked_hypothesis(hypothesis: &str) -> Result<String, ParseError> {
    let hypothesis = hypothesis.trim();
    if hypothesis.chars().count() < 10 {
        return Err(ParseError::new(
            "hypothesis",
            "say in a sentence what you expect to change, and for whom",
        ));
    }
    Ok(hypothesis.to_string())
}

fn add_guardrail(
    guardrails: &mut Vec<Metric>,
    primary: Metric,
    metric: Metric,
) -> Result<(), ParseError> {
    if metric == primary {
        return Err(ParseError::new(
            "guardrail_metrics",
            format!("{} is already the primary metric", metric.label()),
        ));
    }
    if !guardrails.contains(&metric) {
        guardrails.push(metric);
    }
    Ok(())
}

fn checked_privacy_k(privacy_k: Option<i64>) -> Result<i32, ParseError> {
    let privacy_k = privacy_k.unwrap_or(i64::from(DEFAULT_PRIVACY_K));
    if !(i64::from(MIN_PRIVACY_K)..=i64::from(MAX_PRIVACY_K)).contains(&privacy_k) {
        return Err(ParseError::new(
            "privacy_k",
            format!("must be between {MIN_PRIVACY_K} and {MAX_PRIVACY_K} respondents"),
        ));
    }
    Ok(privacy_k as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ProtocolInput {
        ProtocolInput {
            name: "Async Tuesdays".into(),
            hypothesis: "Fewer status meetings give pilot teams more deep work".into(),
            primary_metric: "deep_work_protection_rate".into(),
            guardrail_metrics: "satisfaction_and_burnout, decision_velocity".into(),
            plan: PlanInput {
                baseline_start: "2026-01-05".into(),
                baseline_days: "30".into(),
                intervention_days: "28".into(),
                follow_up_days: "30".into(),
            },
            privacy_k: "".into(),
        }
    }

    #[test]
    fn a_protocol_defaults_to_k_five_and_keeps_its_guardrails() {
        let protocol = Protocol::parse(&input()).expect("valid");
        assert_eq!(protocol.privacy_k, 5);
        assert_eq!(protocol.guardrail_metrics.len(), 2);
    }

    #[test]
    fn k_below_three_is_refused() {
        let mut low = input();
        low.privacy_k = "2".into();
        let error = Protocol::parse(&low).expect_err("too low");
        assert_eq!(error.field, "privacy_k");
    }

    #[test]
    fn the_primary_metric_cannot_also_be_a_guardrail() {
        let mut twice = input();
        twice.guardrail_metrics = "deep_work_protection_rate".into();
        assert_eq!(
            Protocol::parse(&twice).expect_err("dup").field,
            "guardrail_metrics"
        );
    }

    #[test]
    fn typed_fields_and_form_text_give_the_same_protocol() {
        let from_text = Protocol::parse(&input()).expect("valid");
        let plan = plan_of_days(from_text.plan.windows()[0].first_day, 30, 28, 30).expect("plan");
        let typed = Protocol::new(
            " Async Tuesdays ",
            "Fewer status meetings give pilot teams more deep work",
            Metric::DeepWorkProtectionRate,
            &[
                Metric::SatisfactionAndBurnout,
                Metric::DecisionVelocity,
                Metric::SatisfactionAndBurnout,
            ],
            plan,
            None,
        )
        .expect("valid");
        assert_eq!(typed, from_text);
    }

    #[test]
    fn typed_windows_and_threshold_are_checked_like_text() {
        assert_eq!(
            plan_of_days(NaiveDate::MIN, 30, 6, 30)
                .expect_err("too short")
                .field,
            "intervention_days"
        );
        let plan = Protocol::parse(&input()).expect("valid").plan;
        let error = Protocol::new(
            "Async Tuesdays",
            "Fewer status meetings give pilot teams more deep work",
            Metric::MeetingLoad,
            &[],
            plan,
            Some(51),
        )
        .expect_err("too high");
        assert_eq!(error.field, "privacy_k");
    }

    #[test]
    fn the_summary_names_metrics_windows_and_threshold() {
        let protocol = Protocol::parse(&input()).expect("valid");
        assert_eq!(
            protocol.summary(),
            "deep_work_protection_rate | satisfaction_and_burnout,decision_velocity | \
             2026-01-05 30d/28d/30d | k=5"
        );
    }
}
