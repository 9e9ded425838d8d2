//! A person's own calendar: their local date and clock (from `people.time_zone`), the check-in
//! edit window, and their working days (`people.working_days`).

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, Utc, Weekday};

/// Days before today that a check-in may still be entered or corrected.
pub const EDIT_WINDOW_DAYS: u64 = 3;

/// The wall-clock time in `time_zone` (an IANA name) at `now`; an unknown or empty name is UTC,
/// as the roster stores it.
pub fn local_now(time_zone: &str, now: DateTime<Utc>) -> NaiveDateTime {
    match time_zone.trim().parse::<chrono_tz::Tz>() {
        Ok(zone) => now.with_timezone(&zone).naive_local(),
        Err(_) => now.naive_utc(),
    }
}

/// The first day a check-in may be written for, when today is `today`.
pub fn earliest_editable(today: NaiveDate) -> NaiveDate {
    today
        .checked_sub_days(Days::new(EDIT_WINDOW_DAYS))
        .unwrap_or(today)
}

/// The Monday of `date`'s week.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    let back = u64::from(date.weekday().num_days_from_monday());
    date.checked_sub_days(Days::new(back)).unwrap_or(date)
}

/// The days a person works. Stored as `mon,tue,…`; anything unreadable means Monday to Friday,
/// the default of METHOD.md section 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkingDays([bool; 7]);

impl WorkingDays {
    pub fn monday_to_friday() -> Self {
        Self([true, true, true, true, true, false, false])
    }

    pub fn parse(stored: &str) -> Self {
        let mut days = [false; 7];
        for name in stored.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            match weekday_of(name) {
                Some(day) => days[day.num_days_from_monday() as usize] = true,
                None => return Self::monday_to_friday(),
            }
        }
        if days.iter().any(|&works| works) {
            Self(days)
        } else {
            Self::monday_to_friday()
        }
    }

    pub fn includes(&self, date: NaiveDate) -> bool {
        self.0[date.weekday().num_days_from_monday() as usize]
    }

    /// Working days from `first` to `last`, both inclusive.
    pub fn count_between(&self, first: NaiveDate, last: NaiveDate) -> i64 {
        first
            .iter_days()
            .take_while(|day| *day <= last)
            .filter(|day| self.includes(*day))
            .count() as i64
    }
}

fn weekday_of(name: &str) -> Option<Weekday> {
    Some(match name.to_ascii_lowercase().as_str() {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn the_local_date_follows_the_persons_time_zone_around_midnight() {
        let late_utc = Utc.with_ymd_and_hms(2026, 11, 30, 23, 30, 0).unwrap();
        assert_eq!(
            local_now("Europe/Berlin", late_utc).date(),
            day(2026, 12, 1)
        );
        assert_eq!(
            local_now("America/New_York", late_utc).date(),
            day(2026, 11, 30)
        );
        let early_utc = Utc.with_ymd_and_hms(2026, 12, 1, 2, 0, 0).unwrap();
        assert_eq!(
            local_now("America/Los_Angeles", early_utc).date(),
            day(2026, 11, 30)
        );
        assert_eq!(local_now("Asia/Tokyo", early_utc).date(), day(2026, 12, 1));
    }

    #[test]
    fn an_unknown_time_zone_is_read_as_utc() {
        let now = Utc.with_ymd_and_hms(2026, 11, 30, 23, 30, 0).unwrap();
        assert_eq!(local_now("Mars/Olympus", now), now.naive_utc());
        assert_eq!(local_now("", now), now.naive_utc());
    }

    #[test]
    fn the_edit_window_is_today_and_the_three_days_before() {
        assert_eq!(earliest_editable(day(2026, 12, 1)), day(2026, 11, 28));
    }

    #[test]
    fn a_week_starts_on_monday() {
        assert_eq!(week_start(day(2026, 12, 3)), day(2026, 11, 30));
        assert_eq!(week_start(day(2026, 11, 30)), day(2026, 11, 30));
        assert_eq!(week_start(day(2026, 12, 6)), day(2026, 11, 30));
    }

    #[test]
    fn working_days_default_to_monday_to_friday() {
        assert_eq!(WorkingDays::parse(""), WorkingDays::monday_to_friday());
        assert_eq!(
            WorkingDays::parse("mon,funday"),
            WorkingDays::monday_to_friday()
        );
        let mine = WorkingDays::parse("tue, wed,SAT");
        assert!(mine.includes(day(2026, 12, 5)), "a Saturday");
        assert!(!mine.includes(day(2026, 11, 30)), "a Monday");
    }

    #[test]
    fn working_days_are_counted_over_both_ends() {
        let weekdays = WorkingDays::monday_to_friday();
        assert_eq!(
            weekdays.count_between(day(2026, 11, 30), day(2026, 12, 6)),
            5
        );
        assert_eq!(
            weekdays.count_between(day(2026, 11, 30), day(2026, 11, 30)),
            1
        );
        assert_eq!(
            weekdays.count_between(day(2026, 12, 5), day(2026, 12, 6)),
            0
        );
        assert_eq!(
            weekdays.count_between(day(2026, 12, 6), day(2026, 12, 5)),
            0
        );
    }
}
