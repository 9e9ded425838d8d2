use super::*;
use crate::domain::pilot::plan::PlanInput;
use proptest::prelude::*;

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// Baseline 2026-01-05 … 2026-02-03, intervention … 2026-03-03, follow-up 2026-03-04 … 04-02.
fn plan() -> PilotPlan {
    PilotPlan::parse(&PlanInput {
        baseline_start: "2026-01-05".into(),
        baseline_days: "30".into(),
        intervention_days: "28".into(),
        follow_up_days: "30".into(),
    })
    .expect("plan")
}

fn answers() -> PulseAnswers {
    PulseAnswers {
        quality: 4,
        statements: vec![1, 2, 3, 4, 5, 3],
        satisfaction: 7,
        burnout: true,
    }
}

fn keyed(entries: &[EntryValue]) -> Vec<(String, String, f64)> {
    entries
        .iter()
        .map(|entry| {
            (
                entry.measure().key(),
                entry.qualifier().to_string(),
                entry.value(),
            )
        })
        .collect()
}

#[test]
fn an_answer_becomes_a_self_rating_six_statements_satisfaction_and_burnout() {
    let entries = answers().entries().expect("valid");
    let expected: Vec<(String, String, f64)> = [
        ("contribution_quality", "self", 4.0),
        ("cultural_alignment", "s1", 1.0),
        ("cultural_alignment", "s2", 2.0),
        ("cultural_alignment", "s3", 3.0),
        ("cultural_alignment", "s4", 4.0),
        ("cultural_alignment", "s5", 5.0),
        ("cultural_alignment", "s6", 3.0),
        ("satisfaction", "", 7.0),
        ("burnout", "", 1.0),
    ]
    .into_iter()
    .map(|(measure, qualifier, value)| (measure.into(), qualifier.into(), value))
    .collect();
    assert_eq!(keyed(&entries), expected);
}

#[test]
fn no_burnout_is_stored_as_zero() {
    let entries = PulseAnswers {
        burnout: false,
        ..answers()
    }
    .entries()
    .expect("valid");
    assert_eq!(entries.last().map(EntryValue::value), Some(0.0));
}

#[test]
fn an_answer_out_of_range_names_its_field() {
    let error = PulseAnswers {
        quality: 6,
        ..answers()
    }
    .entries()
    .expect_err("6 is not a rating");
    assert_eq!(error.field, "quality");
    assert!(error.message.contains("1 to 5"), "{error}");
    let error = PulseAnswers {
        statements: vec![3, 3, 0, 3, 3, 3],
        ..answers()
    }
    .entries()
    .expect_err("0 is not agreement");
    assert_eq!(error.field, "s3");
    let error = PulseAnswers {
        satisfaction: 11,
        ..answers()
    }
    .entries()
    .expect_err("out of 10");
    assert_eq!(error.field, "satisfaction");
}

#[test]
fn every_statement_must_be_answered() {
    let error = PulseAnswers {
        statements: vec![3, 3, 3],
        ..answers()
    }
    .entries()
    .expect_err("three missing");
    assert_eq!(error.field, "statements");
}

#[test]
fn a_stored_answer_reads_back_as_the_answer_given() {
    let entries = answers().entries().expect("valid");
    let stored: Vec<(String, String, f64)> = keyed(&entries);
    let read = PulseAnswers::from_entries(
        stored
            .iter()
            .map(|(measure, qualifier, value)| (measure.as_str(), qualifier.as_str(), *value)),
    );
    assert_eq!(read, Some(answers()));
    let partial = stored
        .iter()
        .skip(1)
        .map(|(measure, qualifier, value)| (measure.as_str(), qualifier.as_str(), *value));
    assert_eq!(PulseAnswers::from_entries(partial), None, "no self rating");
}

#[test]
fn the_local_date_follows_the_time_zone_around_midnight() {
    let now = DateTime::parse_from_rfc3339("2026-01-20T23:30:00Z")
        .expect("instant")
        .with_timezone(&Utc);
    assert_eq!(local_date("Europe/Berlin", now), date("2026-01-21"));
    assert_eq!(local_date("America/New_York", now), date("2026-01-20"));
    assert_eq!(local_date("Not/AZone", now), date("2026-01-20"));
}

#[test]
fn a_manager_rating_is_contribution_quality_qualified_manager() {
    let rating = manager_rating(5).expect("valid");
    assert_eq!(rating.measure(), &Measure::ContributionQuality);
    assert_eq!(rating.qualifier(), "manager");
    assert_eq!(manager_rating(0).expect_err("0").field, "rating");
}

#[test]
fn a_pulse_must_open_and_close_within_its_phase() {
    let plan = plan();
    assert!(check_dates(
        &plan,
        PulsePhase::Baseline,
        date("2026-01-20"),
        date("2026-02-03")
    )
    .is_ok());
    let late = check_dates(
        &plan,
        PulsePhase::Baseline,
        date("2026-01-20"),
        date("2026-02-04"),
    )
    .expect_err("closes in the intervention");
    assert_eq!(late.field, "closes_on");
    assert!(late.message.contains("2026-02-03"), "{late}");
    let early = check_dates(
        &plan,
        PulsePhase::FollowUp,
        date("2026-03-03"),
        date("2026-03-20"),
    )
    .expect_err("opens in the intervention");
    assert_eq!(early.field, "opens_on");
    let backwards = check_dates(
        &plan,
        PulsePhase::FollowUp,
        date("2026-03-20"),
        date("2026-03-10"),
    )
    .expect_err("closes before it opens");
    assert_eq!(backwards.field, "closes_on");
}

#[test]
fn a_pulse_is_open_from_its_first_to_its_last_day_unless_closed() {
    let (opens, closes) = (date("2026-01-20"), date("2026-01-30"));
    let on = |day: &str, closed| PulseStatus::on(opens, closes, closed, date(day));
    assert_eq!(on("2026-01-19", false), PulseStatus::Scheduled);
    assert_eq!(on("2026-01-20", false), PulseStatus::Open);
    assert_eq!(on("2026-01-30", false), PulseStatus::Open);
    assert_eq!(on("2026-01-31", false), PulseStatus::Closed);
    assert_eq!(on("2026-01-25", true), PulseStatus::Closed);
}

#[test]
fn reminders_go_out_at_opening_and_three_days_before_closing_once_each() {
    let (opens, closes) = (date("2026-01-20"), date("2026-01-30"));
    let due = |last: Option<&str>, today: &str| {
        reminder_due(opens, closes, false, last.map(date), date(today))
    };
    assert_eq!(due(None, "2026-01-19"), None, "not open yet");
    assert_eq!(due(None, "2026-01-20"), Some(Reminder::Opening));
    assert_eq!(due(Some("2026-01-20"), "2026-01-21"), None);
    assert_eq!(
        due(Some("2026-01-20"), "2026-01-27"),
        Some(Reminder::ClosingSoon)
    );
    assert_eq!(due(Some("2026-01-27"), "2026-01-28"), None);
    assert_eq!(
        due(None, "2026-01-28"),
        Some(Reminder::ClosingSoon),
        "opened late in the day's runs: one reminder, not two"
    );
    assert_eq!(due(None, "2026-01-31"), None, "closed");
    assert_eq!(
        reminder_due(opens, closes, true, None, date("2026-01-20")),
        None
    );
}

#[test]
fn a_short_pulse_gets_a_single_reminder() {
    let (opens, closes) = (date("2026-01-20"), date("2026-01-22"));
    let due = |last: Option<&str>, today: &str| {
        reminder_due(opens, closes, false, last.map(date), date(today))
    };
    assert_eq!(due(None, "2026-01-20"), Some(Reminder::ClosingSoon));
    assert_eq!(due(Some("2026-01-20"), "2026-01-21"), None);
}

#[test]
fn the_reminder_names_the_pilot_the_closing_day_and_the_link() {
    let (subject, body) = reminder_message(
        "Sam",
        "Async Tuesdays",
        date("2026-01-30"),
        "https://pilot.example.org/pulse",
        Reminder::ClosingSoon,
    );
    assert!(subject.contains("closes on 2026-01-30"), "{subject}");
    assert!(body.starts_with("Hello Sam,"), "{body}");
    assert!(body.contains("https://pilot.example.org/pulse"), "{body}");
    assert!(body.contains("until 2026-01-30"), "{body}");
}

#[test]
fn phases_are_spelled_as_stages_are() {
    for phase in PulsePhase::ALL {
        assert_eq!(PulsePhase::parse(phase.as_str()), Some(phase));
    }
    assert_eq!(PulsePhase::FollowUp.as_str(), PilotStage::FollowUp.slug());
    assert_eq!(
        PulsePhase::FollowUp.window(&plan()),
        (date("2026-03-04"), date("2026-04-02"))
    );
}

proptest! {
    #[test]
    fn an_answer_is_stored_exactly_when_every_item_is_in_range(
        quality in -2i64..8,
        statements in proptest::collection::vec(-1i64..7, 6),
        satisfaction in -2i64..13,
        burnout: bool,
    ) {
        let answer = PulseAnswers { quality, statements: statements.clone(), satisfaction, burnout };
        let valid = (1..=5).contains(&quality)
            && statements.iter().all(|s| (1..=5).contains(s))
            && (0..=10).contains(&satisfaction);
        prop_assert_eq!(answer.entries().is_ok(), valid);
    }
}
