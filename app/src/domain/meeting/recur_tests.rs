use chrono::{NaiveDate, NaiveDateTime};

use super::*;

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

fn dates(rule: &str, start: &str, horizon: &str) -> Vec<String> {
    let rule = Rule::parse(rule, 1).unwrap();
    let until = rule.until.map(|u| match u {
        Until::Date(d) => d.and_hms_opt(23, 59, 59).unwrap(),
        Until::Floating(t) | Until::Utc(t) => t,
    });
    rule.expand(at(start), until, at(horizon))
        .into_iter()
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .collect()
}

#[test]
fn weekly_by_day_with_count_counts_the_start() {
    assert_eq!(
        dates(
            "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4",
            "2026-03-02 09:00",
            "2027-01-01 00:00"
        ),
        [
            "2026-03-02 09:00",
            "2026-03-04 09:00",
            "2026-03-09 09:00",
            "2026-03-11 09:00"
        ]
    );
}

#[test]
fn every_other_week_steps_whole_weeks_from_the_start_week() {
    assert_eq!(
        dates(
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20260320T235959Z",
            "2026-03-03 10:00",
            "2027-01-01 00:00"
        ),
        [
            "2026-03-03 10:00",
            "2026-03-05 10:00",
            "2026-03-17 10:00",
            "2026-03-19 10:00"
        ]
    );
}

#[test]
fn daily_until_is_inclusive() {
    assert_eq!(
        dates(
            "FREQ=DAILY;UNTIL=20260304",
            "2026-03-02 09:00",
            "2027-01-01 00:00"
        ),
        ["2026-03-02 09:00", "2026-03-03 09:00", "2026-03-04 09:00"]
    );
}

#[test]
fn monthly_by_weekday_position_and_by_day() {
    assert_eq!(
        dates(
            "FREQ=MONTHLY;BYDAY=-1FR;COUNT=3",
            "2026-01-30 15:00",
            "2027-01-01 00:00"
        ),
        ["2026-01-30 15:00", "2026-02-27 15:00", "2026-03-27 15:00"]
    );
    assert_eq!(
        dates(
            "FREQ=MONTHLY;BYDAY=2TU;COUNT=3",
            "2026-01-13 15:00",
            "2027-01-01 00:00"
        ),
        ["2026-01-13 15:00", "2026-02-10 15:00", "2026-03-10 15:00"]
    );
    // The 31st: months without one are skipped, as RFC 5545 says.
    assert_eq!(
        dates(
            "FREQ=MONTHLY;COUNT=3",
            "2026-01-31 09:00",
            "2027-01-01 00:00"
        ),
        ["2026-01-31 09:00", "2026-03-31 09:00", "2026-05-31 09:00"]
    );
    assert_eq!(
        dates(
            "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=2",
            "2026-01-31 09:00",
            "2027-01-01 00:00"
        ),
        ["2026-01-31 09:00", "2026-02-28 09:00"]
    );
}

#[test]
fn monthly_last_workday_through_set_position() {
    assert_eq!(
        dates(
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3",
            "2026-01-30 09:00",
            "2027-01-01 00:00"
        ),
        ["2026-01-30 09:00", "2026-02-27 09:00", "2026-03-31 09:00"]
    );
}

#[test]
fn yearly_daylight_saving_rule_finds_the_last_sunday() {
    let onsets = dates(
        "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "1996-03-31 02:00",
        "2027-12-31 00:00",
    );
    assert!(onsets.contains(&"2026-03-29 02:00".to_string()));
    assert!(onsets.contains(&"2027-03-28 02:00".to_string()));
}

#[test]
fn open_rules_stop_at_the_horizon() {
    assert_eq!(
        dates("FREQ=DAILY", "2026-03-02 09:00", "2026-03-04 08:00").len(),
        2
    );
    let _ = NaiveDate::from_ymd_opt(2026, 1, 1);
}

#[test]
fn bad_rules_name_their_line_and_part() {
    for bad in [
        "FREQ=FORTNIGHTLY",
        "BYDAY=MO",
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=DAILY;UNTIL=soon",
        "FREQ=YEARLY;BYWEEKNO=20",
    ] {
        let err = Rule::parse(bad, 12).unwrap_err();
        assert_eq!(err.line, 12, "{bad}");
        assert!(err.message.starts_with("RRULE"), "{bad}: {}", err.message);
    }
}

#[test]
fn the_start_is_an_instance_even_past_an_earlier_until() {
    assert_eq!(
        dates(
            "FREQ=DAILY;UNTIL=20260101",
            "2026-03-02 09:00",
            "2027-01-01 00:00"
        ),
        ["2026-03-02 09:00"]
    );
}
