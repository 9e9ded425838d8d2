//! Retention: how long entries of closed pilots are kept, and which days of whose entries that
//! lets go. Pure: the job (`services::retention`) reads the pilots and deletes what this says.

use chrono::{Months, NaiveDate};

use super::ParseError;

/// The organisation's retention period in whole months (default 24, at least 1, at most 120).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionMonths(u32);

impl RetentionMonths {
    pub const DEFAULT: Self = Self(24);
    pub const MIN: u32 = 1;
    pub const MAX: u32 = 120;

    pub fn new(months: i64) -> Result<Self, ParseError> {
        match u32::try_from(months) {
            Ok(months) if (Self::MIN..=Self::MAX).contains(&months) => Ok(Self(months)),
            _ => Err(ParseError::new(
                "retention_months",
                format!(
                    "must be a whole number of months from {} to {}, not {months}",
                    Self::MIN,
                    Self::MAX
                ),
            )),
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }

    /// The first day that is kept: entries dated before it (of closed pilots) go. The same day
    /// of the month `months` earlier, or that month's last day when it is shorter (31 March less
    /// one month is 28 or 29 February).
    pub fn first_kept_day(self, today: NaiveDate) -> NaiveDate {
        today
            .checked_sub_months(Months::new(self.0))
            .unwrap_or(NaiveDate::MIN)
    }
}

/// The days of one pilot a person's entries belong to: from the first day of the baseline to
/// the last day of the follow-up (both inclusive); `closed` once the pilot is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PilotDays {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub closed: bool,
}

/// The date ranges (inclusive, sorted, disjoint) of one person's entries that retention
/// deletes: days inside a closed pilot of theirs, before `first_kept`, and inside no pilot of
/// theirs that is not closed yet (a pilot still running, or in review, keeps every day it
/// covers, whatever an earlier pilot's age).
pub fn expired_ranges(pilots: &[PilotDays], first_kept: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let Some(last_expired) = first_kept.pred_opt() else {
        return Vec::new();
    };
    let mut closed: Vec<(NaiveDate, NaiveDate)> = pilots
        .iter()
        .filter(|pilot| pilot.closed && pilot.first <= pilot.last && pilot.first <= last_expired)
        .map(|pilot| (pilot.first, pilot.last.min(last_expired)))
        .collect();
    closed.sort();
    let mut ranges = merge(closed);
    for open in pilots.iter().filter(|pilot| !pilot.closed) {
        ranges = ranges
            .into_iter()
            .flat_map(|range| subtract(range, (open.first, open.last)))
            .collect();
    }
    ranges
}

/// Sorted ranges, overlapping or adjacent ones joined.
fn merge(sorted: Vec<(NaiveDate, NaiveDate)>) -> Vec<(NaiveDate, NaiveDate)> {
    let mut merged: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for (first, last) in sorted {
        match merged.last_mut() {
            Some((_, end)) if end.succ_opt().is_some_and(|next| first <= next) => {
                *end = (*end).max(last);
            }
            _ => merged.push((first, last)),
        }
    }
    merged
}

/// `range` without the days of `hole`: nothing, itself, or one or two pieces.
fn subtract(
    (first, last): (NaiveDate, NaiveDate),
    (hole_first, hole_last): (NaiveDate, NaiveDate),
) -> Vec<(NaiveDate, NaiveDate)> {
    if hole_last < first || hole_first > last {
        return vec![(first, last)];
    }
    let mut pieces = Vec::new();
    if let Some(before) = hole_first.pred_opt().filter(|before| *before >= first) {
        pieces.push((first, before));
    }
    if let Some(after) = hole_last.succ_opt().filter(|after| *after <= last) {
        pieces.push((after, last));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn pilot(first: &str, last: &str, closed: bool) -> PilotDays {
        PilotDays {
            first: day(first),
            last: day(last),
            closed,
        }
    }

    #[test]
    fn the_period_is_whole_months_from_one_to_ten_years() {
        assert_eq!(RetentionMonths::new(24).map(RetentionMonths::get), Ok(24));
        assert!(RetentionMonths::new(0).is_err());
        assert!(RetentionMonths::new(121).is_err());
        assert!(RetentionMonths::new(-3).is_err());
        let error = RetentionMonths::new(0).unwrap_err();
        assert_eq!(error.field, "retention_months");
        assert!(error.message.contains("from 1 to 120"));
    }

    #[test]
    fn the_first_kept_day_is_the_same_day_months_earlier_or_the_months_last() {
        let two_years = RetentionMonths::DEFAULT;
        assert_eq!(
            two_years.first_kept_day(day("2026-11-29")),
            day("2024-11-29")
        );
        let one = RetentionMonths::new(1).expect("months");
        assert_eq!(one.first_kept_day(day("2026-03-31")), day("2026-02-28"));
        assert_eq!(one.first_kept_day(day("2024-03-31")), day("2024-02-29"));
    }

    #[test]
    fn only_days_of_closed_pilots_before_the_cut_go() {
        let pilots = [pilot("2024-01-01", "2024-03-31", true)];
        assert_eq!(
            expired_ranges(&pilots, day("2024-02-15")),
            [(day("2024-01-01"), day("2024-02-14"))]
        );
        assert!(expired_ranges(&pilots, day("2024-01-01")).is_empty());
        assert_eq!(
            expired_ranges(&pilots, day("2025-01-01")),
            [(day("2024-01-01"), day("2024-03-31"))]
        );
        let running = [pilot("2024-01-01", "2024-03-31", false)];
        assert!(expired_ranges(&running, day("2025-01-01")).is_empty());
    }

    #[test]
    fn a_pilot_not_yet_closed_keeps_the_days_it_shares_with_a_closed_one() {
        let pilots = [
            pilot("2024-01-01", "2024-06-30", true),
            pilot("2024-03-01", "2024-03-31", false),
            pilot("2024-05-01", "2024-05-10", true),
        ];
        assert_eq!(
            expired_ranges(&pilots, day("2026-01-01")),
            [
                (day("2024-01-01"), day("2024-02-29")),
                (day("2024-04-01"), day("2024-06-30")),
            ]
        );
    }

    fn any_pilot() -> impl Strategy<Value = PilotDays> {
        (0i64..800, 0i64..200, any::<bool>()).prop_map(|(start, length, closed)| {
            let first = day("2023-01-01") + chrono::Duration::days(start);
            PilotDays {
                first,
                last: first + chrono::Duration::days(length),
                closed,
            }
        })
    }

    proptest! {
        /// Day by day, the ranges hold exactly the days the rule names.
        #[test]
        fn the_ranges_are_exactly_the_expired_days(
            pilots in proptest::collection::vec(any_pilot(), 0..5),
            cut in 0i64..1100,
        ) {
            let first_kept = day("2023-01-01") + chrono::Duration::days(cut);
            let ranges = expired_ranges(&pilots, first_kept);
            for pair in ranges.windows(2) {
                prop_assert!(pair[0].1 < pair[1].0, "sorted and disjoint: {:?}", ranges);
            }
            let mut date = day("2022-12-25");
            while date < day("2026-01-01") {
                let in_closed = pilots.iter().any(|p| p.closed && p.first <= date && date <= p.last);
                let in_open = pilots.iter().any(|p| !p.closed && p.first <= date && date <= p.last);
                let expected = in_closed && !in_open && date < first_kept;
                let found = ranges.iter().any(|(first, last)| *first <= date && date <= *last);
                prop_assert_eq!(found, expected, "{}", date);
                date = date.succ_opt().expect("next day");
            }
        }
    }
}
