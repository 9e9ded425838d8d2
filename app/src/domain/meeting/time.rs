//! Date and date-time values of a calendar (`DTSTART`, `DTEND`, `EXDATE`, `RDATE`,
//! `RECURRENCE-ID`) and `DURATION`s, read in the zones of [`super::zone`].

use chrono::{Days, NaiveDate, NaiveDateTime, TimeDelta};

use super::ics::{clip, IcsError, Property};
use super::zone::{Zone, Zones};

/// A moment as written: an all-day date or a time with the zone it is read in.
#[derive(Debug, Clone)]
pub enum Moment {
    Date(NaiveDate),
    Timed { local: NaiveDateTime, zone: Zone },
}

impl Moment {
    /// The UTC instant (a date: its midnight in `person`'s zone).
    pub fn utc(&self, person: &Zone) -> NaiveDateTime {
        match self {
            Moment::Date(date) => person.to_utc(date.and_time(chrono::NaiveTime::MIN)),
            Moment::Timed { local, zone } => zone.to_utc(*local),
        }
    }

    /// What identifies an instance of a series: its original start.
    pub fn key(&self) -> InstanceKey {
        match self {
            Moment::Date(date) => InstanceKey::Date(*date),
            Moment::Timed { local, zone } => InstanceKey::At(zone.to_utc(*local)),
        }
    }
}

/// Which instance a `RECURRENCE-ID` or `EXDATE` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum InstanceKey {
    Date(NaiveDate),
    At(NaiveDateTime),
}

/// One value of a date or date-time property.
pub fn moment(property: &Property, text: &str, zones: &Zones) -> Result<Moment, IcsError> {
    let text = text.trim();
    let bad = || {
        IcsError::new(
            property.line,
            format!(
                "{} '{}' is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS)",
                property.name,
                clip(text)
            ),
        )
    };
    let is_date = property
        .param("VALUE")
        .is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
        || (text.len() == 8 && !text.contains('T'));
    if is_date {
        let date = NaiveDate::parse_from_str(text, "%Y%m%d").map_err(|_| bad())?;
        return Ok(Moment::Date(date));
    }
    if let Some(utc) = text.strip_suffix('Z').or_else(|| text.strip_suffix('z')) {
        let local = date_time(utc).ok_or_else(bad)?;
        return Ok(Moment::Timed {
            local,
            zone: Zone::Utc,
        });
    }
    let local = date_time(text).ok_or_else(bad)?;
    let zone = match property.param("TZID") {
        Some(tzid) => zones.named(tzid, property.line)?,
        None => zones.person(),
    };
    Ok(Moment::Timed { local, zone })
}

fn date_time(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M"))
        .ok()
}

/// How long an event lasts: whole days added in wall time, then exact seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Length {
    pub days: u64,
    pub seconds: i64,
}

impl Length {
    /// The end of an instance starting at `local` in `zone`, in UTC.
    pub fn end_utc(&self, local: NaiveDateTime, zone: &Zone) -> NaiveDateTime {
        let moved = local
            .checked_add_days(Days::new(self.days))
            .unwrap_or(local);
        let base = if self.days == 0 {
            zone.to_utc(local)
        } else {
            zone.to_utc(moved)
        };
        base.checked_add_signed(TimeDelta::seconds(self.seconds))
            .unwrap_or(base)
    }
}

/// A `DURATION` value such as `PT1H30M`, `P1D`, `P1W` or `P1DT2H`. Negative durations are
/// refused: an event cannot end before it starts.
pub fn duration(property: &Property, text: &str) -> Result<Length, IcsError> {
    let text = text.trim();
    let bad = |why: &str| {
        IcsError::new(
            property.line,
            format!("{} '{}' {why}", property.name, clip(text)),
        )
    };
    let rest = text.strip_prefix('+').unwrap_or(text);
    if rest.starts_with('-') {
        return Err(bad("is negative: an event cannot end before it starts"));
    }
    let rest = rest
        .strip_prefix('P')
        .or_else(|| rest.strip_prefix('p'))
        .ok_or_else(|| bad("is not a duration like PT1H"))?;
    let mut length = Length::default();
    let mut number = String::new();
    let mut in_time = false;
    let mut any = false;
    for c in rest.chars() {
        match c.to_ascii_uppercase() {
            'T' if number.is_empty() => in_time = true,
            d if d.is_ascii_digit() => number.push(d),
            unit => {
                let n: i64 = number
                    .parse()
                    .ok()
                    .filter(|n| *n <= 100_000)
                    .ok_or_else(|| bad("is not a duration like PT1H"))?;
                number.clear();
                any = true;
                match (unit, in_time) {
                    ('W', false) => length.days += n as u64 * 7,
                    ('D', false) => length.days += n as u64,
                    ('H', true) => length.seconds += n * 3600,
                    ('M', true) => length.seconds += n * 60,
                    ('S', true) => length.seconds += n,
                    _ => return Err(bad("is not a duration like PT1H")),
                }
            }
        }
    }
    if !any || !number.is_empty() {
        return Err(bad("is not a duration like PT1H"));
    }
    Ok(length)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prop(value: &str) -> Property {
        Property {
            name: "DURATION".into(),
            params: vec![],
            value: value.into(),
            line: 9,
        }
    }

    #[test]
    fn durations_read_weeks_days_and_clock_time() {
        let read = |v: &str| duration(&prop(v), v).unwrap();
        assert_eq!(
            read("PT1H30M"),
            Length {
                days: 0,
                seconds: 5400
            }
        );
        assert_eq!(
            read("P1W"),
            Length {
                days: 7,
                seconds: 0
            }
        );
        assert_eq!(
            read("P1DT2H"),
            Length {
                days: 1,
                seconds: 7200
            }
        );
        assert_eq!(read("PT0S"), Length::default());
    }

    #[test]
    fn broken_or_negative_durations_name_the_line() {
        for v in ["1H", "P", "PT", "-PT1H", "PT1X", "P1H"] {
            assert_eq!(duration(&prop(v), v).unwrap_err().line, 9, "{v}");
        }
    }
}
