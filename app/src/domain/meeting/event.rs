//! `VEVENT`s read and expanded into instances: a series' rule, `RDATE`s and `EXDATE`s, and the
//! overrides (`RECURRENCE-ID`) that move, change or cancel single instances.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::classify::Attendance;
use super::ics::{unescape, Component, IcsError};
use super::recur::{Rule, Until};
use super::time::{duration, moment, InstanceKey, Length, Moment};
use super::zone::{Zone, Zones};

/// One `VEVENT` as read.
#[derive(Debug, Clone)]
pub struct Event {
    pub line: usize,
    pub uid: Option<String>,
    pub sequence: i64,
    pub start: Moment,
    pub length: Length,
    pub rule: Option<(Rule, usize)>,
    pub rdates: Vec<(Moment, Option<Length>)>,
    pub exdates: HashSet<InstanceKey>,
    pub recurrence_id: Option<InstanceKey>,
    pub title: Option<String>,
    pub private: bool,
    pub attendance: Attendance,
    /// Outlook marks all-day events it writes with midnight times this way.
    pub marked_all_day: bool,
}

impl Event {
    pub fn read(component: &Component, zones: &Zones) -> Result<Self, IcsError> {
        let start_line = component
            .property("DTSTART")
            .ok_or_else(|| IcsError::new(component.line, "VEVENT has no DTSTART"))?;
        let start = moment(start_line, &start_line.value, zones)?;
        let person = zones.person();
        let length = match (component.property("DTEND"), component.property("DURATION")) {
            (Some(end_line), _) => {
                let end = moment(end_line, &end_line.value, zones)?;
                match (&start, &end) {
                    (Moment::Date(first), Moment::Date(last)) => {
                        let days = (*last - *first).num_days();
                        if days < 0 {
                            return Err(IcsError::new(end_line.line, "DTEND is before DTSTART"));
                        }
                        Length {
                            days: days as u64,
                            seconds: 0,
                        }
                    }
                    (Moment::Date(_), _) | (_, Moment::Date(_)) => {
                        return Err(IcsError::new(
                            end_line.line,
                            "DTEND and DTSTART must both be dates or both date-times",
                        ))
                    }
                    _ => {
                        let seconds = (end.utc(&person) - start.utc(&person)).num_seconds();
                        if seconds < 0 {
                            return Err(IcsError::new(end_line.line, "DTEND is before DTSTART"));
                        }
                        Length { days: 0, seconds }
                    }
                }
            }
            (None, Some(length_line)) => duration(length_line, &length_line.value)?,
            // RFC 5545: a date lasts the day, a date-time no time at all.
            (None, None) => match start {
                Moment::Date(_) => Length {
                    days: 1,
                    seconds: 0,
                },
                Moment::Timed { .. } => Length::default(),
            },
        };
        let rule = match component.property("RRULE") {
            Some(line) => Some((Rule::parse(&line.value, line.line)?, line.line)),
            None => None,
        };
        let mut rdates = Vec::new();
        for line in component.all("RDATE") {
            let period = line
                .param("VALUE")
                .is_some_and(|v| v.eq_ignore_ascii_case("PERIOD"));
            for value in line.value.split(',').filter(|v| !v.trim().is_empty()) {
                match value.split_once('/') {
                    Some((from, until)) if period || value.contains('/') => {
                        let at = moment(line, from, zones)?;
                        let own = if until.trim_start().starts_with(['P', 'p', '+']) {
                            duration(line, until)?
                        } else {
                            let end = moment(line, until, zones)?;
                            let seconds = (end.utc(&person) - at.utc(&person)).num_seconds();
                            if seconds < 0 {
                                return Err(IcsError::new(
                                    line.line,
                                    "RDATE period ends before it starts",
                                ));
                            }
                            Length { days: 0, seconds }
                        };
                        rdates.push((at, Some(own)));
                    }
                    _ => rdates.push((moment(line, value, zones)?, None)),
                }
            }
        }
        let mut exdates = HashSet::new();
        for line in component.all("EXDATE") {
            for value in line.value.split(',').filter(|v| !v.trim().is_empty()) {
                exdates.insert(moment(line, value, zones)?.key());
            }
        }
        let recurrence_id = match component.property("RECURRENCE-ID") {
            Some(line) => Some(moment(line, &line.value, zones)?.key()),
            None => None,
        };
        let class = component
            .property("CLASS")
            .map(|p| p.value.trim().to_ascii_uppercase())
            .unwrap_or_default();
        Ok(Self {
            line: component.line,
            uid: component
                .property("UID")
                .map(|p| p.value.trim().to_string())
                .filter(|uid| !uid.is_empty()),
            sequence: component
                .property("SEQUENCE")
                .and_then(|p| p.value.trim().parse().ok())
                .unwrap_or(0),
            start,
            length,
            rule,
            rdates,
            exdates,
            recurrence_id,
            title: component
                .property("SUMMARY")
                .map(|p| clip_title(&unescape(&p.value))),
            private: class == "PRIVATE" || class == "CONFIDENTIAL",
            attendance: Attendance::read(component),
            marked_all_day: [
                "X-MICROSOFT-CDO-ALLDAYEVENT",
                "X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT",
            ]
            .iter()
            .any(|name| {
                component
                    .property(name)
                    .is_some_and(|p| p.value.trim().eq_ignore_ascii_case("TRUE"))
            }),
        })
    }

    pub fn all_day(&self) -> bool {
        matches!(self.start, Moment::Date(_)) || self.marked_all_day
    }
}

fn clip_title(title: &str) -> String {
    let title = title.trim();
    if title.chars().count() > 200 {
        title.chars().take(200).collect()
    } else {
        title.to_string()
    }
}

/// One occurrence on the calendar.
#[derive(Debug, Clone)]
pub struct Instance {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    /// The event whose properties (attendees, status, title) hold for this occurrence.
    pub event: usize,
    /// The `UID` of the series it belongs to, when it is one of several occurrences.
    pub series: Option<String>,
}

/// How far series are expanded: bounded ones (`COUNT`, `UNTIL`) to `bounded`, open ones to
/// `open` (both UTC).
#[derive(Debug, Clone, Copy)]
pub struct Horizon {
    pub bounded: NaiveDateTime,
    pub open: NaiveDateTime,
}

/// Every instance of every event, overrides applied, in no particular order.
pub fn instances(events: &[Event], person: &Zone, horizon: Horizon) -> Vec<Instance> {
    // Group by UID: a series' master and its overrides. Events without a UID stand alone.
    let mut masters: HashMap<&str, usize> = HashMap::new();
    let mut overrides: HashMap<&str, BTreeMap<InstanceKey, usize>> = HashMap::new();
    let mut out = Vec::new();
    for (index, event) in events.iter().enumerate() {
        let Some(uid) = event.uid.as_deref() else {
            push_single(&mut out, event, index, person, None);
            continue;
        };
        // A later copy with a higher (or equal) SEQUENCE replaces an earlier one.
        match event.recurrence_id {
            None => {
                let slot = masters.entry(uid).or_insert(index);
                if events[*slot].sequence <= event.sequence {
                    *slot = index;
                }
            }
            Some(key) => {
                let slot = overrides
                    .entry(uid)
                    .or_default()
                    .entry(key)
                    .or_insert(index);
                if events[*slot].sequence <= event.sequence {
                    *slot = index;
                }
            }
        }
    }
    for (uid, &index) in &masters {
        let event = &events[index];
        let moved = overrides.get(uid);
        let recurring = event.rule.is_some() || !event.rdates.is_empty() || moved.is_some();
        let series = recurring.then(|| uid.to_string());
        for (key, start, end) in occurrences(event, person, horizon) {
            // A RECURRENCE-ID written as a bare date names that day's instance.
            let day = InstanceKey::Date(wall_date(event, start, person));
            if moved.is_some_and(|m| m.contains_key(&key) || m.contains_key(&day)) {
                continue;
            }
            out.push(Instance {
                start,
                end,
                event: index,
                series: series.clone(),
            });
        }
    }
    for (uid, moved) in &overrides {
        let series = Some(uid.to_string());
        for &index in moved.values() {
            push_single(&mut out, &events[index], index, person, series.clone());
        }
    }
    out
}

fn push_single(
    out: &mut Vec<Instance>,
    event: &Event,
    index: usize,
    person: &Zone,
    series: Option<String>,
) {
    let (local, zone) = wall(&event.start, person);
    out.push(Instance {
        start: zone.to_utc(local),
        end: event.length.end_utc(local, &zone),
        event: index,
        series,
    });
}

/// The local date, in the event's own zone, of an instance starting at `utc`.
fn wall_date(event: &Event, utc: NaiveDateTime, person: &Zone) -> NaiveDate {
    let (_, zone) = wall(&event.start, person);
    zone.to_local(utc).date()
}

/// The wall time and zone an event's start is expanded in (a date: midnight, person's zone).
fn wall(start: &Moment, person: &Zone) -> (NaiveDateTime, Zone) {
    match start {
        Moment::Date(date) => (date.and_time(NaiveTime::MIN), person.clone()),
        Moment::Timed { local, zone } => (*local, zone.clone()),
    }
}

/// (key, start, end) in UTC of a master's occurrences: DTSTART, the rule's, the RDATEs, less
/// the EXDATEs.
fn occurrences(
    event: &Event,
    person: &Zone,
    horizon: Horizon,
) -> Vec<(InstanceKey, NaiveDateTime, NaiveDateTime)> {
    let (start, zone) = wall(&event.start, person);
    let date_key = |local: NaiveDateTime| match event.start {
        Moment::Date(_) => InstanceKey::Date(local.date()),
        Moment::Timed { .. } => InstanceKey::At(zone.to_utc(local)),
    };
    let starts = match &event.rule {
        Some((rule, _)) => {
            let until = rule.until.map(|until| match until {
                Until::Date(date) => date.and_hms_opt(23, 59, 59).unwrap_or(start),
                Until::Floating(at) => at,
                Until::Utc(at) => zone.to_local(at),
            });
            let bounded = rule.until.is_some() || rule.count.is_some();
            let last = zone.to_local(if bounded {
                horizon.bounded
            } else {
                horizon.open
            });
            rule.expand(start, until, last)
        }
        None => vec![start],
    };
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for local in starts {
        let key = date_key(local);
        // An EXDATE written as a bare date removes that day's instance of a timed series too.
        let excluded = event.exdates.contains(&key)
            || event.exdates.contains(&InstanceKey::Date(local.date()));
        if excluded || !seen.insert(key) {
            continue;
        }
        out.push((key, zone.to_utc(local), event.length.end_utc(local, &zone)));
    }
    for (at, own) in &event.rdates {
        let (local, at_zone) = wall(at, person);
        let key = at.key();
        if event.exdates.contains(&key) || !seen.insert(key) {
            continue;
        }
        let length = own.unwrap_or(event.length);
        out.push((key, at_zone.to_utc(local), length.end_utc(local, &at_zone)));
    }
    out
}

/// The local date of a UTC instant in `zone`.
pub fn local_date(utc: NaiveDateTime, zone: &Zone) -> NaiveDate {
    zone.to_local(utc).date()
}

/// Why a component cannot be an event, for the one place that reads them all.
pub fn read_all(
    calendar: &[Component],
    zones_of: impl Fn(&Component) -> Result<Zones, IcsError>,
) -> Result<Vec<Event>, IcsError> {
    let mut events = Vec::new();
    for root in calendar {
        let zones = zones_of(root)?;
        let mut found = Vec::new();
        root.descendants("VEVENT", &mut found);
        for component in found {
            events.push(Event::read(component, &zones)?);
        }
    }
    if events.len() > 200_000 {
        return Err(IcsError::new(
            1,
            format!("{} events: at most 200,000 in one file", events.len()),
        ));
    }
    Ok(events)
}
