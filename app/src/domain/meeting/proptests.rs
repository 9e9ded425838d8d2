//! Reading and expanding never panic, whatever the file says.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::domain::capture::working_days::WorkingDays;

fn reading() -> Reading {
    Reading {
        email: "me@x.org".into(),
        zone: chrono_tz::Europe::Berlin,
        working_days: WorkingDays::default(),
        from: None,
        to: None,
        today: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
    }
}

fn rule_part() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY", "X"
        ])
        .prop_map(|f| format!("FREQ={f}")),
        (0i64..400).prop_map(|n| format!("INTERVAL={n}")),
        (0i64..100_000).prop_map(|n| format!("COUNT={n}")),
        prop::sample::select(vec![
            "20260101",
            "20270101T000000Z",
            "19000101T000000",
            "2026"
        ])
        .prop_map(|u| format!("UNTIL={u}")),
        prop::collection::vec(
            (
                -60i32..60,
                prop::sample::select(vec!["MO", "TU", "SU", "XX"])
            ),
            0..4
        )
        .prop_map(|days| format!(
            "BYDAY={}",
            days.iter()
                .map(|(n, d)| if *n == 0 {
                    d.to_string()
                } else {
                    format!("{n}{d}")
                })
                .collect::<Vec<_>>()
                .join(",")
        )),
        prop::collection::vec(-40i32..40, 0..4).prop_map(|v| format!(
            "BYMONTHDAY={}",
            v.iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(",")
        )),
        prop::collection::vec(-400i32..400, 0..3).prop_map(|v| format!(
            "BYSETPOS={}",
            v.iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(",")
        )),
        prop::collection::vec(0u32..14, 0..3).prop_map(|v| format!(
            "BYMONTH={}",
            v.iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(",")
        )),
        prop::collection::vec(-400i32..400, 0..3).prop_map(|v| format!(
            "BYYEARDAY={}",
            v.iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(",")
        )),
        (0u32..30).prop_map(|n| format!("BYHOUR={n}")),
    ]
}

fn event() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["20260302T100000", "20260302T100000Z", "20260302", "20260329T023000", "99991231T235959Z", "x"]),
        prop::sample::select(vec!["DTEND:20260302T110000Z", "DURATION:PT1H", "DURATION:P1W", "", "DTEND;VALUE=DATE:20260303"]),
        prop::collection::vec(rule_part(), 0..5),
        prop::sample::select(vec!["", "EXDATE:20260304T100000Z", "RDATE:20260310T100000Z/PT2H", "RECURRENCE-ID:20260309T100000Z"]),
        prop::sample::select(vec!["", "ORGANIZER:mailto:b@x.org", "ATTENDEE;PARTSTAT=DECLINED:mailto:me@x.org"]),
    )
        .prop_map(|(start, end, rule, extra, who)| {
            let rule = if rule.is_empty() { String::new() } else { format!("RRULE:{}\n", rule.join(";")) };
            format!("BEGIN:VEVENT\nUID:u\nDTSTART;TZID=Europe/Berlin:{start}\n{end}\n{rule}{extra}\n{who}\nEND:VEVENT\n")
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn expanding_generated_events_never_panics(events in prop::collection::vec(event(), 0..4)) {
        let text = format!("BEGIN:VCALENDAR\n{}END:VCALENDAR\n", events.concat());
        let _ = read_calendar(text.as_bytes(), &reading());
    }

    #[test]
    fn reading_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let mut text = b"BEGIN:VCALENDAR\nBEGIN:VEVENT\n".to_vec();
        text.extend_from_slice(&bytes);
        let _ = read_calendar(&text, &reading());
        let _ = read_calendar(&bytes, &reading());
    }

    #[test]
    fn arbitrary_rules_never_panic(rule in "[A-Z=;,0-9+-]{0,60}") {
        if let Ok(rule) = recur::Rule::parse(&rule, 1) {
            let start = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap().and_hms_opt(9, 0, 0).unwrap();
            let horizon = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
            let _ = rule.expand(start, None, horizon);
        }
    }
}
