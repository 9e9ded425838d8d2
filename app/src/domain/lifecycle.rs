//! The stages a pilot moves through, in order, and what each one is for.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

    /// A stable lower-case name for URLs, test ids and the API.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Baseline => "baseline",
            Self::Intervention => "intervention",
            Self::FollowUp => "follow-up",
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
