//! The stages a pilot moves through, in order, what each one is for, and the rules for moving
//! a pilot on.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{plan::PilotPlan, Decision};
use crate::domain::ParseError;

/// One spelling everywhere: serde, the OpenAPI document, the database, URLs and test ids all use
/// [`PilotStage::slug`] (`follow_up`, never `follow-up` or `FollowUp`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PilotStage {
    Draft,
    Baseline,
    Intervention,
    FollowUp,
    Review,
    Decided,
    Closed,
}

impl PilotStage {
    pub const ALL: [PilotStage; 7] = [
        Self::Draft,
        Self::Baseline,
        Self::Intervention,
        Self::FollowUp,
        Self::Review,
        Self::Decided,
        Self::Closed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::Baseline => "Baseline",
            Self::Intervention => "Intervention",
            Self::FollowUp => "Follow-up",
            Self::Review => "Review",
            Self::Decided => "Decided",
            Self::Closed => "Closed",
        }
    }

    /// The stage's name on the wire, in the database, in URLs and test ids (serde's spelling).
    pub fn slug(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Baseline => "baseline",
            Self::Intervention => "intervention",
            Self::FollowUp => "follow_up",
            Self::Review => "review",
            Self::Decided => "decided",
            Self::Closed => "closed",
        }
    }

    pub fn summary(self) -> &'static str {
        match self {
            Self::Draft => {
                "HR writes the hypothesis, picks the primary and guardrail metrics, and enrolls \
                 willing pilot teams alongside comparison teams that will not change."
            }
            Self::Baseline => {
                "For about 30 days every enrolled team logs how it works today: meetings, \
                 felt reply expectations, decisions, energy and focus. The protocol locks."
            }
            Self::Intervention => {
                "Pilot teams adopt their communication charter and async habits; managers train \
                 as culture champions. Comparison teams carry on as before."
            }
            Self::FollowUp => {
                "The same measurements again, for the same people, so that before and after \
                 can be compared honestly against the comparison teams."
            }
            Self::Review => {
                "Results with confidence intervals and effect sizes, pitfall checks and \
                 champion coverage, all above the privacy threshold."
            }
            Self::Decided => {
                "Executives record the verdict from the evidence: expand, extend, or stop \
                 and rethink."
            }
            Self::Closed => "The pilot is archived; its report stays readable.",
        }
    }

    /// From review on, a published report is open to the pilot's teams.
    pub fn shows_published_report(self) -> bool {
        matches!(self, Self::Review | Self::Decided | Self::Closed)
    }

    pub fn from_slug(slug: &str) -> Option<PilotStage> {
        Self::ALL.into_iter().find(|stage| stage.slug() == slug)
    }

    /// The stage that follows this one, if any: a pilot never skips a stage.
    pub fn next(self) -> Option<PilotStage> {
        let position = Self::ALL.iter().position(|stage| *stage == self)?;
        Self::ALL.get(position + 1).copied()
    }

    pub fn can_move_to(self, target: PilotStage) -> bool {
        self.next() == Some(target)
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

/// The stages a pilot passes through after `from` to reach the one its dates say on `today`
/// (never beyond review: deciding needs people). A pilot whose windows lie in the past (one
/// that already ran and is being analysed) thus catches up at once when its baseline starts.
pub fn catch_up(from: PilotStage, plan: &PilotPlan, today: NaiveDate) -> Vec<PilotStage> {
    let target = plan.stage_on(today);
    let position = |stage: PilotStage| PilotStage::ALL.iter().position(|s| *s == stage);
    let (Some(start), Some(end)) = (position(from), position(target)) else {
        return Vec::new();
    };
    if from == PilotStage::Draft || target == PilotStage::Draft || end <= start {
        return Vec::new();
    }
    PilotStage::ALL[start + 1..=end].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pilot::plan::PlanInput;

    #[test]
    fn every_stage_but_the_last_has_exactly_one_successor() {
        for pair in PilotStage::ALL.windows(2) {
            assert_eq!(pair[0].next(), Some(pair[1]));
        }
        assert_eq!(PilotStage::Closed.next(), None);
    }

    #[test]
    fn a_pilot_cannot_skip_the_baseline() {
        assert!(!PilotStage::Draft.can_move_to(PilotStage::Intervention));
        assert!(PilotStage::Draft.can_move_to(PilotStage::Baseline));
    }

    #[test]
    fn a_pilot_cannot_move_backwards() {
        assert!(!PilotStage::FollowUp.can_move_to(PilotStage::Baseline));
    }

    #[test]
    fn slugs_are_unique() {
        let mut slugs: Vec<_> = PilotStage::ALL.iter().map(|s| s.slug()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), PilotStage::ALL.len());
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn facts(stage: PilotStage) -> PilotFacts {
        PilotFacts {
            stage,
            plan: PilotPlan::parse(&PlanInput {
                baseline_start: "2026-01-05".into(),
                baseline_days: "30".into(),
                intervention_days: "28".into(),
                follow_up_days: "30".into(),
            })
            .expect("valid"),
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

    #[test]
    fn a_stage_is_found_by_its_slug_only() {
        assert_eq!(PilotStage::FollowUp.slug(), "follow_up");
        for stage in PilotStage::ALL {
            assert_eq!(PilotStage::from_slug(stage.slug()), Some(stage));
        }
        assert_eq!(PilotStage::from_slug("follow-up"), None);
    }

    #[test]
    fn a_pilot_whose_windows_are_over_catches_up_to_review_when_its_baseline_starts() {
        let plan = facts(PilotStage::Baseline).plan;
        assert_eq!(
            catch_up(PilotStage::Baseline, &plan, day("2026-09-01")),
            [
                PilotStage::Intervention,
                PilotStage::FollowUp,
                PilotStage::Review
            ]
        );
        assert_eq!(
            catch_up(PilotStage::Baseline, &plan, day("2026-03-04")),
            [PilotStage::Intervention, PilotStage::FollowUp]
        );
    }

    #[test]
    fn a_pilot_on_time_or_not_yet_started_does_not_catch_up() {
        let plan = facts(PilotStage::Baseline).plan;
        assert!(catch_up(PilotStage::Baseline, &plan, day("2026-01-05")).is_empty());
        assert!(catch_up(PilotStage::Draft, &plan, day("2026-09-01")).is_empty());
        assert!(catch_up(PilotStage::Review, &plan, day("2026-09-01")).is_empty());
        assert!(catch_up(PilotStage::FollowUp, &plan, day("2026-02-01")).is_empty());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn serde_spells_every_stage_as_its_slug() {
        for stage in PilotStage::ALL {
            let json = serde_json::to_string(&stage).expect("json");
            assert_eq!(json, format!("\"{}\"", stage.slug()));
        }
    }
}
