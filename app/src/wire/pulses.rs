//! Pulse surveys on the wire: what HR sends to open one, what a member sees and sends, and a
//! manager's rating.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use crate::domain::capture::pulse::{PulseAnswers, PulsePhase, PulseStatus};

/// HR opens a pulse for a phase of the pilot, between two days of that phase's window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PulseOpening {
    pub phase: PulsePhase,
    /// `YYYY-MM-DD`; members answer from this day (their local date) on.
    pub opens_on: NaiveDate,
    /// `YYYY-MM-DD`; the last day answers are taken.
    pub closes_on: NaiveDate,
}

/// A pulse as HR sees it on the pilot's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PulseSummary {
    pub id: i64,
    pub pilot_id: i64,
    pub phase: PulsePhase,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub status: PulseStatus,
    pub closed_at: Option<DateTime<Utc>>,
    pub last_reminder_on: Option<NaiveDate>,
}

/// A pulse open (or scheduled) for the caller, with their own answer if they gave one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MyPulse {
    pub id: i64,
    pub pilot_id: i64,
    pub pilot: String,
    pub phase: PulsePhase,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub status: PulseStatus,
    /// The date the caller's answer is stored under (their local date when they first
    /// answered); null until they answer.
    pub answered_on: Option<NaiveDate>,
    /// Their own answer, to edit until the pulse closes.
    pub answers: Option<PulseAnswers>,
    /// Members of the teams the caller manages, to rate; empty for everyone else.
    pub members_to_rate: Vec<MemberToRate>,
    /// Whether the caller answers it themselves (a consenting member), as well as rating.
    pub can_answer: bool,
    /// The six statements, in order (s1 … s6).
    pub statements: Vec<String>,
}

/// A member of a team the caller manages: every frozen member, consenting or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MemberToRate {
    pub person_id: i64,
    pub name: String,
    pub team: String,
    /// Whether the caller rated them in this pulse (the value is not shown again: for a member
    /// who did not consent it was never stored, and showing it for the others would tell).
    pub rated: bool,
    /// A confirmed champion: the name carries a badge.
    #[serde(default)]
    pub champion: bool,
}

/// A manager's rating of a member's delivered work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ManagerRating {
    /// 1–5.
    pub rating: i64,
}
