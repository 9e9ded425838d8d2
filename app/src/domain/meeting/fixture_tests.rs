//! Calendars written by hand the way Outlook, Google and Apple export them, each with its
//! per-day figures worked out by hand (see the comments) rather than by this code.

use chrono::NaiveDate;

use super::*;
use crate::domain::capture::working_days::WorkingDays;

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn reading(email: &str, zone: Tz, from: &str, to: &str) -> Reading {
    Reading {
        email: email.into(),
        zone,
        working_days: WorkingDays::default(),
        from: Some(date(from)),
        to: Some(date(to)),
        today: date("2026-11-29"),
    }
}

/// (day, meetings, meeting hours, focus hours) for every covered working day.
fn assert_days(summary: &CalendarSummary, expected: &[(&str, i64, f64, f64)]) {
    let got: Vec<(String, i64, f64, f64)> = summary
        .days
        .iter()
        .map(|(d, f)| {
            (
                d.to_string(),
                f.meetings,
                f.meeting_hours,
                f.calendar_focus_hours,
            )
        })
        .collect();
    let want: Vec<(String, i64, f64, f64)> = expected
        .iter()
        .map(|(d, m, h, f)| (d.to_string(), *m, *h, *f))
        .collect();
    assert_eq!(got, want);
}

const OUTLOOK: &[u8] = include_bytes!("fixtures/outlook_berlin_march.ics");
const GOOGLE: &[u8] = include_bytes!("fixtures/google_new_york_march.ics");
const APPLE: &[u8] = include_bytes!("fixtures/apple_berlin_october.ics");

#[test]
fn outlook_export_across_the_march_change_in_berlin() {
    let summary = read_calendar(
        OUTLOOK,
        &reading(
            "anna@example.org",
            chrono_tz::Europe::Berlin,
            "2026-03-23",
            "2026-04-03",
        ),
    )
    .unwrap();
    assert_days(
        &summary,
        &[
            // Team sync Mon/Wed 10-11 (Windows zone name): focus 11-17.
            ("2026-03-23", 1, 1.0, 6.0),
            // Only a declined invitation.
            ("2026-03-24", 0, 0.0, 8.0),
            // The sync is excluded (EXDATE).
            ("2026-03-25", 0, 0.0, 8.0),
            // Own focus block 9-12 is no meeting; review 13-14:30 and a tentative private
            // talk 14-15 overlap: two meetings, two hours; free 9-13 and 15-17.
            ("2026-03-26", 2, 2.0, 6.0),
            // 1:1 16:00-16:30 in a zone only the file defines; free 9-16.
            ("2026-03-27", 1, 0.5, 7.0),
            // After the change (CEST) the sync is moved to 14-15: free 9-14 and 15-17.
            ("2026-03-30", 1, 1.0, 7.0),
            // A transparent webinar does not count.
            ("2026-03-31", 0, 0.0, 8.0),
            // The sync stays at 10:00 local after the change.
            ("2026-04-01", 1, 1.0, 6.0),
            ("2026-04-02", 0, 0.0, 8.0),
            // The second 1:1 is cancelled by its override.
            ("2026-04-03", 0, 0.0, 8.0),
        ],
    );
    assert_eq!(summary.total_meetings(), 6);
    assert_eq!(summary.total_hours(), 5.5);
    let private: Vec<&Meeting> = summary.meetings.iter().filter(|m| m.private).collect();
    assert_eq!(private.len(), 1);
    assert_eq!(private[0].title, None);
    let sync = summary
        .meetings
        .iter()
        .find(|m| m.title.as_deref() == Some("Team-Sync Plattform"))
        .unwrap();
    assert!(sync.recurring);
    // Anna, Bernd and the room.
    assert_eq!(sync.attendees, 3);
    assert!(!sync.organised);
}

#[test]
fn google_export_across_the_march_change_in_new_york() {
    let summary = read_calendar(
        GOOGLE,
        &reading(
            "ben@example.com",
            chrono_tz::America::New_York,
            "2026-03-02",
            "2026-03-13",
        ),
    )
    .unwrap();
    assert_days(
        &summary,
        &[
            // Standup 9:30-9:45 every weekday: focus 9:45-17.
            ("2026-03-02", 1, 0.25, 7.25),
            ("2026-03-03", 1, 0.25, 7.25),
            // Excluded.
            ("2026-03-04", 0, 0.0, 8.0),
            // Standup and a UTC vendor call 19-20Z = 14-15 EST: free 9:45-14 and 15-17.
            ("2026-03-05", 2, 1.25, 6.25),
            // Standup and a floating 13-14, read in New York whatever X-WR-TIMEZONE says.
            ("2026-03-06", 2, 1.25, 6.25),
            // After the change (EDT): standup still 9:30; the all-hands is declined and the
            // all-day offsite is no meeting.
            ("2026-03-09", 1, 0.25, 7.25),
            // That day's standup moved to 15-16Z = 11-12 EDT: free 9-11 and 12-17.
            ("2026-03-10", 1, 1.0, 7.0),
            // The last standup (UNTIL 13:30Z = 9:30 EDT, inclusive) and the Tokyo sync from
            // 23:30, which gives its half hour to this day.
            ("2026-03-11", 2, 0.75, 7.25),
            // The Tokyo sync's 2 hours after midnight; the retro moved out of the window.
            ("2026-03-12", 0, 2.0, 8.0),
            // A February design crit moved into the window, 10-11.
            ("2026-03-13", 1, 1.0, 6.0),
        ],
    );
    assert_eq!(summary.total_meetings(), 11);
    assert_eq!(summary.total_hours(), 8.0);
}

#[test]
fn apple_export_across_the_october_change_in_berlin() {
    let summary = read_calendar(
        APPLE,
        &reading(
            "Clara@example.de",
            chrono_tz::Europe::Berlin,
            "2026-10-19",
            "2026-10-30",
        ),
    )
    .unwrap();
    assert_days(
        &summary,
        &[
            // Planning 8:30-9:30 (DURATION): free 9:30-17.
            ("2026-10-19", 1, 1.0, 7.5),
            // Declined through the EMAIL parameter.
            ("2026-10-20", 0, 0.0, 8.0),
            // The RDATE 16-17: free 9-16.
            ("2026-10-21", 1, 1.0, 7.0),
            // All-day team day is no meeting.
            ("2026-10-22", 0, 0.0, 8.0),
            // A private meeting counts: free 11-17.
            ("2026-10-23", 1, 1.0, 6.0),
            // After the change (CET): planning 8:30-9:30, a UTC 7-8Z = 8-9 meeting, lunch
            // sync 12-12:30: union 1.5 + 0.5 hours; free 9:30-12 and 12:30-17.
            ("2026-10-26", 3, 2.0, 7.0),
            ("2026-10-27", 1, 0.5, 7.5),
            // Lunch sync cancelled by its override.
            ("2026-10-28", 0, 0.0, 8.0),
            // Lunch sync and the last-Thursday review 15-16:30: free 9-12 and 12:30-15.
            ("2026-10-29", 2, 2.0, 5.5),
            // Lunch sync excluded by a UTC EXDATE.
            ("2026-10-30", 0, 0.0, 8.0),
        ],
    );
    assert_eq!(summary.total_meetings(), 9);
    assert_eq!(summary.total_hours(), 7.5);
    let planning = summary
        .meetings
        .iter()
        .find(|m| m.title.as_deref() == Some("Planung"))
        .unwrap();
    assert!(planning.organised);
}

#[test]
fn without_a_window_the_file_covers_its_first_to_last_instance() {
    let mut whole = reading(
        "anna@example.org",
        chrono_tz::Europe::Berlin,
        "2026-01-01",
        "2026-01-01",
    );
    whole.from = None;
    whole.to = None;
    whole.today = date("2026-04-08");
    let summary = read_calendar(OUTLOOK, &whole).unwrap();
    // The open Mon/Wed sync runs from 2 March up to today (Wednesday 8 April).
    assert_eq!(
        summary.span(),
        Some((date("2026-03-02"), date("2026-04-08")))
    );
}

#[test]
fn working_days_decide_which_days_are_written() {
    let mut mine = reading(
        "anna@example.org",
        chrono_tz::Europe::Berlin,
        "2026-03-23",
        "2026-03-29",
    );
    mine.working_days = WorkingDays::parse(&["mon", "sun"]).unwrap();
    let summary = read_calendar(OUTLOOK, &mine).unwrap();
    let days: Vec<String> = summary.days.keys().map(|d| d.to_string()).collect();
    assert_eq!(days, ["2026-03-23", "2026-03-29"]);
}

#[test]
fn an_unknown_zone_is_a_bad_line() {
    let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;TZID=Mars/Olympus:20260302T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let err = read_calendar(
        text.as_bytes(),
        &reading("a@x.org", chrono_tz::UTC, "2026-03-02", "2026-03-02"),
    )
    .unwrap_err();
    assert_eq!(err.line, 4);
    assert!(err.message.contains("Mars/Olympus"), "{}", err.message);
}

#[test]
fn an_event_ending_before_it_starts_is_a_bad_line() {
    let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260302T100000Z\nDTEND:20260302T090000Z\nEND:VEVENT\nEND:VCALENDAR\n";
    let err = read_calendar(
        text.as_bytes(),
        &reading("a@x.org", chrono_tz::UTC, "2026-03-02", "2026-03-02"),
    )
    .unwrap_err();
    assert_eq!(err.line, 4);
}

#[test]
fn files_over_twenty_megabytes_are_refused() {
    let big = vec![b' '; MAX_FILE_BYTES + 1];
    let err = read_calendar(
        &big,
        &reading("a@x.org", chrono_tz::UTC, "2026-03-02", "2026-03-02"),
    )
    .unwrap_err();
    assert!(err.message.contains("20 MB"), "{}", err.message);
}

#[test]
fn a_year_typed_as_0026_is_refused_on_its_line_instead_of_covering_two_thousand_years() {
    // Found by the fuzzer's long run: reading it took 5 to 10 seconds in the debug build.
    let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260302T090000Z\r\nDURATION:PT1H\r\nORGANIZER:mailto:b@x.org\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTART:20260303T090000Z\r\nDURATION:PT1H\r\nORGANIZER:mailto:b@x.org\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:c\r\nDTSTART:00260304T090000Z\r\nDURATION:PT1H\r\nORGANIZER:mailto:b@x.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let whole_file = Reading {
        from: None,
        to: None,
        ..reading("a@x.org", chrono_tz::UTC, "2026-03-02", "2026-03-02")
    };
    let err = read_calendar(text.as_bytes(), &whole_file).unwrap_err();
    assert_eq!(err.line, 14, "{}", err.message);
    assert!(err.message.contains("0026-03-04"), "{}", err.message);
    assert!(
        err.message.contains("more than 50 years"),
        "{}",
        err.message
    );
    // With a window, the far event is simply outside it.
    let window = reading("a@x.org", chrono_tz::UTC, "2026-03-02", "2026-03-06");
    assert_eq!(
        read_calendar(text.as_bytes(), &window)
            .expect("read")
            .total_meetings(),
        2
    );
    let too_wide = reading("a@x.org", chrono_tz::UTC, "1900-01-01", "2026-03-06");
    assert!(read_calendar(text.as_bytes(), &too_wide)
        .unwrap_err()
        .message
        .contains("--from and --to"));
}

#[test]
fn a_bare_date_exdate_or_recurrence_id_names_that_days_instance_of_a_timed_series() {
    let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:s\r\nDTSTART;TZID=Europe/Berlin:20260302T100000\r\nDTEND;TZID=Europe/Berlin:20260302T110000\r\nRRULE:FREQ=DAILY;COUNT=3\r\nEXDATE;VALUE=DATE:20260303\r\nORGANIZER:mailto:b@x.org\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:s\r\nRECURRENCE-ID;VALUE=DATE:20260304\r\nDTSTART;TZID=Europe/Berlin:20260304T150000\r\nDTEND;TZID=Europe/Berlin:20260304T153000\r\nORGANIZER:mailto:b@x.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let summary = read_calendar(
        text.as_bytes(),
        &reading(
            "a@x.org",
            chrono_tz::Europe::Berlin,
            "2026-03-02",
            "2026-03-04",
        ),
    )
    .unwrap();
    assert_days(
        &summary,
        &[
            ("2026-03-02", 1, 1.0, 6.0),
            ("2026-03-03", 0, 0.0, 8.0),
            ("2026-03-04", 1, 0.5, 6.0),
        ],
    );
}

#[test]
fn an_outlook_all_day_event_with_midnight_times_is_no_meeting() {
    let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=\"W. Europe Standard Time\":20260302T000000\r\nDTEND;TZID=\"W. Europe Standard Time\":20260303T000000\r\nORGANIZER:mailto:b@x.org\r\nX-MICROSOFT-CDO-ALLDAYEVENT:TRUE\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let summary = read_calendar(
        text.as_bytes(),
        &reading(
            "a@x.org",
            chrono_tz::Europe::Berlin,
            "2026-03-02",
            "2026-03-02",
        ),
    )
    .unwrap();
    assert_days(&summary, &[("2026-03-02", 0, 0.0, 8.0)]);
}
