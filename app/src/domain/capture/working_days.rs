//! The days of the week a person works: what participation expects a check-in on. Stored as
//! `mon,tue,wed,thu,fri` (Monday to Friday unless the person sets their own).

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::domain::ParseError;

/// The spelling of each weekday in storage, the API and the pages, Monday first.
pub const DAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const DAY_LABELS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// At least one day of the week; once you hold one, it is valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct WorkingDays {
    /// Bit 0 is Monday … bit 6 Sunday.
    mask: u8,
}

impl Default for WorkingDays {
    fn default() -> Self {
        Self { mask: 0b001_1111 }
    }
}

impl WorkingDays {
    /// Days named by their keys (`mon` … `sun`), in any order and case, repeats ignored.
    pub fn parse<S: AsRef<str>>(days: &[S]) -> Result<Self, ParseError> {
        let mut mask = 0u8;
        for day in days {
            let day = day.as_ref().trim().to_ascii_lowercase();
            let index = DAY_KEYS.iter().position(|key| *key == day).ok_or_else(|| {
                ParseError::new(
                    "working_days",
                    format!(
                        "'{}' is not a day: use mon, tue, wed, thu, fri, sat or sun",
                        crate::domain::audit::clip(day.clone(), 20)
                    ),
                )
            })?;
            mask |= 1 << index;
        }
        if mask == 0 {
            return Err(ParseError::new(
                "working_days",
                "choose at least one working day",
            ));
        }
        Ok(Self { mask })
    }

    /// A stored value; anything unreadable falls back to Monday to Friday, the documented
    /// default, rather than making a person expected to check in on no day at all.
    pub fn from_stored(stored: &str) -> Self {
        let days: Vec<&str> = stored.split(',').filter(|day| !day.is_empty()).collect();
        Self::parse(&days).unwrap_or_default()
    }

    /// `mon,tue,…` in week order: the stored form.
    pub fn to_stored(self) -> String {
        self.keys().join(",")
    }

    pub fn keys(self) -> Vec<&'static str> {
        (0..7)
            .filter(|index| self.mask & (1 << index) != 0)
            .map(|index| DAY_KEYS[index])
            .collect()
    }

    pub fn includes(self, date: NaiveDate) -> bool {
        self.includes_weekday(date.weekday())
    }

    pub fn includes_weekday(self, weekday: Weekday) -> bool {
        self.mask & (1 << weekday.num_days_from_monday()) != 0
    }

    /// "Monday, Tuesday, …" for a page.
    pub fn label(self) -> String {
        (0..7)
            .filter(|index| self.mask & (1 << index) != 0)
            .map(|index| DAY_LABELS[index])
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The label of a day key (`mon` → Monday), for forms.
pub fn day_label(key: &str) -> &'static str {
    DAY_KEYS
        .iter()
        .position(|day| *day == key)
        .map_or("", |index| DAY_LABELS[index])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn the_default_is_monday_to_friday() {
        let days = WorkingDays::default();
        assert_eq!(days.to_stored(), "mon,tue,wed,thu,fri");
        assert!(days.includes(date("2026-11-27")), "a Friday");
        assert!(!days.includes(date("2026-11-28")), "a Saturday");
    }

    #[test]
    fn days_are_stored_in_week_order_whatever_order_they_came_in() {
        let days = WorkingDays::parse(&["SUN", " tue", "tue", "sat"]).expect("days");
        assert_eq!(days.to_stored(), "tue,sat,sun");
        assert_eq!(days.label(), "Tuesday, Saturday, Sunday");
        assert_eq!(WorkingDays::from_stored("tue,sat,sun"), days);
    }

    #[test]
    fn no_day_at_all_or_an_unknown_day_is_refused_naming_the_field() {
        let none: [&str; 0] = [];
        let error = WorkingDays::parse(&none).expect_err("no day");
        assert_eq!(error.field, "working_days");
        let error = WorkingDays::parse(&["mon", "funday"]).expect_err("unknown");
        assert!(error.message.contains("'funday'"), "{error}");
    }

    #[test]
    fn an_unreadable_stored_value_reads_as_monday_to_friday() {
        assert_eq!(WorkingDays::from_stored(""), WorkingDays::default());
        assert_eq!(WorkingDays::from_stored("xyz"), WorkingDays::default());
    }

    proptest! {
        #[test]
        fn stored_days_read_back_as_themselves(mask in 1u8..128) {
            let keys: Vec<&str> = (0..7)
                .filter(|index| mask & (1 << index) != 0)
                .map(|index| DAY_KEYS[index])
                .collect();
            let days = WorkingDays::parse(&keys).expect("days");
            prop_assert_eq!(WorkingDays::from_stored(&days.to_stored()), days);
            prop_assert_eq!(days.keys(), keys);
        }

        #[test]
        fn parsing_never_panics(days in proptest::collection::vec(".{0,6}", 0..9)) {
            let _ = WorkingDays::parse(&days);
        }
    }
}
