//! Person and team values, groups, the difference in differences and the privacy rule.

use chrono::{Days, TimeZone, Utc};

use super::*;

#[test]
fn meeting_load_is_hours_a_week_and_the_difference_is_between_team_means() {
    let report = four_teams_and_a_small_one().report();
    let load = metric(&report, "meeting_load");
    // Weekly: team 1 changes by -5, team 2 by -10, team 3 by 0, team 4 by -2.5.
    let did = load.did.expect("a difference in differences");
    assert!((did.estimate - (-7.5 - -1.25)).abs() < 1e-12);
    assert_eq!(did.permutations, 6.0);
    assert!(!load.observational);
    let pilot = figures(load.arms.pilot.as_ref());
    assert_eq!(pilot.n, 10, "the small team is left out of its arm");
    assert!((pilot.change.unwrap() - -7.5).abs() < 1e-12);
    assert!((pilot.baseline.mean.unwrap() - 17.5).abs() < 1e-12);
}

#[test]
fn a_team_under_k_is_named_as_left_out_and_nothing_more() {
    let report = four_teams_and_a_small_one().report();
    let load = metric(&report, "meeting_load");
    let small = load
        .teams
        .iter()
        .find(|team| team.team_id == 5)
        .expect("team 5");
    match &small.figures {
        GroupFigures::LeftOut(left_out) => assert_eq!(left_out.reason, "fewer than 5 people"),
        GroupFigures::Figures(_) => panic!("a team of three was shown"),
    }
    let json = serde_json::to_value(small).expect("json");
    assert_eq!(
        json,
        serde_json::json!({"team_id": 5, "team": "Team 5", "arm": "pilot",
            "left_out": true, "reason": "fewer than 5 people"})
    );
}

#[test]
fn leaving_a_team_out_never_changes_another_teams_own_figures() {
    let with = four_teams_and_a_small_one();
    let mut without = four_teams_and_a_small_one();
    without.input.teams.retain(|team| team.team_id != 2);
    let (with, without) = (with.report(), without.report());
    for key in ["meeting_load", "participation", "energy_pattern"] {
        for team in &metric(&without, key).teams {
            let same = metric(&with, key)
                .teams
                .iter()
                .find(|other| other.team_id == team.team_id)
                .expect("team");
            assert_eq!(same, team, "{key}");
        }
    }
}

#[test]
fn the_difference_is_zero_when_both_arms_change_alike() {
    let mut fixture = Fixture::new();
    for (team, arm) in [
        (1, Arm::Pilot),
        (2, Arm::Pilot),
        (3, Arm::Comparison),
        (4, Arm::Comparison),
    ] {
        let people = fixture.team(team, arm, 5);
        fixture.meetings(&people, 3.0 + team as f64, 2.0 + team as f64);
    }
    let did = metric(&fixture.report(), "meeting_load").did.expect("did");
    assert!(did.estimate.abs() < 1e-12);
    assert_eq!(did.se, 0.0);
    assert_eq!(did.p_welch, None);
}

#[test]
fn a_withdrawn_person_counts_for_nothing_and_a_moved_person_only_while_in_the_team() {
    let mut fixture = four_teams_and_a_small_one();
    let first = fixture.input.members[0].person_id;
    fixture.input.members[0].consenting = false;
    // The second person left team 1 during the intervention.
    fixture.input.members[1].stays = vec![Stay {
        joined_on: day("2025-01-01"),
        left_on: Some(day("2026-03-20")),
    }];
    let report = fixture.report();
    let team = metric(&report, "meeting_load")
        .teams
        .iter()
        .find(|team| team.team_id == 1)
        .cloned();
    // Three paired people remain: under k, so the team is left out.
    assert!(matches!(
        team.map(|team| team.figures),
        Some(GroupFigures::LeftOut(_))
    ));
    let participation = metric(&report, "participation");
    assert!(participation.teams.iter().all(|team| team.team_id != first));
}

#[test]
fn participation_is_check_in_days_over_working_days_in_the_team() {
    let mut fixture = Fixture::new();
    let people = fixture.team(1, Arm::Pilot, 5);
    // Ten working days per window; everyone checks in on 5 baseline and 8 follow-up days,
    // plus a Saturday, which is not a working day.
    for &person in &people {
        for offset in 0..5 {
            let date = day("2026-03-02") + Days::new(offset);
            fixture.entry(person, &date.to_string(), "energy", "morning", 3.0);
        }
        for offset in [0, 1, 2, 3, 4, 7, 8, 9] {
            let date = day("2026-03-30") + Days::new(offset);
            fixture.entry(person, &date.to_string(), "focus_planned_hours", "", 2.0);
        }
        fixture.entry(person, "2026-04-04", "energy", "morning", 4.0);
    }
    let report = fixture.report();
    let pilot = figures(metric(&report, "participation").arms.pilot.as_ref());
    assert_eq!(pilot.baseline.mean, Some(0.5));
    assert_eq!(pilot.follow_up.mean, Some(0.8));
    assert!(
        metric(&report, "participation").observational,
        "no comparison teams"
    );
    assert_eq!(metric(&report, "participation").arms.comparison, None);
}

#[test]
fn deep_work_asyncable_and_gap_follow_their_definitions() {
    let mut fixture = Fixture::new();
    let people = fixture.team(1, Arm::Pilot, 5);
    fixture.input.charters.push(CharterRow {
        team_id: 1,
        version: 1,
        effective_from: day("2026-01-01"),
        channels: vec![("chat".into(), 4.0), ("email".into(), 24.0)],
    });
    for &person in &people {
        // Baseline: planned 4 + 2, achieved 3 + 5 → (3 + 2) / 6; a day without achieved is ignored.
        fixture.entry(person, "2026-03-02", "focus_planned_hours", "", 4.0);
        fixture.entry(person, "2026-03-02", "focus_achieved_hours", "", 3.0);
        fixture.entry(person, "2026-03-03", "focus_planned_hours", "", 2.0);
        fixture.entry(person, "2026-03-03", "focus_achieved_hours", "", 5.0);
        fixture.entry(person, "2026-03-04", "focus_planned_hours", "", 8.0);
        fixture.entry(person, "2026-03-02", "meetings", "", 4.0);
        fixture.entry(person, "2026-03-02", "asyncable_meetings", "", 1.0);
        fixture.entry(person, "2026-03-03", "meetings", "", 2.0);
        // Gaps: chat 4 - 1 = 3, email 24 - 2 = 22, phone is not in the charter.
        fixture.entry(person, "2026-03-02", "felt_reply_hours", "chat", 1.0);
        fixture.entry(person, "2026-03-02", "felt_reply_hours", "email", 2.0);
        fixture.entry(person, "2026-03-02", "felt_reply_hours", "phone", 0.5);
    }
    let report = fixture.report();
    let baseline = |key: &str| {
        let report = metric(&report, key);
        report.teams[0].clone()
    };
    // No follow-up values: nobody is paired, so the team is left out of every one of these.
    assert!(matches!(
        baseline("deep_work_protection_rate").figures,
        GroupFigures::LeftOut(_)
    ));
    let values = crate::domain::report::values::person_values(&fixture.input);
    let of = |key: &str| {
        let metric = crate::domain::report::catalogue::ReportMetric::BUILT_IN
            .into_iter()
            .find(|metric| metric.key() == key)
            .expect(key);
        values
            .of(&metric)
            .and_then(|values| values.get(&(people[0], Phase::Baseline)).copied())
    };
    assert_eq!(of("deep_work_protection_rate"), Some(5.0 / 6.0));
    assert_eq!(of("asyncable_share"), Some(0.25));
    assert_eq!(of("response_expectation_gap"), Some(12.5));
}

#[test]
fn decisions_make_team_values_from_three_a_phase_for_teams_of_k() {
    let mut fixture = four_teams_and_a_small_one();
    let at = |date: &str, hour: u32| {
        Utc.from_utc_datetime(&day(date).and_hms_opt(hour, 0, 0).expect("time"))
    };
    for team in 1..=5 {
        for (raised, decided, hours) in [
            ("2026-03-03", "2026-03-04", 9),
            ("2026-03-31", "2026-04-01", 1),
        ] {
            for extra in 0..3u32 {
                fixture.input.decisions.push(DecisionRow {
                    team_id: team,
                    raised_at: at(raised, 8),
                    decided_at: Some(at(decided, hours + extra)),
                    documented: extra > 0,
                });
            }
        }
    }
    let report = fixture.report();
    let velocity = metric(&report, "decision_velocity");
    let team = figures(
        velocity
            .teams
            .iter()
            .find(|team| team.team_id == 1)
            .map(|team| &team.figures),
    );
    assert_eq!(team.n, 1);
    assert_eq!(team.baseline.mean, Some(26.0));
    assert_eq!(team.follow_up.mean, Some(18.0));
    assert_eq!(team.baseline.sd, None);
    assert!(matches!(
        velocity
            .teams
            .iter()
            .find(|team| team.team_id == 5)
            .map(|team| &team.figures),
        Some(GroupFigures::LeftOut(_))
    ));
    let documented = metric(&report, "documented_decisions");
    assert_eq!(
        figures(documented.arms.pilot.as_ref()).baseline.mean,
        Some(2.0 / 3.0)
    );
}

#[test]
fn the_guardrails_get_q_values_and_the_primary_none() {
    let mut fixture = four_teams_and_a_small_one();
    let people: Vec<(i64, i64)> = fixture
        .input
        .members
        .iter()
        .map(|m| (m.person_id, m.team_id))
        .collect();
    for (index, (person, team)) in people.into_iter().enumerate() {
        let jitter = (index % 3) as f64;
        fixture.entry(person, "2026-03-05", "satisfaction", "", 5.0 + jitter);
        fixture.entry(
            person,
            "2026-04-02",
            "satisfaction",
            "",
            5.0 + jitter + team as f64 * 0.5,
        );
        fixture.entry(person, "2026-03-05", "burnout", "", (index % 2) as f64);
        fixture.entry(person, "2026-04-02", "burnout", "", 0.0);
    }
    let report = fixture.report();
    assert_eq!(report.metrics[0].metric, "meeting_load");
    assert_eq!(report.metrics[0].did.and_then(|did| did.q_value), None);
    assert_eq!(report.metrics[1].metric, "satisfaction");
    assert_eq!(report.metrics[2].metric, "burnout_signs");
    for guardrail in &report.metrics[1..3] {
        let did = guardrail.did.expect("did");
        assert!(did.q_value.expect("q") >= did.p.expect("p"));
    }
}

#[test]
fn a_heatmap_cell_needs_k_people() {
    let mut fixture = four_teams_and_a_small_one();
    let members: Vec<(i64, i64)> = fixture
        .input
        .members
        .iter()
        .map(|m| (m.person_id, m.team_id))
        .collect();
    for (person, team) in members {
        fixture.entry(person, "2026-03-02", "energy", "morning", 3.0);
        fixture.entry(person, "2026-03-30", "energy", "morning", 4.0);
        if team == 1 && person % 2 == 0 {
            // Only some of team 1 log a Tuesday evening: under k, so that cell is absent.
            fixture.entry(person, "2026-03-03", "energy", "evening", 1.0);
        }
    }
    let report = fixture.report();
    let panel = report
        .energy_heatmap
        .iter()
        .find(|panel| panel.arm == Arm::Pilot && panel.phase == Phase::Baseline)
        .expect("panel");
    assert_eq!(panel.cells.len(), 1);
    assert_eq!(
        (panel.cells[0].weekday.as_str(), panel.cells[0].n),
        ("mon", 10)
    );
    assert_eq!(panel.cells[0].mean, 3.0);
}
