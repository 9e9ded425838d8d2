//! Recurrence rules (RFC 5545 `RRULE`) expanded in the event's local wall time.
//!
//! Why not the `rrule` crate: it expands in a `chrono_tz::Tz`, but the zone of an event may be
//! one the file defines itself (a `VTIMEZONE` with an Outlook display name and no IANA twin),
//! and the same expander is needed for those `VTIMEZONE` blocks' own yearly rules. Expanding
//! in wall time and resolving each instance through our own zone type covers all three
//! kinds of zone (IANA, Windows, file-defined) with one small piece of code and no new
//! dependency for the browser bundle.

use chrono::{
    Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike, Weekday,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Secondly,
    Minutely,
    Hourly,
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// When a rule stops, as written: resolved to the event's wall time before expanding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    Date(NaiveDate),
    Floating(NaiveDateTime),
    Utc(NaiveDateTime),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub frequency: Frequency,
    pub interval: u32,
    pub count: Option<u32>,
    pub until: Option<Until>,
    /// (position, weekday): `2MO` is (Some(2), Mon), `-1FR` (Some(-1), Fri).
    pub by_day: Vec<(Option<i32>, Weekday)>,
    pub by_month_day: Vec<i32>,
    pub by_month: Vec<u32>,
    pub by_year_day: Vec<i32>,
    pub by_set_pos: Vec<i32>,
    pub by_hour: Vec<u32>,
    pub by_minute: Vec<u32>,
    pub by_second: Vec<u32>,
    pub week_start: Weekday,
}

/// Never more instances than this from one series: a rule with no end is cut off at the
/// caller's horizon anyway; this bounds hostile `COUNT`s and sub-daily rules.
pub const MAX_INSTANCES: usize = 20_000;
/// Never more periods than this are looked at (rules that match nothing would loop forever).
const MAX_PERIODS: usize = 200_000;

impl Rule {
    /// Instance starts in wall time, in order: `start` first (it is always an instance), then
    /// the rule's, up to `until` (already in wall time, inclusive) and `horizon`, at most
    /// `COUNT` of them counted from `start`.
    pub fn expand(
        &self,
        start: NaiveDateTime,
        until: Option<NaiveDateTime>,
        horizon: NaiveDateTime,
    ) -> Vec<NaiveDateTime> {
        let last = match until {
            Some(until) => until.min(horizon),
            None => horizon,
        };
        let limit = self
            .count
            .map_or(MAX_INSTANCES, |count| (count as usize).min(MAX_INSTANCES));
        let mut out = Vec::new();
        // DTSTART is always the first instance (RFC 5545), even past an earlier UNTIL.
        if start > horizon {
            return out;
        }
        out.push(start);
        if start > last {
            return out;
        }
        for period in 0..MAX_PERIODS {
            if out.len() >= limit {
                break;
            }
            let Some(steps) = (period as u64).checked_mul(u64::from(self.interval)) else {
                break;
            };
            let Some(candidates) = self.period(start, steps) else {
                break;
            };
            let Some(first) = candidates.first_bound else {
                break;
            };
            if first > last {
                break;
            }
            for instance in candidates.instances {
                if instance <= start {
                    continue;
                }
                if instance > last || out.len() >= limit {
                    return out;
                }
                out.push(instance);
            }
        }
        out
    }

    /// The candidate instances of the `steps`-th period after the one holding `start`, sorted,
    /// with the period's earliest possible moment (to know when to stop). None past year 9999.
    fn period(&self, start: NaiveDateTime, steps: u64) -> Option<Period> {
        let date = start.date();
        match self.frequency {
            Frequency::Secondly | Frequency::Minutely | Frequency::Hourly => {
                let unit = match self.frequency {
                    Frequency::Secondly => 1,
                    Frequency::Minutely => 60,
                    _ => 3600,
                };
                let seconds = i64::try_from(steps).ok()?.checked_mul(unit)?;
                let at = start.checked_add_signed(TimeDelta::try_seconds(seconds)?)?;
                let keep = self.date_passes(at.date())
                    && (self.by_hour.is_empty() || self.by_hour.contains(&at.hour()))
                    && (self.by_minute.is_empty() || self.by_minute.contains(&at.minute()));
                Some(Period {
                    first_bound: Some(at),
                    instances: if keep { vec![at] } else { vec![] },
                })
            }
            Frequency::Daily => {
                let day = date.checked_add_days(Days::new(steps))?;
                let dates = if self.date_passes(day) {
                    vec![day]
                } else {
                    vec![]
                };
                Some(self.combine(day, dates, start))
            }
            Frequency::Weekly => {
                let back = (7 + date.weekday().num_days_from_monday()
                    - self.week_start.num_days_from_monday())
                    % 7;
                let week = date
                    .checked_sub_days(Days::new(u64::from(back)))?
                    .checked_add_days(Days::new(steps.checked_mul(7)?))?;
                let mut dates = Vec::new();
                for offset in 0..7 {
                    let day = week.checked_add_days(Days::new(offset))?;
                    let wanted = if self.by_day.is_empty() {
                        day.weekday() == date.weekday()
                    } else {
                        self.by_day.iter().any(|(_, wd)| *wd == day.weekday())
                    };
                    if wanted && self.month_passes(day) {
                        dates.push(day);
                    }
                }
                Some(self.combine(week, dates, start))
            }
            Frequency::Monthly => {
                let first = date
                    .with_day(1)?
                    .checked_add_months(Months::new(u32::try_from(steps).ok()?))?;
                let dates = if self.month_passes(first) {
                    self.days_in_month(first, date.day())
                } else {
                    vec![]
                };
                Some(self.combine(first, dates, start))
            }
            Frequency::Yearly => {
                let year = date.year().checked_add(i32::try_from(steps).ok()?)?;
                let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
                Some(self.combine(first, self.days_in_year(year, date), start))
            }
        }
    }

    fn combine(&self, bound: NaiveDate, mut dates: Vec<NaiveDate>, start: NaiveDateTime) -> Period {
        dates.sort_unstable();
        dates.dedup();
        let hours = if self.by_hour.is_empty() {
            vec![start.hour()]
        } else {
            self.by_hour.clone()
        };
        let minutes = if self.by_minute.is_empty() {
            vec![start.minute()]
        } else {
            self.by_minute.clone()
        };
        let seconds = if self.by_second.is_empty() {
            vec![start.second()]
        } else {
            self.by_second.clone()
        };
        let mut instances = Vec::new();
        for day in dates {
            for &h in &hours {
                for &m in &minutes {
                    for &s in &seconds {
                        if let Some(time) = NaiveTime::from_hms_opt(h, m, s) {
                            instances.push(day.and_time(time));
                        }
                    }
                }
            }
        }
        if !self.by_set_pos.is_empty() {
            let n = instances.len() as i32;
            let mut picked: Vec<NaiveDateTime> = self
                .by_set_pos
                .iter()
                .filter_map(|&pos| {
                    let index = if pos > 0 { pos - 1 } else { n + pos };
                    (0..n).contains(&index).then(|| instances[index as usize])
                })
                .collect();
            picked.sort_unstable();
            picked.dedup();
            instances = picked;
        }
        Period {
            first_bound: Some(bound.and_time(NaiveTime::MIN)),
            instances,
        }
    }

    fn month_passes(&self, day: NaiveDate) -> bool {
        self.by_month.is_empty() || self.by_month.contains(&day.month())
    }

    /// The BY… filters a DAILY (or finer) rule applies to a day.
    fn date_passes(&self, day: NaiveDate) -> bool {
        self.month_passes(day)
            && (self.by_month_day.is_empty()
                || self
                    .by_month_day
                    .iter()
                    .any(|&md| month_day(day, md) == Some(day)))
            && (self.by_day.is_empty() || self.by_day.iter().any(|(_, wd)| *wd == day.weekday()))
            && (self.by_year_day.is_empty()
                || self
                    .by_year_day
                    .iter()
                    .any(|&yd| year_day(day.year(), yd) == Some(day)))
    }

    /// The days of `first`'s month a MONTHLY rule (or a YEARLY one with BYMONTH) picks.
    fn days_in_month(&self, first: NaiveDate, start_day: u32) -> Vec<NaiveDate> {
        let by_month_day: Vec<NaiveDate> = self
            .by_month_day
            .iter()
            .filter_map(|&md| month_day(first, md))
            .collect();
        let by_day: Vec<NaiveDate> = self
            .by_day
            .iter()
            .flat_map(|&(pos, wd)| weekdays_in(month_days(first), pos, wd))
            .collect();
        match (self.by_month_day.is_empty(), self.by_day.is_empty()) {
            (true, true) => first.with_day(start_day).into_iter().collect(),
            (false, true) => by_month_day,
            (true, false) => by_day,
            (false, false) => by_day
                .into_iter()
                .filter(|d| by_month_day.contains(d))
                .collect(),
        }
    }

    fn days_in_year(&self, year: i32, start: NaiveDate) -> Vec<NaiveDate> {
        if !self.by_year_day.is_empty() {
            return self
                .by_year_day
                .iter()
                .filter_map(|&yd| year_day(year, yd))
                .filter(|d| self.date_passes(*d))
                .collect();
        }
        if self.by_month.is_empty() && !self.by_day.is_empty() && self.by_month_day.is_empty() {
            // BYDAY positions count within the year.
            let Some(first) = NaiveDate::from_ymd_opt(year, 1, 1) else {
                return vec![];
            };
            let days: Vec<NaiveDate> = first.iter_days().take_while(|d| d.year() == year).collect();
            return self
                .by_day
                .iter()
                .flat_map(|&(pos, wd)| weekdays_in(days.clone(), pos, wd))
                .collect();
        }
        let months = if self.by_month.is_empty() {
            vec![start.month()]
        } else {
            self.by_month.clone()
        };
        months
            .into_iter()
            .filter_map(|month| NaiveDate::from_ymd_opt(year, month, 1))
            .flat_map(|first| self.days_in_month(first, start.day()))
            .collect()
    }
}

struct Period {
    first_bound: Option<NaiveDateTime>,
    instances: Vec<NaiveDateTime>,
}

fn month_days(first: NaiveDate) -> Vec<NaiveDate> {
    first
        .iter_days()
        .take_while(|d| d.month() == first.month())
        .collect()
}

/// Day `md` of `first`'s month (negative from the end), if the month has it.
fn month_day(first: NaiveDate, md: i32) -> Option<NaiveDate> {
    let length = month_days(first.with_day(1)?).len() as i32;
    let day = if md > 0 { md } else { length + md + 1 };
    (1..=length)
        .contains(&day)
        .then(|| first.with_day(day as u32))
        .flatten()
}

fn year_day(year: i32, yd: i32) -> Option<NaiveDate> {
    let length = if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
        366
    } else {
        365
    };
    let day = if yd > 0 { yd } else { length + yd + 1 };
    if !(1..=length).contains(&day) {
        return None;
    }
    NaiveDate::from_yo_opt(year, day as u32)
}

fn weekdays_in(days: Vec<NaiveDate>, pos: Option<i32>, wd: Weekday) -> Vec<NaiveDate> {
    let matching: Vec<NaiveDate> = days.into_iter().filter(|d| d.weekday() == wd).collect();
    match pos {
        None => matching,
        Some(n) => {
            let len = matching.len() as i32;
            let index = if n > 0 { n - 1 } else { len + n };
            if (0..len).contains(&index) {
                vec![matching[index as usize]]
            } else {
                vec![]
            }
        }
    }
}

#[cfg(test)]
#[path = "recur_tests.rs"]
mod tests;
