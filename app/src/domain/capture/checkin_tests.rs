use chrono::{NaiveDate, NaiveDateTime};
use proptest::prelude::*;

use super::*;

fn at(date: &str, time: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M").expect("time")
}

fn form(energy: &str) -> CheckinForm {
    CheckinForm {
        energy: energy.into(),
        ..Default::default()
    }
}

fn keys(checkin: &Checkin) -> Vec<(String, String, f64)> {
    checkin
        .values
        .iter()
        .map(|v| (v.measure().key(), v.qualifier().to_string(), v.value()))
        .collect()
}

#[test]
fn energy_alone_is_a_check_in_for_today_in_the_part_of_day_of_the_clock() {
    let checkin = form("4").parse(at("2026-12-01", "09:15")).expect("valid");
    assert_eq!(checkin.date, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    assert_eq!(checkin.part_of_day, PartOfDay::Morning);
    assert_eq!(
        keys(&checkin),
        vec![("energy".into(), "morning".into(), 4.0)]
    );
    let evening = form("2").parse(at("2026-12-01", "17:00")).expect("valid");
    assert_eq!(evening.part_of_day, PartOfDay::Evening);
}

#[test]
fn a_chosen_part_of_day_replaces_the_one_of_the_clock() {
    let mut input = form("3");
    input.part_of_day = "afternoon".into();
    let checkin = input.parse(at("2026-12-01", "08:00")).expect("valid");
    assert_eq!(keys(&checkin)[0].1, "afternoon");
    input.part_of_day = "night".into();
    let error = input.parse(at("2026-12-01", "08:00")).expect_err("unknown");
    assert_eq!(error.field, "part_of_day");
}

#[test]
fn energy_is_required_and_a_whole_number_from_one_to_five() {
    let now = at("2026-12-01", "10:00");
    for bad in ["", "0", "6", "3.5", "lots"] {
        let error = form(bad).parse(now).expect_err(bad);
        assert_eq!(error.field, "energy", "{bad}");
    }
    assert!(form(" 5 ").parse(now).is_ok());
}

#[test]
fn every_field_is_stored_under_its_measure_and_reply_speeds_become_hours() {
    let input = CheckinForm {
        date: "2026-11-30".into(),
        part_of_day: "evening".into(),
        energy: "3".into(),
        focus_planned_hours: "4".into(),
        focus_achieved_hours: "2,5".into(),
        meetings: "3".into(),
        meeting_hours: "1.5".into(),
        asyncable_meetings: "2".into(),
        chat_reply: "minutes".into(),
        email_reply: "same_day".into(),
    };
    let checkin = input.parse(at("2026-12-01", "10:00")).expect("valid");
    assert_eq!(
        keys(&checkin),
        vec![
            ("energy".into(), "evening".into(), 3.0),
            ("focus_planned_hours".into(), String::new(), 4.0),
            ("focus_achieved_hours".into(), String::new(), 2.5),
            ("meetings".into(), String::new(), 3.0),
            ("meeting_hours".into(), String::new(), 1.5),
            ("asyncable_meetings".into(), String::new(), 2.0),
            ("felt_reply_hours".into(), "chat".into(), 0.25),
            ("felt_reply_hours".into(), "email".into(), 8.0),
        ]
    );
}

#[test]
fn reply_speeds_stand_for_increasing_hours() {
    let hours: Vec<f64> = ReplySpeed::ALL.iter().map(|s| s.hours()).collect();
    assert_eq!(hours, vec![0.25, 1.0, 8.0, 24.0, 48.0]);
    for speed in ReplySpeed::ALL {
        assert_eq!(ReplySpeed::parse(speed.as_str()), Some(speed));
    }
    let mut input = form("3");
    input.email_reply = "soonish".into();
    let error = input.parse(at("2026-12-01", "10:00")).expect_err("unknown");
    assert_eq!(error.field, "email_reply");
}

#[test]
fn asyncable_meetings_cannot_outnumber_meetings_or_come_without_them() {
    let now = at("2026-12-01", "10:00");
    let mut input = form("3");
    input.meetings = "2".into();
    input.asyncable_meetings = "3".into();
    assert_eq!(
        input.parse(now).expect_err("more").field,
        "asyncable_meetings"
    );
    input.asyncable_meetings = "2".into();
    assert!(input.parse(now).is_ok());
    input.meetings = String::new();
    assert_eq!(input.parse(now).expect_err("alone").field, "meetings");
}

#[test]
fn hours_and_counts_out_of_range_name_their_field() {
    let now = at("2026-12-01", "10:00");
    let mut input = form("3");
    input.focus_planned_hours = "25".into();
    assert_eq!(
        input.parse(now).expect_err("25 h").field,
        "focus_planned_hours"
    );
    let mut input = form("3");
    input.meetings = "1.5".into();
    assert_eq!(input.parse(now).expect_err("half").field, "meetings");
    let mut input = form("3");
    input.meeting_hours = "-1".into();
    assert_eq!(
        input.parse(now).expect_err("negative").field,
        "meeting_hours"
    );
    let mut input = form("3");
    input.focus_achieved_hours = "NaN".into();
    assert_eq!(
        input.parse(now).expect_err("nan").field,
        "focus_achieved_hours"
    );
}

#[test]
fn the_window_is_today_and_the_three_days_before_never_the_future() {
    let now = at("2026-12-01", "00:10");
    let mut input = form("3");
    for ok in ["2026-12-01", "2026-11-28"] {
        input.date = ok.into();
        assert!(input.parse(now).is_ok(), "{ok}");
    }
    for bad in ["2026-12-02", "2026-11-27", "01/12/2026"] {
        input.date = bad.into();
        assert_eq!(input.parse(now).expect_err(bad).field, "date", "{bad}");
    }
}

#[test]
fn just_after_local_midnight_tomorrow_in_utc_is_already_today() {
    use chrono::TimeZone;
    // 23:30 UTC on 30 November is 00:30 on 1 December in Berlin.
    let now = chrono::Utc
        .with_ymd_and_hms(2026, 11, 30, 23, 30, 0)
        .unwrap();
    let berlin = crate::domain::capture::calendar::local_now("Europe/Berlin", now);
    let mut input = form("3");
    input.date = "2026-12-01".into();
    assert!(input.parse(berlin).is_ok());
    let new_york = crate::domain::capture::calendar::local_now("America/New_York", now);
    assert_eq!(
        input.parse(new_york).expect_err("future there").field,
        "date"
    );
}

proptest! {
    #[test]
    fn any_typed_text_parses_or_names_a_field_of_the_form(
        energy in "\\PC{0,6}",
        hours in "\\PC{0,6}",
        meetings in "[0-9]{0,2}",
        asyncable in "[0-9]{0,2}",
        chat in "[a-z_]{0,16}",
    ) {
        let input = CheckinForm {
            energy,
            focus_planned_hours: hours,
            meetings,
            asyncable_meetings: asyncable,
            chat_reply: chat,
            ..Default::default()
        };
        match input.parse(at("2026-12-01", "12:00")) {
            Ok(checkin) => {
                prop_assert!(!checkin.values.is_empty());
                prop_assert_eq!(checkin.values[0].measure(), &Measure::Energy);
            }
            Err(error) => prop_assert!([
                "energy", "focus_planned_hours", "meetings", "asyncable_meetings", "chat_reply"
            ].contains(&error.field)),
        }
    }
}
