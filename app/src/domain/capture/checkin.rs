//! The daily check-in form: its raw fields (as a browser posts them) parsed into the values to
//! store for one local date and part of day.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{
    calendar::earliest_editable,
    measure::{EntryValue, Measure, PartOfDay},
};
use crate::domain::ParseError;

/// The form's fields as typed: every one may be empty except energy. An empty date means the
/// person's today, an empty part of day the one their clock is in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct CheckinForm {
    /// `YYYY-MM-DD`, the person's local date: today or up to 3 days before.
    pub date: String,
    /// `morning`, `afternoon` or `evening`.
    pub part_of_day: String,
    /// 1 to 5 (required).
    pub energy: String,
    pub focus_planned_hours: String,
    pub focus_achieved_hours: String,
    pub meetings: String,
    pub meeting_hours: String,
    /// How many of the meetings could have been handled asynchronously (at most `meetings`).
    pub asyncable_meetings: String,
    /// A [`ReplySpeed`] in its snake_case spelling.
    pub chat_reply: String,
    pub email_reply: String,
}

/// How fast the person felt they had to reply that day, as offered on the form. Stored as
/// `felt_reply_hours` (see [`ReplySpeed::hours`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReplySpeed {
    Minutes,
    WithinTheHour,
    SameDay,
    NextDay,
    Longer,
}

impl ReplySpeed {
    pub const ALL: [ReplySpeed; 5] = [
        Self::Minutes,
        Self::WithinTheHour,
        Self::SameDay,
        Self::NextDay,
        Self::Longer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Minutes => "minutes",
            Self::WithinTheHour => "within_the_hour",
            Self::SameDay => "same_day",
            Self::NextDay => "next_day",
            Self::Longer => "longer",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Minutes => "Within minutes",
            Self::WithinTheHour => "Within the hour",
            Self::SameDay => "The same day",
            Self::NextDay => "The next day",
            Self::Longer => "Longer",
        }
    }

    /// The hours each choice stands for: a quarter of an hour, one hour, a working day (8 h),
    /// a calendar day, two days. The response expectation gap compares these with the charter's
    /// reply hours, so each is the upper end a person would mean by the words.
    pub fn hours(self) -> f64 {
        match self {
            Self::Minutes => 0.25,
            Self::WithinTheHour => 1.0,
            Self::SameDay => 8.0,
            Self::NextDay => 24.0,
            Self::Longer => 48.0,
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|speed| speed.as_str() == value)
    }
}

/// A check-in that passed every rule: what to store, for which day and part of day.
#[derive(Debug, Clone, PartialEq)]
pub struct Checkin {
    pub date: NaiveDate,
    pub part_of_day: PartOfDay,
    pub values: Vec<EntryValue>,
}

impl CheckinForm {
    /// Parses the form for a person whose local clock reads `local_now`.
    pub fn parse(&self, local_now: NaiveDateTime) -> Result<Checkin, ParseError> {
        let today = local_now.date();
        let date = parse_date(&self.date, today)?;
        let part_of_day = match self.part_of_day.trim() {
            "" => PartOfDay::of_time(local_now.time()),
            raw => PartOfDay::parse(raw).ok_or_else(|| {
                ParseError::new("part_of_day", "choose morning, afternoon or evening")
            })?,
        };
        let energy = number("energy", &self.energy)?
            .ok_or_else(|| ParseError::new("energy", "rate your energy from 1 to 5"))?;
        let mut values = vec![value(
            "energy",
            Measure::Energy,
            part_of_day.as_str(),
            energy,
        )?];
        let hours = [
            (
                "focus_planned_hours",
                Measure::FocusPlannedHours,
                &self.focus_planned_hours,
            ),
            (
                "focus_achieved_hours",
                Measure::FocusAchievedHours,
                &self.focus_achieved_hours,
            ),
            ("meetings", Measure::Meetings, &self.meetings),
            ("meeting_hours", Measure::MeetingHours, &self.meeting_hours),
            (
                "asyncable_meetings",
                Measure::AsyncableMeetings,
                &self.asyncable_meetings,
            ),
        ];
        for (field, measure, raw) in hours {
            if let Some(number) = number(field, raw)? {
                values.push(value(field, measure, "", number)?);
            }
        }
        let meetings = number("meetings", &self.meetings)?;
        if let Some(asyncable) = number("asyncable_meetings", &self.asyncable_meetings)? {
            match meetings {
                Some(meetings) if asyncable <= meetings => {}
                Some(_) => {
                    return Err(ParseError::new(
                        "asyncable_meetings",
                        "cannot be more than the meetings you had",
                    ))
                }
                None => {
                    return Err(ParseError::new(
                        "meetings",
                        "say how many meetings you had when some could have been async",
                    ))
                }
            }
        }
        for (field, channel, raw) in [
            ("chat_reply", "chat", &self.chat_reply),
            ("email_reply", "email", &self.email_reply),
        ] {
            let raw = raw.trim();
            if raw.is_empty() {
                continue;
            }
            let speed = ReplySpeed::parse(raw)
                .ok_or_else(|| ParseError::new(field, "choose one of the offered answers"))?;
            values.push(value(
                field,
                Measure::FeltReplyHours,
                channel,
                speed.hours(),
            )?);
        }
        Ok(Checkin {
            date,
            part_of_day,
            values,
        })
    }
}

fn parse_date(raw: &str, today: NaiveDate) -> Result<NaiveDate, ParseError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(today);
    }
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| ParseError::new("date", "give the date as YYYY-MM-DD"))?;
    if date > today {
        return Err(ParseError::new(
            "date",
            "cannot check in for a day still to come",
        ));
    }
    if date < earliest_editable(today) {
        return Err(ParseError::new(
            "date",
            "only today and the 3 days before can be entered or changed",
        ));
    }
    Ok(date)
}

/// A number typed into a field; empty means skipped. A comma is read as a decimal point.
fn number(field: &'static str, raw: &str) -> Result<Option<f64>, ParseError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|number| number.is_finite())
        .map(Some)
        .ok_or_else(|| ParseError::new(field, "must be a number"))
}

fn value(
    field: &'static str,
    measure: Measure,
    qualifier: &str,
    number: f64,
) -> Result<EntryValue, ParseError> {
    EntryValue::new(measure.clone(), qualifier, number, &[]).map_err(|message| {
        ParseError::new(
            field,
            message
                .strip_prefix(&format!("{}: ", measure.key()))
                .unwrap_or(&message)
                .to_string(),
        )
    })
}

#[cfg(test)]
#[path = "checkin_tests.rs"]
mod tests;
