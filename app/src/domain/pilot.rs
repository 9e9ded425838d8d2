//! A pilot's protocol (what it tests, how, for how long, with which privacy threshold) and the
//! rules for moving it through its lifecycle.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    lifecycle::PilotStage,
    metrics::Metric,
    pilot_plan::{PilotPlan, PlanInput},
    ParseError,
};

pub const DEFAULT_PRIVACY_K: i32 = 5;
/// Below three respondents an average gives individuals away.
pub const MIN_PRIVACY_K: i32 = 3;

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
    pub fn parse(input: &ProtocolInput) -> Result<Self, ParseError> {
        let name = input.name.trim();
        if name.is_empty() || name.chars().count() > 120 {
            return Err(ParseError::new(
                "name",
                "give the pilot a name of 1 to 120 characters",
            ));
        }
        let hypothesis = input.hypothesis.trim();
        if hypothesis.chars().count() < 10 {
            return Err(ParseError::new(
                "hypothesis",
                "say in a sentence what you expect to change, and for whom",
            ));
        }
        let primary_metric = Metric::parse(&input.primary_metric)
            .map_err(|error| ParseError::new("primary_metric", error.message))?;
        let mut guardrail_metrics = Vec::new();
        for name in input
            .guardrail_metrics
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
        {
            let metric = Metric::parse(name)
                .map_err(|error| ParseError::new("guardrail_metrics", error.message))?;
            if metric == primary_metric {
                return Err(ParseError::new(
                    "guardrail_metrics",
                    format!("{} is already the primary metric", metric.label()),
                ));
            }
            if !guardrail_metrics.contains(&metric) {
                guardrail_metrics.push(metric);
            }
        }
        let privacy_k = match input.privacy_k.trim() {
            "" => DEFAULT_PRIVACY_K,
            text => text.parse::<i32>().map_err(|_| {
                ParseError::new("privacy_k", format!("'{text}' is not a whole number"))
            })?,
        };
        if !(MIN_PRIVACY_K..=50).contains(&privacy_k) {
            return Err(ParseError::new(
                "privacy_k",
                format!("must be between {MIN_PRIVACY_K} and 50 respondents"),
            ));
        }
        Ok(Self {
            name: name.to_string(),
            hypothesis: hypothesis.to_string(),
            primary_metric,
            guardrail_metrics,
            plan: PilotPlan::parse(&input.plan)?,
            privacy_k,
        })
    }
}

/// How a pilot ends its review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Expand,
    Extend,
    Stop,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Expand => "expand",
            Self::Extend => "extend",
            Self::Stop => "stop",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value.trim() {
            "expand" => Some(Self::Expand),
            "extend" => Some(Self::Extend),
            "stop" => Some(Self::Stop),
            _ => None,
        }
    }
}

/// What a pilot looks like to the transition rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PilotFacts {
    pub stage: PilotStage,
    pub plan: PilotPlan,
    pub pilot_teams: usize,
}

/// Why a pilot cannot move to `target` on `today`, or `Ok` if it can.
pub fn check_transition(
    facts: &PilotFacts,
    target: PilotStage,
    today: NaiveDate,
    decision: Option<Decision>,
) -> Result<(), ParseError> {
    let refuse = |message: String| Err(ParseError::new("stage", message));
    if !facts.stage.can_move_to(target) {
        return refuse(format!(
            "a pilot in {} cannot move to {}; the next stage is {}",
            facts.stage.label(),
            target.label(),
            facts.stage.next().map_or("none", PilotStage::label)
        ));
    }
    let [baseline, intervention, follow_up] = facts.plan.windows();
    match target {
        PilotStage::Baseline => {
            if facts.pilot_teams == 0 {
                return refuse("add at least one pilot team before the baseline starts".into());
            }
            if today < baseline.first_day {
                return refuse(format!(
                    "the baseline window starts on {}",
                    baseline.first_day
                ));
            }
        }
        PilotStage::Intervention if today <= baseline.last_day => {
            return refuse(format!(
                "the baseline window runs until {}; the intervention can start after it",
                baseline.last_day
            ));
        }
        PilotStage::FollowUp if today <= intervention.last_day => {
            return refuse(format!(
                "the follow-up starts after the intervention window ends on {}",
                intervention.last_day
            ));
        }
        PilotStage::Review if today <= follow_up.last_day => {
            return refuse(format!(
                "the follow-up window runs until {}",
                follow_up.last_day
            ));
        }
        PilotStage::Decided if decision.is_none() => {
            return refuse("choose a decision: expand, extend or stop".into());
        }
        _ => {}
    }
    Ok(())
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

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
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

    fn facts(stage: PilotStage) -> PilotFacts {
        PilotFacts {
            stage,
            plan: Protocol::parse(&input()).expect("valid").plan,
            pilot_teams: 2,
        }
    }

    #[test]
    fn the_baseline_needs_a_pilot_team_and_its_start_date() {
        let mut none = facts(PilotStage::Draft);
        none.pilot_teams = 0;
        assert!(check_transition(&none, PilotStage::Baseline, day("2026-02-01"), None).is_err());
        let early = check_transition(
            &facts(PilotStage::Draft),
            PilotStage::Baseline,
            day("2026-01-04"),
            None,
        );
        assert!(early.expect_err("too early").message.contains("2026-01-05"));
        assert!(check_transition(
            &facts(PilotStage::Draft),
            PilotStage::Baseline,
            day("2026-01-05"),
            None
        )
        .is_ok());
    }

    #[test]
    fn no_follow_up_before_the_windows_before_it_have_ended() {
        // Baseline 2026-01-05..2026-02-03, intervention 2026-02-04..2026-03-03.
        let baseline = facts(PilotStage::Baseline);
        assert!(
            check_transition(&baseline, PilotStage::Intervention, day("2026-02-03"), None).is_err()
        );
        assert!(
            check_transition(&baseline, PilotStage::Intervention, day("2026-02-04"), None).is_ok()
        );
        assert!(
            check_transition(&baseline, PilotStage::FollowUp, day("2026-06-01"), None).is_err()
        );
        let intervention = facts(PilotStage::Intervention);
        assert!(
            check_transition(&intervention, PilotStage::FollowUp, day("2026-03-03"), None).is_err()
        );
        assert!(
            check_transition(&intervention, PilotStage::FollowUp, day("2026-03-04"), None).is_ok()
        );
    }

    #[test]
    fn deciding_needs_a_decision() {
        let review = facts(PilotStage::Review);
        assert!(check_transition(&review, PilotStage::Decided, day("2026-06-01"), None).is_err());
        assert!(check_transition(
            &review,
            PilotStage::Decided,
            day("2026-06-01"),
            Some(Decision::Extend)
        )
        .is_ok());
    }
}
