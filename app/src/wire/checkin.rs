//! The daily check-in on the wire: the form, what the check-in page shows, own entries and the
//! reminder settings.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::domain::capture::{
    checkin::{CheckinForm, ReplySpeed},
    measure::{EntrySource, PartOfDay},
};
pub use crate::domain::pilot::PilotStage;

/// The check-in as the JSON API takes it: numbers as numbers. Every field but `energy` may be
/// left out; `date` defaults to the caller's local today, `part_of_day` to their local clock's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CheckinRequest {
    pub date: Option<NaiveDate>,
    pub part_of_day: Option<PartOfDay>,
    /// 1 to 5.
    pub energy: f64,
    pub focus_planned_hours: Option<f64>,
    pub focus_achieved_hours: Option<f64>,
    pub meetings: Option<f64>,
    pub meeting_hours: Option<f64>,
    pub asyncable_meetings: Option<f64>,
    pub chat_reply: Option<ReplySpeed>,
    pub email_reply: Option<ReplySpeed>,
}

impl From<CheckinRequest> for CheckinForm {
    fn from(request: CheckinRequest) -> Self {
        let number = |value: Option<f64>| value.map(|v| v.to_string()).unwrap_or_default();
        Self {
            date: request.date.map(|d| d.to_string()).unwrap_or_default(),
            part_of_day: request
                .part_of_day
                .map(|p| p.as_str().to_string())
                .unwrap_or_default(),
            energy: request.energy.to_string(),
            focus_planned_hours: number(request.focus_planned_hours),
            focus_achieved_hours: number(request.focus_achieved_hours),
            meetings: number(request.meetings),
            meeting_hours: number(request.meeting_hours),
            asyncable_meetings: number(request.asyncable_meetings),
            chat_reply: request
                .chat_reply
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            email_reply: request
                .email_reply
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
        }
    }
}

/// What a stored check-in holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CheckinReceipt {
    pub date: NaiveDate,
    pub part_of_day: PartOfDay,
    /// Values stored (a second submit of the same day replaces them).
    pub values: i64,
}

/// One of the caller's own entries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OwnEntry {
    pub id: i64,
    pub date: NaiveDate,
    pub measure: String,
    /// '' for measures without one.
    pub qualifier: String,
    pub value: f64,
    pub source: EntrySource,
}

/// The pilot the caller checks in for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CheckinPilot {
    pub pilot_id: i64,
    pub pilot: String,
    pub stage: PilotStage,
    pub team: String,
}

/// The caller's team's check-in days this week over the working days expected of its
/// consenting members so far, or only that the team is under the privacy threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum TeamWeek {
    Counts {
        checkin_days: i64,
        expected_days: i64,
    },
    FewerThan {
        threshold: i32,
    },
}

impl TeamWeek {
    pub fn label(&self) -> String {
        match self {
            Self::Counts {
                checkin_days,
                expected_days,
            } if *expected_days > 0 => format!(
                "{checkin_days} of {expected_days} expected check-in days ({}%)",
                (*checkin_days * 100 + expected_days / 2) / expected_days
            ),
            Self::Counts { .. } => "no working days yet this week".into(),
            Self::FewerThan { threshold } => {
                format!("not shown: your team has fewer than {threshold} people in the pilot")
            }
        }
    }
}

/// The daily reminder: on or off, and at which local time (`HH:MM`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReminderSettings {
    pub enabled: bool,
    pub local_time: String,
}

/// Everything the check-in page shows to its caller.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CheckinOverview {
    /// The pilot the caller checks in for, or why they cannot check in.
    pub pilot: Option<CheckinPilot>,
    pub refusal: Option<String>,
    pub today: NaiveDate,
    pub earliest: NaiveDate,
    pub part_of_day_now: PartOfDay,
    pub done_today: bool,
    /// The caller's own entries of the last 14 days, newest first.
    pub recent: Vec<OwnEntry>,
    pub team_week: Option<TeamWeek>,
    pub reminder: ReminderSettings,
}
