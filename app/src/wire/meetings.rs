//! Calendar import and the meeting audit on the wire (issue 13).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::domain::meeting::audit::{AuditAnswer, Purpose};

/// One covered working day's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CalendarDay {
    pub date: NaiveDate,
    pub meetings: i64,
    pub meeting_hours: f64,
    pub calendar_focus_hours: f64,
}

/// What an import wrote (or, as a dry run, would write): every covered working day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CalendarImportResult {
    pub days: Vec<CalendarDay>,
    pub total_meetings: i64,
    pub total_hours: f64,
    pub dry_run: bool,
}

/// One of the caller's series (a one-off meeting is a series of one) with their answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SeriesRow {
    /// The series' key, for answering the audit.
    pub key: String,
    /// None for private meetings and meetings without a title.
    pub title: Option<String>,
    pub recurring: bool,
    pub instances: i64,
    pub weekly_hours: f64,
    pub answer: Option<AuditAnswer>,
    pub purpose: Option<Purpose>,
}

/// The caller's meetings page: the week of their latest imported meetings, and their series
/// of the four weeks up to then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MeetingOverview {
    /// Monday of the week shown; None before any import.
    pub week_start: Option<NaiveDate>,
    pub week_meetings: i64,
    pub week_meeting_hours: f64,
    pub week_focus_hours: f64,
    pub series: Vec<SeriesRow>,
}

/// One tap of the audit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AuditSeriesBody {
    pub key: String,
    pub answer: AuditAnswer,
    #[serde(default)]
    pub purpose: Option<Purpose>,
}

/// A recurring series as the caller's team sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamSeriesRow {
    /// The title, or "a recurring meeting" when fewer than k members attend or one of them
    /// marked it private.
    pub title: String,
    pub members: i64,
    pub weekly_team_hours: f64,
    pub votes: i64,
    /// Share of votes saying yes or partly; null without votes.
    pub asyncable_share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamMeetingSeries {
    pub privacy_k: i64,
    pub series: Vec<TeamSeriesRow>,
}
