use super::*;

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// A consenting member of team 1 since long before the window, Monday to Friday.
fn member(person_id: i64) -> Member {
    Member {
        person_id,
        team_id: 1,
        consenting: true,
        working_days: WorkingDays::default(),
        stays: vec![Stay {
            joined_on: date("2026-01-01"),
            left_on: None,
        }],
    }
}

/// 2026-11-02 is a Monday: a window of two full weeks.
fn two_weeks<'a>(
    checkin_days: &'a HashSet<(i64, NaiveDate)>,
    pulse_responders: Option<&'a HashSet<i64>>,
) -> PhaseFacts<'a> {
    PhaseFacts {
        first_day: date("2026-11-02"),
        last_day: date("2026-11-15"),
        checkin_days,
        pulse_responders,
    }
}

fn days(person_id: i64, dates: &[&str]) -> HashSet<(i64, NaiveDate)> {
    dates.iter().map(|day| (person_id, date(day))).collect()
}

#[test]
fn expected_check_ins_are_the_working_days_of_the_window() {
    let checkins = days(7, &["2026-11-02", "2026-11-03", "2026-11-07"]);
    let teams = tally(&[member(7)], &two_weeks(&checkins, None));
    let team = teams[&1];
    assert_eq!(team.checkins_expected, 10, "two weeks of Monday to Friday");
    assert_eq!(
        team.checkins_received, 2,
        "a Saturday check-in is not a working day"
    );
}

#[test]
fn a_person_who_works_mondays_and_saturdays_is_expected_on_those_days_only() {
    let mut weekend = member(7);
    weekend.working_days = WorkingDays::parse(&["mon", "sat"]).expect("days");
    let checkins = days(7, &["2026-11-02", "2026-11-03", "2026-11-07"]);
    let team = tally(&[weekend], &two_weeks(&checkins, None))[&1];
    assert_eq!(team.checkins_expected, 4);
    assert_eq!(
        team.checkins_received, 2,
        "Monday and Saturday, not Tuesday"
    );
}

#[test]
fn a_member_who_moved_away_is_expected_only_until_the_day_of_the_move() {
    let mut mover = member(7);
    mover.stays = vec![Stay {
        joined_on: date("2026-01-01"),
        left_on: Some(date("2026-11-05")),
    }];
    let checkins = days(7, &["2026-11-04", "2026-11-05", "2026-11-06"]);
    let team = tally(&[mover], &two_weeks(&checkins, None))[&1];
    assert_eq!(team.checkins_expected, 3, "Monday to Wednesday");
    assert_eq!(
        team.checkins_received, 1,
        "the move takes effect on its own day"
    );
}

#[test]
fn a_member_who_came_back_is_expected_on_both_stays() {
    let mut returner = member(7);
    returner.stays = vec![
        Stay {
            joined_on: date("2026-01-01"),
            left_on: Some(date("2026-11-03")),
        },
        Stay {
            joined_on: date("2026-11-12"),
            left_on: None,
        },
    ];
    let checkins = HashSet::new();
    let team = tally(&[returner], &two_weeks(&checkins, None))[&1];
    assert_eq!(
        team.checkins_expected, 3,
        "Monday 2, then Thursday 12 and Friday 13"
    );
}

#[test]
fn a_withdrawn_member_counts_towards_k_but_in_no_rate() {
    let mut withdrawn = member(8);
    withdrawn.consenting = false;
    let mut checkins = days(7, &["2026-11-02"]);
    checkins.extend(days(8, &["2026-11-02", "2026-11-03"]));
    let responders: HashSet<i64> = [8].into();
    let team = tally(
        &[member(7), withdrawn],
        &two_weeks(&checkins, Some(&responders)),
    )[&1];
    assert_eq!(team.members, 2);
    assert_eq!(team.consenting, 1);
    assert_eq!(team.checkins_expected, 10);
    assert_eq!(team.checkins_received, 1);
    assert_eq!(team.pulse_responses, Some(0));
}

#[test]
fn a_running_window_expects_nothing_after_today() {
    let checkins = HashSet::new();
    let mut facts = two_weeks(&checkins, None);
    facts.last_day = date("2026-11-04");
    assert_eq!(tally(&[member(7)], &facts)[&1].checkins_expected, 3);
    facts.last_day = date("2026-11-01");
    let team = tally(&[member(7)], &facts)[&1];
    assert_eq!(team.checkins_expected, 0, "the window has not started");
    assert!(matches!(
        PhaseParticipation::of(
            &Tally {
                members: 5,
                consenting: 5,
                ..team
            },
            5
        ),
        PhaseParticipation::Counts {
            checkin_rate: None,
            flagged: false,
            ..
        }
    ));
}

#[test]
fn a_team_under_k_frozen_members_shows_no_counts() {
    let tally = Tally {
        members: 4,
        consenting: 4,
        checkins_received: 40,
        checkins_expected: 40,
        pulse_responses: Some(4),
    };
    assert_eq!(
        PhaseParticipation::of(&tally, 5),
        PhaseParticipation::FewerThan { threshold: 5 }
    );
}

#[test]
fn a_team_under_sixty_percent_is_flagged_on_either_rate() {
    let well = Tally {
        members: 5,
        consenting: 5,
        checkins_received: 30,
        checkins_expected: 50,
        pulse_responses: Some(3),
    };
    let shown = PhaseParticipation::of(&well, 5);
    assert!(!shown.is_flagged(), "exactly 60 % is not under 60 %");
    assert!(
        matches!(shown, PhaseParticipation::Counts { checkin_rate: Some(rate), .. } if (rate - 0.6).abs() < 1e-12)
    );
    let few_checkins = Tally {
        checkins_received: 29,
        ..well
    };
    assert!(PhaseParticipation::of(&few_checkins, 5).is_flagged());
    let few_answers = Tally {
        pulse_responses: Some(2),
        ..well
    };
    assert!(PhaseParticipation::of(&few_answers, 5).is_flagged());
    let no_pulse = Tally {
        pulse_responses: None,
        ..well
    };
    assert!(matches!(
        PhaseParticipation::of(&no_pulse, 5),
        PhaseParticipation::Counts {
            pulse_rate: None,
            ..
        }
    ));
}

#[test]
fn an_arm_leaves_out_its_teams_under_k() {
    let big = Tally {
        members: 6,
        consenting: 5,
        checkins_received: 8,
        checkins_expected: 10,
        pulse_responses: Some(4),
    };
    let small = Tally {
        members: 2,
        consenting: 2,
        checkins_received: 0,
        checkins_expected: 10,
        pulse_responses: Some(0),
    };
    let shown = arms(
        &[
            (Arm::Pilot, big),
            (Arm::Pilot, small),
            (Arm::Comparison, small),
        ],
        5,
    );
    assert_eq!(shown.len(), 2);
    assert_eq!((shown[0].teams, shown[0].kept_teams), (2, 1));
    assert_eq!(shown[0].participation, PhaseParticipation::of(&big, 5));
    assert_eq!(shown[1].arm, Arm::Comparison);
    assert_eq!(
        shown[1].participation,
        PhaseParticipation::FewerThan { threshold: 5 }
    );
    assert!(arms(&[(Arm::Pilot, big)], 5)
        .iter()
        .all(|arm| arm.arm == Arm::Pilot));
}

#[test]
fn rates_are_shown_as_whole_percents() {
    assert_eq!(percent_label(Some(0.6)), "60 %");
    assert_eq!(percent_label(Some(2.0 / 3.0)), "67 %");
    assert_eq!(percent_label(None), "–");
}
