//! Pulse surveys: the items a member answers, how an answer becomes entries (METHOD.md section
//! 2: `contribution_quality`, `cultural_alignment` s1…s6, `satisfaction`, `burnout`), when a
//! pulse may be open and when its reminders are due.

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::measure::{EntryValue, Measure};
use crate::domain::{
    pilot::{plan::PilotPlan, PilotStage},
    ParseError,
};

/// A pulse is taken in the baseline and again in the follow-up, so that answers pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PulsePhase {
    Baseline,
    FollowUp,
}

impl PulsePhase {
    pub const ALL: [PulsePhase; 2] = [Self::Baseline, Self::FollowUp];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Baseline => "baseline",
            Self::FollowUp => "follow_up",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Baseline => "Baseline",
            Self::FollowUp => "Follow-up",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|phase| phase.as_str() == value.trim())
    }

    /// The phase's window in the pilot's plan: (first day, last day), both inclusive.
    pub fn window(self, plan: &PilotPlan) -> (NaiveDate, NaiveDate) {
        let stage = match self {
            Self::Baseline => PilotStage::Baseline,
            Self::FollowUp => PilotStage::FollowUp,
        };
        let window = plan
            .windows()
            .into_iter()
            .find(|window| window.stage == stage)
            .unwrap_or(plan.windows()[0]);
        (window.first_day, window.last_day)
    }
}

/// The six async-behaviour statements, rated 1 (strongly disagree) to 5 (strongly agree); their
/// keys are the qualifiers of `cultural_alignment`. Never reword one once a pilot has used it:
/// baseline and follow-up answers must be to the same sentence.
pub const STATEMENTS: [(&str, &str); 6] = [
    (
        "s1",
        "I can do my best work without being expected to reply immediately.",
    ),
    (
        "s2",
        "Decisions that affect my work are written down where I can find them.",
    ),
    (
        "s3",
        "I know which channel to use for what, and how soon a reply is expected on each.",
    ),
    (
        "s4",
        "I get long enough stretches without interruptions to do focused work.",
    ),
    (
        "s5",
        "I can catch up on a discussion I missed without asking someone to repeat it.",
    ),
    (
        "s6",
        "The meetings I attend need me there live; the rest reaches me in writing.",
    ),
];

/// One member's answers, as the form and the API send them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PulseAnswers {
    /// The quality of the work they delivered in the last weeks, 1–5.
    pub quality: i64,
    /// Agreement with statements s1 … s6, in that order, each 1–5.
    pub statements: Vec<i64>,
    /// Satisfaction with how the team works, 0–10.
    pub satisfaction: i64,
    /// Signs of burnout in the last two weeks.
    pub burnout: bool,
}

impl PulseAnswers {
    /// The entries this answer stores, or the first field that is wrong.
    pub fn entries(&self) -> Result<Vec<EntryValue>, ParseError> {
        if self.statements.len() != STATEMENTS.len() {
            return Err(ParseError::new(
                "statements",
                format!(
                    "answer all {} statements (got {})",
                    STATEMENTS.len(),
                    self.statements.len()
                ),
            ));
        }
        let mut entries = vec![value(
            "quality",
            Measure::ContributionQuality,
            "self",
            self.quality,
        )?];
        for ((key, _), answer) in STATEMENTS.iter().zip(&self.statements) {
            entries.push(value(key, Measure::CulturalAlignment, key, *answer)?);
        }
        entries.push(value(
            "satisfaction",
            Measure::Satisfaction,
            "",
            self.satisfaction,
        )?);
        entries.push(value(
            "burnout",
            Measure::Burnout,
            "",
            i64::from(self.burnout),
        )?);
        Ok(entries)
    }
}

impl PulseAnswers {
    /// The answer stored as these (measure, qualifier, value) entries, when all of it is there:
    /// what the member reads back to edit it.
    pub fn from_entries<'a>(
        entries: impl IntoIterator<Item = (&'a str, &'a str, f64)>,
    ) -> Option<Self> {
        let mut quality = None;
        let mut statements = [None; 6];
        let mut satisfaction = None;
        let mut burnout = None;
        for (measure, qualifier, value) in entries {
            let whole = value.round() as i64;
            match (measure, qualifier) {
                ("contribution_quality", "self") => quality = Some(whole),
                ("cultural_alignment", key) => {
                    if let Some(index) = STATEMENTS.iter().position(|(k, _)| *k == key) {
                        statements[index] = Some(whole);
                    }
                }
                ("satisfaction", "") => satisfaction = Some(whole),
                ("burnout", "") => burnout = Some(whole == 1),
                _ => {}
            }
        }
        Some(Self {
            quality: quality?,
            statements: statements.into_iter().collect::<Option<Vec<_>>>()?,
            satisfaction: satisfaction?,
            burnout: burnout?,
        })
    }
}

/// The local date in a person's time zone (an IANA name; UTC when unknown): pulses open and
/// close, and answers are dated, by the member's own calendar.
pub fn local_date(time_zone: &str, now: DateTime<Utc>) -> NaiveDate {
    match time_zone.parse::<chrono_tz::Tz>() {
        Ok(zone) => now.with_timezone(&zone).date_naive(),
        Err(_) => now.date_naive(),
    }
}

/// A team manager's rating of one member's delivered work, 1–5.
pub fn manager_rating(rating: i64) -> Result<EntryValue, ParseError> {
    value("rating", Measure::ContributionQuality, "manager", rating)
}

fn value(
    field: &'static str,
    measure: Measure,
    qualifier: &str,
    answer: i64,
) -> Result<EntryValue, ParseError> {
    // Answers are small whole numbers; anything that does not fit an f64 exactly is out of
    // range anyway, and the measure's own check says so.
    EntryValue::new(measure, qualifier, answer as f64, &[]).map_err(|reason| {
        let reason = reason.split_once(": ").map_or(reason.as_str(), |(_, r)| r);
        ParseError::new(field, reason.to_string())
    })
}

/// Checks the dates HR gives a pulse: it opens no later than it closes, and both lie inside
/// the phase's window (so every answer dates within the window it measures).
pub fn check_dates(
    plan: &PilotPlan,
    phase: PulsePhase,
    opens_on: NaiveDate,
    closes_on: NaiveDate,
) -> Result<(), ParseError> {
    let (first, last) = phase.window(plan);
    let outside = |field: &'static str| {
        ParseError::new(
            field,
            format!(
                "must lie within the {} window, {first} to {last}",
                phase.label().to_lowercase()
            ),
        )
    };
    if !(first..=last).contains(&opens_on) {
        return Err(outside("opens_on"));
    }
    if !(first..=last).contains(&closes_on) {
        return Err(outside("closes_on"));
    }
    if closes_on < opens_on {
        return Err(ParseError::new(
            "closes_on",
            format!("must not be before the opening day, {opens_on}"),
        ));
    }
    Ok(())
}

/// Where a pulse stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PulseStatus {
    Scheduled,
    Open,
    Closed,
}

impl PulseStatus {
    /// Closed once HR closed it or its last day has passed.
    pub fn on(opens_on: NaiveDate, closes_on: NaiveDate, closed: bool, today: NaiveDate) -> Self {
        if closed || today > closes_on {
            Self::Closed
        } else if today < opens_on {
            Self::Scheduled
        } else {
            Self::Open
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Scheduled => "Scheduled",
            Self::Open => "Open",
            Self::Closed => "Closed",
        }
    }
}

/// Which reminder a pulse owes today, to those who have not answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reminder {
    /// On (or after) the opening day, once.
    Opening,
    /// Three days before it closes, once (it replaces the opening one when that is due too).
    ClosingSoon,
}

impl Reminder {
    /// The day from which this reminder is due: a pulse whose `last_reminder_on` is before it
    /// still owes it. The claim in the database uses the same day.
    pub fn due_from(self, opens_on: NaiveDate, closes_on: NaiveDate) -> NaiveDate {
        match self {
            Self::Opening => opens_on,
            Self::ClosingSoon => closes_on
                .checked_sub_days(Days::new(3))
                .unwrap_or(closes_on)
                .max(opens_on),
        }
    }
}

/// The reminder due today for an open pulse, if any, given when the last one went out.
pub fn reminder_due(
    opens_on: NaiveDate,
    closes_on: NaiveDate,
    closed: bool,
    last_reminder_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<Reminder> {
    if PulseStatus::on(opens_on, closes_on, closed, today) != PulseStatus::Open {
        return None;
    }
    let owed = |reminder: Reminder| {
        let from = reminder.due_from(opens_on, closes_on);
        today >= from && last_reminder_on.is_none_or(|sent| sent < from)
    };
    [Reminder::ClosingSoon, Reminder::Opening]
        .into_iter()
        .find(|reminder| owed(*reminder))
}

/// The reminder mail: subject and plain-text body, with the link to the pulse page.
pub fn reminder_message(
    name: &str,
    pilot: &str,
    closes_on: NaiveDate,
    url: &str,
    reminder: Reminder,
) -> (String, String) {
    let subject = match reminder {
        Reminder::Opening => format!("Pulse survey for “{pilot}”: three minutes"),
        Reminder::ClosingSoon => format!("Pulse survey for “{pilot}” closes on {closes_on}"),
    };
    let body = format!(
        "Hello {name},\n\n\
         the pilot “{pilot}” asks you a few short questions on how your team works: your \
         own work, six statements, your satisfaction and signs of burnout. It takes about \
         three minutes and you can change your answers until {closes_on}.\n\n\
         {url}\n\n\
         Your answers are confidential: nobody but you sees them; reports only show groups \
         of people. You get this because you have not answered yet.\n"
    );
    (subject, body)
}

#[cfg(test)]
#[path = "pulse_tests.rs"]
mod tests;
