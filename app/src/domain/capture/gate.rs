//! Who may check in: a person with an active consent in a pilot that is collecting (baseline,
//! intervention or follow-up) who is still in the team they enrolled with. Anyone else is told
//! why (409), since it is their situation, not their role, that stops them.

use crate::domain::pilot::lifecycle::PilotStage;

/// What is known about one of the person's consents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentFacts {
    pub pilot_id: i64,
    pub pilot: String,
    pub stage: PilotStage,
    pub team_id: i64,
    pub withdrawn: bool,
    /// In the pilot's frozen membership under this team and still in that team today.
    pub in_enrolled_team: bool,
}

/// The stages in which check-ins are collected.
pub fn is_collecting(stage: PilotStage) -> bool {
    matches!(
        stage,
        PilotStage::Baseline | PilotStage::Intervention | PilotStage::FollowUp
    )
}

/// The consent under which the person checks in, or why there is none. When several pilots
/// qualify (a rare overlap), the one with the lowest id is used, so the choice is stable.
pub fn admit(consents: &[ConsentFacts]) -> Result<&ConsentFacts, String> {
    let mut sorted: Vec<&ConsentFacts> = consents.iter().collect();
    sorted.sort_by_key(|facts| facts.pilot_id);
    if let Some(open) = sorted
        .iter()
        .find(|c| !c.withdrawn && is_collecting(c.stage) && c.in_enrolled_team)
    {
        return Ok(open);
    }
    let reason = if sorted.is_empty() {
        "you have not joined a pilot, so there is nothing to check in for; your team's enrollment link lets you join".to_string()
    } else if let Some(active) = sorted
        .iter()
        .find(|c| !c.withdrawn && is_collecting(c.stage))
    {
        format!(
            "you are no longer in the team you enrolled with in \"{}\", so your check-ins would not count",
            active.pilot
        )
    } else if let Some(active) = sorted.iter().find(|c| !c.withdrawn) {
        format!(
            "\"{}\" is in its {} stage; check-ins are collected during the baseline, the intervention and the follow-up",
            active.pilot,
            active.stage.label().to_lowercase()
        )
    } else {
        "you withdrew from the pilot, so nothing more is collected from you".to_string()
    };
    Err(reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn consent(pilot_id: i64, stage: PilotStage) -> ConsentFacts {
        ConsentFacts {
            pilot_id,
            pilot: format!("Pilot {pilot_id}"),
            stage,
            team_id: 10,
            withdrawn: false,
            in_enrolled_team: true,
        }
    }

    #[test]
    fn an_active_consent_in_a_collecting_pilot_admits() {
        for stage in [
            PilotStage::Baseline,
            PilotStage::Intervention,
            PilotStage::FollowUp,
        ] {
            assert_eq!(admit(&[consent(1, stage)]).map(|c| c.pilot_id), Ok(1));
        }
    }

    #[test]
    fn without_any_consent_the_reason_says_how_to_join() {
        let reason = admit(&[]).expect_err("no consent");
        assert!(reason.contains("not joined"), "{reason}");
    }

    #[test]
    fn a_withdrawn_consent_never_admits() {
        let mut withdrawn = consent(1, PilotStage::Baseline);
        withdrawn.withdrawn = true;
        let reason = admit(&[withdrawn]).expect_err("withdrawn");
        assert!(reason.contains("withdrew"), "{reason}");
    }

    #[test]
    fn a_pilot_in_draft_or_review_does_not_collect() {
        for stage in [PilotStage::Draft, PilotStage::Review, PilotStage::Closed] {
            let reason = admit(&[consent(1, stage)]).expect_err("not collecting");
            assert!(reason.contains(&stage.label().to_lowercase()), "{reason}");
        }
    }

    #[test]
    fn someone_who_left_their_enrolled_team_is_told_so() {
        let mut moved = consent(1, PilotStage::Baseline);
        moved.in_enrolled_team = false;
        let reason = admit(&[moved]).expect_err("moved");
        assert!(reason.contains("no longer in the team"), "{reason}");
    }

    #[test]
    fn the_collecting_pilot_is_chosen_among_several_consents() {
        let mut old = consent(1, PilotStage::Closed);
        old.withdrawn = true;
        let consents = [
            consent(3, PilotStage::Review),
            consent(2, PilotStage::FollowUp),
            old,
        ];
        assert_eq!(admit(&consents).map(|c| c.pilot_id), Ok(2));
    }
}
