//! Time zones an event's times can be in: UTC, an IANA zone (named directly or through its
//! Windows name), or a `VTIMEZONE` the file defines itself. Floating times are read in the
//! person's own zone, whatever `X-WR-TIMEZONE` says.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{NaiveDateTime, Offset, TimeDelta, TimeZone};
use chrono_tz::Tz;

use super::ics::{clip, Component, IcsError};
use super::recur::{Rule, Until};
use super::windows_zones::iana_for_windows;

/// A zone an instant can be read in.
#[derive(Debug, Clone)]
pub enum Zone {
    Utc,
    Named(Tz),
    Defined(Arc<DefinedZone>),
}

impl Zone {
    /// Seconds east of UTC at a UTC instant.
    pub fn offset_at(&self, utc: NaiveDateTime) -> i64 {
        match self {
            Zone::Utc => 0,
            Zone::Named(tz) => i64::from(tz.offset_from_utc_datetime(&utc).fix().local_minus_utc()),
            Zone::Defined(zone) => zone.offset_at(utc),
        }
    }

    pub fn to_local(&self, utc: NaiveDateTime) -> NaiveDateTime {
        shift(utc, self.offset_at(utc))
    }

    /// The UTC instant of a wall time. A time that happens twice (autumn) is the first; one
    /// that never happens (spring gap) is read with the offset before the gap, as RFC 5545
    /// says, so 02:30 on the spring-forward night becomes 03:30.
    pub fn to_utc(&self, local: NaiveDateTime) -> NaiveDateTime {
        let before = self.offset_at(shift(local, -36 * 3600));
        let after = self.offset_at(shift(local, 36 * 3600));
        let mut best: Option<NaiveDateTime> = None;
        for offset in [before, after] {
            let candidate = shift(local, -offset);
            if self.offset_at(candidate) == offset && best.is_none_or(|b| candidate < b) {
                best = Some(candidate);
            }
        }
        best.unwrap_or_else(|| shift(local, -before))
    }
}

fn shift(at: NaiveDateTime, seconds: i64) -> NaiveDateTime {
    at.checked_add_signed(TimeDelta::seconds(seconds))
        .unwrap_or(at)
}

/// A `VTIMEZONE` read into its list of transitions.
#[derive(Debug)]
pub struct DefinedZone {
    /// (UTC instant, offset from then on), sorted.
    transitions: Vec<(NaiveDateTime, i64)>,
    initial: i64,
}

impl DefinedZone {
    fn offset_at(&self, utc: NaiveDateTime) -> i64 {
        let after = self.transitions.partition_point(|(at, _)| *at <= utc);
        if after == 0 {
            self.initial
        } else {
            self.transitions[after - 1].1
        }
    }

    /// The `STANDARD` and `DAYLIGHT` parts of one `VTIMEZONE`, their onsets expanded up to
    /// the year 2200.
    pub fn read(component: &Component) -> Result<Self, IcsError> {
        let horizon = chrono::NaiveDate::from_ymd_opt(2200, 1, 1)
            .unwrap_or_default()
            .and_time(chrono::NaiveTime::MIN);
        let mut transitions = Vec::new();
        let mut earliest: Option<(NaiveDateTime, i64)> = None;
        for part in &component.children {
            if part.name != "STANDARD" && part.name != "DAYLIGHT" {
                continue;
            }
            let required = |name: &str| {
                part.property(name)
                    .ok_or_else(|| IcsError::new(part.line, format!("{} has no {name}", part.name)))
            };
            let start_line = required("DTSTART")?;
            let start = NaiveDateTime::parse_from_str(start_line.value.trim(), "%Y%m%dT%H%M%S")
                .map_err(|_| {
                    IcsError::new(
                        start_line.line,
                        format!(
                            "DTSTART '{}' is not a local date-time",
                            clip(&start_line.value)
                        ),
                    )
                })?;
            let from = parse_offset(required("TZOFFSETFROM")?)?;
            let to = parse_offset(required("TZOFFSETTO")?)?;
            let mut onsets = vec![start];
            if let Some(rule_line) = part.property("RRULE") {
                let rule = Rule::parse(&rule_line.value, rule_line.line)?;
                let until = rule.until.map(|until| match until {
                    Until::Date(date) => date.and_hms_opt(23, 59, 59).unwrap_or_default(),
                    Until::Floating(at) => at,
                    Until::Utc(at) => shift(at, from),
                });
                onsets = rule.expand(start, until, horizon);
            }
            for rdate in part.all("RDATE") {
                for value in rdate.value.split(',') {
                    if let Ok(at) = NaiveDateTime::parse_from_str(value.trim(), "%Y%m%dT%H%M%S") {
                        onsets.push(at);
                    }
                }
            }
            for onset in onsets {
                let utc = shift(onset, -from);
                if earliest.is_none_or(|(at, _)| utc < at) {
                    earliest = Some((utc, from));
                }
                transitions.push((utc, to));
            }
        }
        let Some((_, initial)) = earliest else {
            return Err(IcsError::new(
                component.line,
                "VTIMEZONE has neither STANDARD nor DAYLIGHT",
            ));
        };
        transitions.sort_by_key(|(at, _)| *at);
        Ok(Self {
            transitions,
            initial,
        })
    }
}

fn parse_offset(property: &super::ics::Property) -> Result<i64, IcsError> {
    let text = property.value.trim();
    let bad = || {
        IcsError::new(
            property.line,
            format!(
                "{} '{}' is not an offset like +0100",
                property.name,
                clip(text)
            ),
        )
    };
    let (sign, digits) = match text.as_bytes().first() {
        Some(b'+') => (1, &text[1..]),
        Some(b'-') => (-1, &text[1..]),
        _ => return Err(bad()),
    };
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let hours: i64 = digits[0..2].parse().map_err(|_| bad())?;
    let minutes: i64 = digits[2..4].parse().map_err(|_| bad())?;
    let seconds: i64 = if digits.len() == 6 {
        digits[4..6].parse().map_err(|_| bad())?
    } else {
        0
    };
    if hours > 23 || minutes > 59 || seconds > 59 {
        return Err(bad());
    }
    Ok(sign * (hours * 3600 + minutes * 60 + seconds))
}

/// An IANA zone by name, also behind a vendor prefix such as `/mozilla.org/…/Europe/Berlin`.
pub fn iana(name: &str) -> Option<Tz> {
    let name = name.trim();
    if let Ok(tz) = name.parse::<Tz>() {
        return Some(tz);
    }
    let mut rest = name;
    while let Some((_, tail)) = rest.split_once('/') {
        if let Ok(tz) = tail.parse::<Tz>() {
            return Some(tz);
        }
        rest = tail;
    }
    None
}

/// The zones one file can name: its own `VTIMEZONE`s, the IANA database and Windows names.
pub struct Zones {
    defined: HashMap<String, Arc<DefinedZone>>,
    person: Tz,
}

impl Zones {
    pub fn new(calendar: &Component, person: Tz) -> Result<Self, IcsError> {
        let mut found = Vec::new();
        calendar.descendants("VTIMEZONE", &mut found);
        let mut defined = HashMap::new();
        for component in found {
            let Some(id) = component.property("TZID") else {
                return Err(IcsError::new(component.line, "VTIMEZONE has no TZID"));
            };
            defined.insert(
                id.value.trim().to_string(),
                Arc::new(DefinedZone::read(component)?),
            );
        }
        Ok(Self { defined, person })
    }

    /// The person's own zone, for floating times.
    pub fn person(&self) -> Zone {
        Zone::Named(self.person)
    }

    /// The zone a `TZID` parameter names. A name the time-zone database or the Windows table
    /// knows is read from the database (it has the full history of the rules, where exported
    /// `VTIMEZONE`s often carry only the current one); any other name must be defined in the
    /// file. Neither: a bad line.
    pub fn named(&self, tzid: &str, line: usize) -> Result<Zone, IcsError> {
        let tzid = tzid.trim();
        if tzid.eq_ignore_ascii_case("UTC") || tzid.eq_ignore_ascii_case("GMT") || tzid == "Z" {
            return Ok(Zone::Utc);
        }
        if let Some(tz) = iana(tzid) {
            return Ok(Zone::Named(tz));
        }
        if let Some(tz) = iana_for_windows(tzid).and_then(iana) {
            return Ok(Zone::Named(tz));
        }
        if let Some(zone) = self.defined.get(tzid) {
            return Ok(Zone::Defined(zone.clone()));
        }
        Err(IcsError::new(
            line,
            format!(
                "time zone '{}' is neither an IANA name, a Windows name nor defined in the file",
                clip(tzid)
            ),
        ))
    }
}
