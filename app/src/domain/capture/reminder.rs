//! The daily check-in reminder: its time setting, when one is due, and the message.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::calendar::WorkingDays;
use crate::domain::ParseError;

/// The reminder time nobody changed: late afternoon, before most people stop for the day.
pub const DEFAULT_TIME: &str = "16:30";

/// A local time as the settings store it, `HH:MM`.
pub fn parse_time(raw: &str) -> Result<String, ParseError> {
    NaiveTime::parse_from_str(raw.trim(), "%H:%M")
        .map(|time| time.format("%H:%M").to_string())
        .map_err(|_| ParseError::new("local_time", "give the time as HH:MM, e.g. 16:30"))
}

/// Whether today's reminder is due for a person whose clock reads `local_now`: on a working
/// day, once their reminder time has passed, when none went out today and they have not
/// checked in today.
pub fn is_due(
    local_now: NaiveDateTime,
    reminder_time: &str,
    working_days: WorkingDays,
    last_sent_on: Option<NaiveDate>,
    checked_in_today: bool,
) -> bool {
    let today = local_now.date();
    let Ok(at) = NaiveTime::parse_from_str(reminder_time, "%H:%M") else {
        return false;
    };
    working_days.includes(today)
        && local_now.time() >= at
        && last_sent_on != Some(today)
        && !checked_in_today
}

/// Subject and plain-text body of the reminder.
pub fn message(name: &str, checkin_url: &str, unsubscribe_url: &str) -> (String, String) {
    let subject = "Your check-in for today".to_string();
    let body = format!(
        "Hello {name},\n\n\
         A minute for today's check-in? Your energy is all that is required:\n\
         {checkin_url}\n\n\
         You get this because you turned on the daily reminder and take part in a pilot.\n\
         Stop these reminders with one click: {unsubscribe_url}\n\
         (or change the time on the check-in page)\n"
    );
    (subject, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str, time: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M").expect("time")
    }

    fn day(raw: &str) -> NaiveDate {
        raw.parse().expect("date")
    }

    #[test]
    fn a_reminder_time_is_hours_and_minutes() {
        assert_eq!(parse_time(" 7:05 ").as_deref(), Ok("07:05"));
        assert_eq!(parse_time("16:30").as_deref(), Ok("16:30"));
        for bad in ["", "24:00", "16.30", "4pm", "16:30:00"] {
            assert_eq!(parse_time(bad).expect_err(bad).field, "local_time");
        }
    }

    #[test]
    fn a_reminder_is_due_once_its_time_has_passed_on_a_working_day() {
        let weekdays = WorkingDays::monday_to_friday();
        // 1 December 2026 is a Tuesday.
        assert!(!is_due(
            at("2026-12-01", "16:29"),
            "16:30",
            weekdays,
            None,
            false
        ));
        assert!(is_due(
            at("2026-12-01", "16:30"),
            "16:30",
            weekdays,
            None,
            false
        ));
        assert!(is_due(
            at("2026-12-01", "23:59"),
            "16:30",
            weekdays,
            None,
            false
        ));
        assert!(
            !is_due(at("2026-12-05", "17:00"), "16:30", weekdays, None, false),
            "Saturday"
        );
        let saturdays = WorkingDays::parse("sat");
        assert!(is_due(
            at("2026-12-05", "17:00"),
            "16:30",
            saturdays,
            None,
            false
        ));
    }

    #[test]
    fn no_reminder_goes_out_twice_a_day_or_after_a_check_in() {
        let weekdays = WorkingDays::monday_to_friday();
        let now = at("2026-12-01", "17:00");
        assert!(!is_due(
            now,
            "16:30",
            weekdays,
            Some(day("2026-12-01")),
            false
        ));
        assert!(is_due(
            now,
            "16:30",
            weekdays,
            Some(day("2026-11-30")),
            false
        ));
        assert!(!is_due(now, "16:30", weekdays, None, true));
    }

    #[test]
    fn the_message_carries_both_links() {
        let (subject, body) = message("Rosa", "https://p.example/checkin", "https://p.example/u");
        assert!(subject.contains("check-in"));
        assert!(body.contains("https://p.example/checkin") && body.contains("https://p.example/u"));
    }
}
