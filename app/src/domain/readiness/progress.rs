//! Where a running pilot stands, in words ("day 12 of 30 of the baseline"), and the dates an
//! extension or a next wave starts on.

use chrono::{Datelike, Days, NaiveDate};

use crate::domain::pilot::{plan::PilotPlan, PilotStage};

/// Null once the follow-up window has ended (the pilot then has a verdict).
pub fn progress(stage: PilotStage, plan: &PilotPlan, today: NaiveDate) -> Option<String> {
    let [baseline, ..] = plan.windows();
    if stage == PilotStage::Draft {
        return Some(if today < baseline.first_day {
            format!("Draft: the baseline starts on {}", baseline.first_day)
        } else {
            "Draft: its baseline date has come; start it from the pilot's page".to_string()
        });
    }
    let window = plan
        .windows()
        .into_iter()
        .find(|window| today <= window.last_day)?;
    if today < window.first_day {
        return Some(format!(
            "In progress: the {} starts on {}",
            window_name(window.stage),
            window.first_day
        ));
    }
    let day = (today - window.first_day).num_days() + 1;
    Some(format!(
        "In progress: day {day} of {} of the {}",
        window.days,
        window_name(window.stage)
    ))
}

fn window_name(stage: PilotStage) -> &'static str {
    match stage {
        PilotStage::Baseline => "baseline",
        PilotStage::Intervention => "intervention",
        _ => "follow-up",
    }
}

/// The first Monday after `today` (a week later when today is a Monday).
pub fn next_monday(today: NaiveDate) -> NaiveDate {
    let ahead = 7 - u64::from(today.weekday().num_days_from_monday());
    today + Days::new(ahead)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pilot::plan::PlanInput;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn plan() -> PilotPlan {
        PilotPlan::parse(&PlanInput {
            baseline_start: "2026-01-05".into(),
            baseline_days: "30".into(),
            intervention_days: "28".into(),
            follow_up_days: "30".into(),
        })
        .expect("a valid plan")
    }

    #[test]
    fn a_running_pilot_counts_the_days_of_its_window() {
        let plan = plan();
        assert_eq!(
            progress(PilotStage::Baseline, &plan, day("2026-01-16")).as_deref(),
            Some("In progress: day 12 of 30 of the baseline")
        );
        assert_eq!(
            progress(PilotStage::Intervention, &plan, day("2026-02-04")).as_deref(),
            Some("In progress: day 1 of 28 of the intervention")
        );
        assert_eq!(
            progress(PilotStage::FollowUp, &plan, day("2026-04-02")).as_deref(),
            Some("In progress: day 30 of 30 of the follow-up")
        );
    }

    #[test]
    fn a_finished_pilot_has_no_progress_line_and_a_draft_says_when_it_starts() {
        let plan = plan();
        assert_eq!(progress(PilotStage::Review, &plan, day("2026-04-03")), None);
        assert_eq!(
            progress(PilotStage::Draft, &plan, day("2026-01-01")).as_deref(),
            Some("Draft: the baseline starts on 2026-01-05")
        );
    }

    #[test]
    fn the_next_monday_is_always_ahead() {
        assert_eq!(next_monday(day("2026-11-29")), day("2026-11-30")); // a Sunday
        assert_eq!(next_monday(day("2026-11-30")), day("2026-12-07")); // a Monday
        assert_eq!(next_monday(day("2026-12-02")), day("2026-12-07"));
    }
}
