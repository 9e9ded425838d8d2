//! Calendars (`.ics` files from Outlook, Google, Apple, Thunderbird) turned into the meeting
//! measures of METHOD.md section 2: reading, time zones, recurrence, which entries are
//! meetings, and the per-day figures in the person's own zone.

pub mod audit;
pub mod classify;
pub mod day;
pub mod event;
pub mod ics;
pub mod recur;
pub mod rule_parse;
pub mod time;
pub mod windows_zones;
pub mod zone;

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;

use crate::domain::capture::working_days::WorkingDays;
pub use classify::Kind;
pub use day::DayFigures;
pub use ics::IcsError;
use zone::{Zone, Zones};

/// Files larger than this are refused before reading.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// Whose calendar it is and which days to count.
#[derive(Debug, Clone)]
pub struct Reading {
    pub email: String,
    pub zone: Tz,
    pub working_days: WorkingDays,
    /// Both inclusive; without them, the first and last instance in the file.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Today in the person's zone: series without an end stop here.
    pub today: NaiveDate,
}

/// One meeting instance, as stored for the person's own view and the audit.
#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    /// What groups its instances: the event's `UID` (the same in every attendee's calendar),
    /// or its start for an event without one.
    pub key: String,
    /// One of several instances (a rule, `RDATE`s or overrides).
    pub recurring: bool,
    pub attendees: i64,
    pub organised: bool,
    /// None for `CLASS:PRIVATE` or `CONFIDENTIAL`, and for events without a title.
    pub title: Option<String>,
    pub private: bool,
}

/// What a calendar says about the covered days.
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarSummary {
    /// Every covered working day, zero included.
    pub days: BTreeMap<NaiveDate, DayFigures>,
    /// Meetings starting on a covered day (working or not), by start.
    pub meetings: Vec<Meeting>,
    /// The first and last day covered (working or not); None when the file covers none.
    pub covered: Option<(NaiveDate, NaiveDate)>,
}

impl CalendarSummary {
    pub fn total_meetings(&self) -> i64 {
        self.days.values().map(|d| d.meetings).sum()
    }

    pub fn total_hours(&self) -> f64 {
        self.days.values().map(|d| d.meeting_hours).sum()
    }

    /// The first and last covered working day.
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        Some((*self.days.keys().next()?, *self.days.keys().next_back()?))
    }
}

/// The most days a reading may cover: 50 years. More is a broken date (a year typed as 0026)
/// or a mistyped window, and covering it day by day would take seconds for every century.
pub const MAX_SPAN_DAYS: i64 = 50 * 366;

/// Why a span over [`MAX_SPAN_DAYS`] is refused: the window given, or the event whose date lies
/// far from the others (the end of the span farther from the middle instance).
fn too_long_a_span(
    reading: &Reading,
    live: &[&event::Instance],
    events: &[event::Event],
    person: &Zone,
    from: NaiveDate,
    to: NaiveDate,
) -> IcsError {
    if reading.from.is_some() && reading.to.is_some() {
        return IcsError::new(0, "--from and --to are more than 50 years apart");
    }
    let mut starts: Vec<(NaiveDate, usize)> = live
        .iter()
        .map(|instance| (person.to_local(instance.start).date(), instance.event))
        .collect();
    starts.sort_unstable();
    let middle = starts[starts.len() / 2].0;
    let (first, last) = (starts[0], starts[starts.len() - 1]);
    let outlier = if (middle - first.0) > (last.0 - middle) {
        first
    } else {
        last
    };
    IcsError::new(
        events[outlier.1].line,
        format!(
            "this event's date ({}) puts the file's meetings from {from} to {to}, more than 50 \
             years apart: check its dates, or choose the days to import",
            outlier.0
        ),
    )
}

/// Reads a whole file. Any bad line: an error naming it, and nothing else.
pub fn read_calendar(bytes: &[u8], reading: &Reading) -> Result<CalendarSummary, IcsError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(IcsError::new(
            0,
            format!(
                "the file is {} MB: at most 20 MB",
                bytes.len() / (1024 * 1024)
            ),
        ));
    }
    if reading
        .from
        .zip(reading.to)
        .is_some_and(|(from, to)| from > to)
    {
        return Err(IcsError::new(0, "--from is after --to"));
    }
    let roots = ics::parse(bytes)?;
    let events = event::read_all(&roots, |root| Zones::new(root, reading.zone))?;
    let person = Zone::Named(reading.zone);
    let midnight = |date: NaiveDate| person.to_utc(date.and_time(NaiveTime::MIN));
    let after = |date: NaiveDate, days: u64| date.checked_add_days(Days::new(days)).unwrap_or(date);
    let open_end = reading.to.unwrap_or(reading.today);
    let horizon = event::Horizon {
        // Bounded series are followed to their end when no window is given (up to MAX_INSTANCES).
        bounded: midnight(reading.to.map_or_else(
            || NaiveDate::from_ymd_opt(2200, 1, 1).unwrap_or(reading.today),
            |to| after(to, 2),
        )),
        open: midnight(after(open_end, if reading.to.is_some() { 2 } else { 1 })),
    };
    let instances = event::instances(&events, &person, horizon);
    let email = classify::normalize(&reading.email);

    // The covered span: the window given, else first to last instance (cancelled ones aside).
    let live: Vec<&event::Instance> = instances
        .iter()
        .filter(|i| !events[i.event].attendance.cancelled)
        .collect();
    let first_day = || live.iter().map(|i| person.to_local(i.start).date()).min();
    let last_day = || live.iter().map(|i| person.to_local(i.start).date()).max();
    let (from, to) = match (
        reading.from.or_else(first_day),
        reading.to.or_else(last_day),
    ) {
        (Some(from), Some(to)) => (from, to),
        _ => {
            return Ok(CalendarSummary {
                days: BTreeMap::new(),
                meetings: Vec::new(),
                covered: None,
            })
        }
    };
    if (to - from).num_days() > MAX_SPAN_DAYS {
        return Err(too_long_a_span(reading, &live, &events, &person, from, to));
    }
    let days: Vec<NaiveDate> = from
        .iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| reading.working_days.includes(*d))
        .collect();

    let mut meetings: Vec<Meeting> = Vec::new();
    let mut intervals = Vec::new();
    for instance in &instances {
        let event = &events[instance.event];
        if event.attendance.kind(&email, event.all_day()) != Kind::Meeting {
            continue;
        }
        intervals.push((instance.start, instance.end));
        let start_day = person.to_local(instance.start).date();
        if start_day < from || start_day > to {
            continue;
        }
        meetings.push(Meeting {
            start: instance.start,
            end: instance.end,
            key: event
                .uid
                .clone()
                .unwrap_or_else(|| format!("at:{}", instance.start.format("%Y%m%dT%H%M%SZ"))),
            recurring: instance.series.is_some(),
            attendees: event.attendance.head_count(),
            organised: event.attendance.organised_by(&email),
            title: if event.private {
                None
            } else {
                event.title.clone().filter(|t| !t.is_empty())
            },
            private: event.private,
        });
    }
    meetings.sort_by(|a, b| (a.start, a.end, &a.key).cmp(&(b.start, b.end, &b.key)));
    Ok(CalendarSummary {
        days: day::per_day(&intervals, &person, &days),
        meetings,
        covered: Some((from, to)),
    })
}

#[cfg(test)]
mod fixture_tests;
#[cfg(test)]
mod proptests;
