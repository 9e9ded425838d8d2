//! Reading an `RRULE` value into a [`Rule`]: each part checked, a bad one named with its line.

use chrono::{NaiveDate, NaiveDateTime, Weekday};

use super::{
    ics::{clip, IcsError},
    recur::{Frequency, Rule, Until},
};

impl Rule {
    pub fn parse(value: &str, line: usize) -> Result<Self, IcsError> {
        let bad = |message: String| IcsError::new(line, format!("RRULE: {message}"));
        let mut rule = Rule {
            frequency: Frequency::Daily,
            interval: 1,
            count: None,
            until: None,
            by_day: Vec::new(),
            by_month_day: Vec::new(),
            by_month: Vec::new(),
            by_year_day: Vec::new(),
            by_set_pos: Vec::new(),
            by_hour: Vec::new(),
            by_minute: Vec::new(),
            by_second: Vec::new(),
            week_start: Weekday::Mon,
        };
        let mut frequency = None;
        for part in value.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, val) = part
                .split_once('=')
                .ok_or_else(|| bad(format!("'{}' is not NAME=value", clip(part))))?;
            let key = key.trim().to_ascii_uppercase();
            let val = val.trim();
            let list = || val.split(',').map(str::trim).filter(|v| !v.is_empty());
            let number = |v: &str, low: i64, high: i64| -> Result<i64, IcsError> {
                v.parse::<i64>()
                    .ok()
                    .filter(|n| *n >= low && *n <= high && *n != 0 || (low == 0 && *n == 0))
                    .ok_or_else(|| bad(format!("{key}: '{}' is out of range", clip(v))))
            };
            match key.as_str() {
                "FREQ" => {
                    frequency = Some(match val.to_ascii_uppercase().as_str() {
                        "SECONDLY" => Frequency::Secondly,
                        "MINUTELY" => Frequency::Minutely,
                        "HOURLY" => Frequency::Hourly,
                        "DAILY" => Frequency::Daily,
                        "WEEKLY" => Frequency::Weekly,
                        "MONTHLY" => Frequency::Monthly,
                        "YEARLY" => Frequency::Yearly,
                        other => return Err(bad(format!("FREQ '{}' is unknown", clip(other)))),
                    })
                }
                "INTERVAL" => rule.interval = number(val, 1, 100_000)? as u32,
                "COUNT" => rule.count = Some(number(val, 1, i64::from(u32::MAX))? as u32),
                "UNTIL" => {
                    rule.until = Some(parse_until(val).ok_or_else(|| {
                        bad(format!("UNTIL '{}' is not a date or date-time", clip(val)))
                    })?)
                }
                "BYDAY" => {
                    for item in list() {
                        rule.by_day.push(parse_by_day(item).ok_or_else(|| {
                            bad(format!(
                                "BYDAY '{}' is not a weekday like MO or -1FR",
                                clip(item)
                            ))
                        })?);
                    }
                }
                "BYMONTHDAY" => {
                    for item in list() {
                        rule.by_month_day.push(number(item, -31, 31)? as i32);
                    }
                }
                "BYMONTH" => {
                    for item in list() {
                        rule.by_month.push(number(item, 1, 12)? as u32);
                    }
                }
                "BYYEARDAY" => {
                    for item in list() {
                        rule.by_year_day.push(number(item, -366, 366)? as i32);
                    }
                }
                "BYSETPOS" => {
                    for item in list() {
                        rule.by_set_pos.push(number(item, -366, 366)? as i32);
                    }
                }
                "BYHOUR" => {
                    for item in list() {
                        rule.by_hour.push(number(item, 0, 23)? as u32);
                    }
                }
                "BYMINUTE" => {
                    for item in list() {
                        rule.by_minute.push(number(item, 0, 59)? as u32);
                    }
                }
                "BYSECOND" => {
                    for item in list() {
                        rule.by_second.push(number(item, 0, 60)?.min(59) as u32);
                    }
                }
                "WKST" => {
                    rule.week_start = weekday(val)
                        .ok_or_else(|| bad(format!("WKST '{}' is not a weekday", clip(val))))?
                }
                "BYWEEKNO" => return Err(bad("BYWEEKNO is not supported".into())),
                // Extensions (X-…, RSCALE, SKIP) do not change a Gregorian rule's instances.
                _ => {}
            }
        }
        rule.frequency = frequency.ok_or_else(|| bad("FREQ is missing".into()))?;
        if rule.count.is_some() && rule.until.is_some() {
            // RFC 5545 forbids both; programs honour whichever ends first, and so do we.
        }
        for list in [&mut rule.by_hour, &mut rule.by_minute, &mut rule.by_second] {
            list.sort_unstable();
            list.dedup();
        }
        Ok(rule)
    }
}

pub fn weekday(text: &str) -> Option<Weekday> {
    Some(match text.trim().to_ascii_uppercase().as_str() {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

fn parse_by_day(item: &str) -> Option<(Option<i32>, Weekday)> {
    let item = item.trim();
    if item.len() < 2 || !item.is_char_boundary(item.len() - 2) {
        return None;
    }
    let (position, day) = item.split_at(item.len() - 2);
    let day = weekday(day)?;
    if position.is_empty() {
        return Some((None, day));
    }
    let position: i32 = position.trim_start_matches('+').parse().ok()?;
    (position != 0 && position.abs() <= 53).then_some((Some(position), day))
}

fn parse_until(value: &str) -> Option<Until> {
    let value = value.trim();
    if let Some(utc) = value.strip_suffix('Z').or_else(|| value.strip_suffix('z')) {
        return NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S")
            .ok()
            .map(Until::Utc);
    }
    if value.len() == 8 {
        return NaiveDate::parse_from_str(value, "%Y%m%d")
            .ok()
            .map(Until::Date);
    }
    NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S")
        .ok()
        .map(Until::Floating)
}
