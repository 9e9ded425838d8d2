//! Per-day figures in the person's zone: meetings starting that day, the hours of the union of
//! meeting intervals clipped to the day, and calendar focus hours (free blocks of at least two
//! hours between 09:00 and 17:00 local, only meetings making time busy).

use std::collections::{BTreeMap, HashMap};

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::zone::Zone;

/// Focus time is looked for between these local times.
pub const WORKDAY_START: NaiveTime = match NaiveTime::from_hms_opt(9, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};
pub const WORKDAY_END: NaiveTime = match NaiveTime::from_hms_opt(17, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};
/// A free block shorter than this is not focus time.
pub const FOCUS_BLOCK_SECONDS: i64 = 2 * 3600;
/// A meeting longer than this adds hours to at most this many days (a mistaken "all week"
/// timed event must not walk through years of days).
const MAX_DAYS_PER_MEETING: u64 = 62;

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct DayFigures {
    pub meetings: i64,
    pub meeting_hours: f64,
    pub calendar_focus_hours: f64,
}

/// Figures for each of `days` (any order), from meeting intervals in UTC.
pub fn per_day(
    meetings: &[(NaiveDateTime, NaiveDateTime)],
    zone: &Zone,
    days: &[NaiveDate],
) -> BTreeMap<NaiveDate, DayFigures> {
    let wanted: std::collections::HashSet<NaiveDate> = days.iter().copied().collect();
    let mut starting: HashMap<NaiveDate, i64> = HashMap::new();
    let mut touching: HashMap<NaiveDate, Vec<(NaiveDateTime, NaiveDateTime)>> = HashMap::new();
    for &(start, end) in meetings {
        let first = zone.to_local(start).date();
        if wanted.contains(&first) {
            *starting.entry(first).or_default() += 1;
        }
        if end <= start {
            continue;
        }
        let last = zone.to_local(end).date();
        for day in first
            .iter_days()
            .take_while(|d| *d <= last)
            .take(MAX_DAYS_PER_MEETING as usize)
        {
            if wanted.contains(&day) {
                touching.entry(day).or_default().push((start, end));
            }
        }
    }
    days.iter()
        .map(|&day| {
            let busy = touching.remove(&day).unwrap_or_default();
            let (day_start, day_end) = bounds(zone, day, NaiveTime::MIN, None);
            let (focus_start, focus_end) = bounds(zone, day, WORKDAY_START, Some(WORKDAY_END));
            let merged = union(&busy);
            let meeting_seconds: i64 = merged
                .iter()
                .map(|&(s, e)| (e.min(day_end) - s.max(day_start)).num_seconds().max(0))
                .sum();
            let figures = DayFigures {
                meetings: starting.get(&day).copied().unwrap_or(0),
                meeting_hours: meeting_seconds as f64 / 3600.0,
                calendar_focus_hours: focus_seconds(&merged, focus_start, focus_end) as f64
                    / 3600.0,
            };
            (day, figures)
        })
        .collect()
}

/// UTC instants of `from` on `day` and of `until` (or the next midnight) in `zone`.
fn bounds(
    zone: &Zone,
    day: NaiveDate,
    from: NaiveTime,
    until: Option<NaiveTime>,
) -> (NaiveDateTime, NaiveDateTime) {
    let start = zone.to_utc(day.and_time(from));
    let end = match until {
        Some(time) => zone.to_utc(day.and_time(time)),
        None => zone.to_utc(
            day.checked_add_days(Days::new(1))
                .unwrap_or(day)
                .and_time(NaiveTime::MIN),
        ),
    };
    (start, end)
}

/// Overlapping or touching intervals merged, sorted.
pub fn union(intervals: &[(NaiveDateTime, NaiveDateTime)]) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let mut sorted: Vec<_> = intervals.iter().copied().filter(|(s, e)| e > s).collect();
    sorted.sort_unstable();
    let mut merged: Vec<(NaiveDateTime, NaiveDateTime)> = Vec::with_capacity(sorted.len());
    for (start, end) in sorted {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// Seconds of free blocks of at least two hours between `from` and `until`.
fn focus_seconds(
    busy: &[(NaiveDateTime, NaiveDateTime)],
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> i64 {
    let mut free = 0;
    let mut cursor = from;
    for &(start, end) in busy {
        if end <= cursor {
            continue;
        }
        if start >= until {
            break;
        }
        let gap = (start.min(until) - cursor).num_seconds();
        if gap >= FOCUS_BLOCK_SECONDS {
            free += gap;
        }
        cursor = cursor.max(end);
        if cursor >= until {
            return free;
        }
    }
    let gap = (until - cursor).num_seconds();
    if gap >= FOCUS_BLOCK_SECONDS {
        free += gap;
    }
    free
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, day)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    fn one(meetings: &[(NaiveDateTime, NaiveDateTime)], day: u32) -> DayFigures {
        let date = NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        per_day(meetings, &Zone::Utc, &[date])[&date]
    }

    #[test]
    fn overlapping_meetings_are_not_counted_twice() {
        let figures = one(
            &[(at(2, 10, 0), at(2, 11, 0)), (at(2, 10, 30), at(2, 11, 30))],
            2,
        );
        assert_eq!(figures.meetings, 2);
        assert_eq!(figures.meeting_hours, 1.5);
    }

    #[test]
    fn a_meeting_across_midnight_gives_its_later_hours_to_the_next_day() {
        let late = [(at(2, 23, 0), at(3, 1, 30))];
        assert_eq!(
            one(&late, 2),
            DayFigures {
                meetings: 1,
                meeting_hours: 1.0,
                calendar_focus_hours: 8.0
            }
        );
        assert_eq!(
            one(&late, 3),
            DayFigures {
                meetings: 0,
                meeting_hours: 1.5,
                calendar_focus_hours: 8.0
            }
        );
    }

    #[test]
    fn focus_time_is_free_blocks_of_two_hours_or_more() {
        // 09-10:30 free (1.5 h, too short), 11:00-13:00 free (2 h), 14:00-17:00 free (3 h).
        let day = [(at(2, 10, 30), at(2, 11, 0)), (at(2, 13, 0), at(2, 14, 0))];
        assert_eq!(one(&day, 2).calendar_focus_hours, 5.0);
        assert_eq!(one(&[], 2).calendar_focus_hours, 8.0);
        assert_eq!(
            one(&[(at(2, 8, 0), at(2, 18, 0))], 2).calendar_focus_hours,
            0.0
        );
    }

    #[test]
    fn days_follow_the_person_zone_across_daylight_saving() {
        // Berlin springs forward on 29 March 2026: that day has 23 hours.
        let zone = Zone::Named(chrono_tz::Europe::Berlin);
        let date = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        let whole = [(at(28, 23, 0), at(29, 22, 0))];
        assert_eq!(per_day(&whole, &zone, &[date])[&date].meeting_hours, 23.0);
    }
}
