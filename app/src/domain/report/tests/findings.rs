//! Weekly trends and the pitfall detectors.

use chrono::{TimeZone, Utc};

use super::*;

#[test]
fn a_trend_week_needs_k_people_and_uses_the_metric_formula() {
    let mut fixture = four_teams_and_a_small_one();
    let team_one: Vec<i64> = fixture
        .input
        .members
        .iter()
        .filter(|m| m.team_id == 1)
        .map(|m| m.person_id)
        .collect();
    // Week 2 (from 2026-03-16): only four people of team 1 log meetings: under k in the pilot arm.
    for &person in &team_one[..4] {
        fixture.entry(person, "2026-03-16", "meeting_hours", "", 1.0);
    }
    let report = fixture.report();
    let pilot = report
        .trends
        .iter()
        .find(|trend| trend.metric == "meeting_load" && trend.arm == Arm::Pilot)
        .expect("a pilot trend");
    let weeks: Vec<String> = pilot
        .points
        .iter()
        .map(|point| point.week_start.to_string())
        .collect();
    assert_eq!(
        weeks,
        ["2026-03-02", "2026-03-30"],
        "week 3 has four people"
    );
    // Teams 1 and 2 (the small team is left out of the metric, so of its trend too).
    assert_eq!(pilot.points[0].n, 10);
    assert!((pilot.points[0].mean - 17.5).abs() < 1e-12);
}

#[test]
fn async_theater_and_the_documentation_excuse_are_flagged_with_numbers() {
    let mut fixture = four_teams_and_a_small_one();
    fixture.input.charters.push(CharterRow {
        team_id: 1,
        version: 1,
        effective_from: day("2026-03-16"),
        channels: vec![("email".into(), 24.0), ("chat".into(), 1.0)],
    });
    let team_one: Vec<i64> = fixture
        .input
        .members
        .iter()
        .filter(|m| m.team_id == 1)
        .map(|m| m.person_id)
        .collect();
    for &person in &team_one {
        fixture.entry(person, "2026-04-01", "felt_reply_hours", "email", 2.0);
    }
    let at = |date: &str, hour: u32| {
        Utc.from_utc_datetime(&day(date).and_hms_opt(hour, 0, 0).expect("time"))
    };
    for (raised, decided, documented) in [
        ("2026-03-03", "2026-03-04", true),
        ("2026-03-31", "2026-04-01", false),
    ] {
        for _ in 0..3 {
            fixture.input.decisions.push(DecisionRow {
                team_id: 2,
                raised_at: at(raised, 8),
                decided_at: Some(at(decided, 9)),
                documented,
            });
        }
    }
    let report = fixture.report();
    let theater = report
        .pitfalls
        .iter()
        .find(|pitfall| pitfall.kind == crate::domain::report::shape::PitfallKind::AsyncTheater)
        .expect("async theater");
    assert_eq!(theater.team_id, 1);
    assert!(
        theater.saw.contains("on email the charter allows 24 h"),
        "{}",
        theater.saw
    );
    assert!(theater.saw.contains("2.0 h"), "{}", theater.saw);
    let excuse = report
        .pitfalls
        .iter()
        .find(|pitfall| {
            pitfall.kind == crate::domain::report::shape::PitfallKind::DocumentationExcuse
        })
        .expect("documentation excuse");
    assert_eq!(excuse.team_id, 2);
    assert!(excuse
        .saw
        .starts_with("0 % of the follow-up's decisions were documented (baseline 100 %)"));
    // With fewer than k people giving felt reply times, their median is never shown.
    let mut few = four_teams_and_a_small_one();
    few.input.charters = fixture.input.charters.clone();
    for &person in &team_one[..4] {
        few.entry(person, "2026-04-01", "felt_reply_hours", "email", 2.0);
    }
    assert!(few
        .report()
        .pitfalls
        .iter()
        .all(|pitfall| !pitfall.saw.contains("on email")));
    assert!(
        report.pitfalls.iter().all(|pitfall| pitfall.team_id != 5),
        "the small team is never judged"
    );
}

#[test]
fn an_equity_gap_needs_k_people_on_both_sides() {
    use crate::domain::report::input::PersonFacts;
    let mut fixture = Fixture::new();
    fixture.input.privacy_k = 3;
    let people = fixture.team(1, Arm::Pilot, 6);
    for (index, &person) in people.iter().enumerate() {
        let part_time = index >= 3;
        fixture.input.people.insert(
            person,
            PersonFacts {
                working_pattern: if part_time { "part_time" } else { "full_time" }.into(),
                utc_offset_hours: 1.0,
                manages_team: false,
            },
        );
        // Full-timers gain 2 points of satisfaction, part-timers lose 1.
        let after = if part_time { 4.0 } else { 7.0 } + (index % 3) as f64 * 0.1;
        fixture.entry(
            person,
            "2026-03-05",
            "satisfaction",
            "",
            5.0 + (index % 3) as f64 * 0.1,
        );
        fixture.entry(person, "2026-04-02", "satisfaction", "", after);
    }
    let report = fixture.report();
    let equity: Vec<_> = report
        .pitfalls
        .iter()
        .filter(|pitfall| pitfall.kind == crate::domain::report::shape::PitfallKind::EquityIllusion)
        .collect();
    assert_eq!(equity.len(), 1, "{:?}", report.pitfalls);
    assert!(equity[0].saw.starts_with("By working pattern: Satisfaction changed by -1.0 for part-time, against 2.0 for full-time"), "{}", equity[0].saw);

    // With k = 4, three people on a side are too few to compare.
    fixture.input.privacy_k = 4;
    let report = fixture.report();
    assert!(report
        .pitfalls
        .iter()
        .all(|p| p.kind != crate::domain::report::shape::PitfallKind::EquityIllusion));
}
