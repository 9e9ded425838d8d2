//! Importing a person's calendar (`.ics`): the meeting measures of every covered working day,
//! written through `repo::entries::upsert` in one transaction (issue 13).

use chrono::{DateTime, NaiveDate, Utc};

use super::authorize;
use crate::{
    domain::{
        access::Action,
        account::Email,
        audit::AuditAction,
        capture::{
            calendar::local_now,
            measure::{EntrySource, EntryValue, Measure},
            working_days::WorkingDays,
        },
        meeting::{read_calendar, CalendarSummary, Reading},
    },
    error::AppError,
    server::{
        repo::{
            self,
            audit::{Actor, Entry},
            entries::NewEntry,
            meetings::NewMeeting,
        },
        tx,
    },
};
use sea_orm::DatabaseConnection;

/// HR imports one person's calendar (the command line acts as the system).
pub const ACTION: Action = Action::ChangeCapture;

/// The days to cover: both given, one, or none (the file's own first and last instance).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// Reads `bytes` as the calendar of the person with `email` and, unless `dry_run`, writes
/// `meeting_hours`, `meetings` and `calendar_focus_hours` for every covered working day (zero
/// included), replacing those days' values and nothing else. A bad file writes nothing.
pub async fn import_for(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    email: &str,
    bytes: &[u8],
    window: Window,
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<CalendarSummary, AppError> {
    authorize(&actor, ACTION)?;
    let email = Email::parse(email)?;
    let person = repo::people::find_row_by_email(db, &email)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(format!("no person with the email {}", email.as_str()))
        })?;
    import_person(db, actor, &person, bytes, window, dry_run, now).await
}

/// HR imports the calendar of the person with this id (the API's side of the command line).
pub async fn import_for_id(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    person_id: i64,
    bytes: &[u8],
    window: Window,
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<CalendarSummary, AppError> {
    authorize(&actor, ACTION)?;
    let person = repo::people::find_row(db, person_id).await?;
    import_person(db, actor, &person, bytes, window, dry_run, now).await
}

/// A participant imports their own calendar.
pub async fn import_own(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    bytes: &[u8],
    window: Window,
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<CalendarSummary, AppError> {
    authorize(&actor, Action::WriteOwnEntries)?;
    let me = super::signed_in(&actor)?.person_id;
    let person = repo::people::find_row(db, me).await?;
    import_person(db, actor, &person, bytes, window, dry_run, now).await
}

async fn import_person(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    person: &crate::server::entities::person::Model,
    bytes: &[u8],
    window: Window,
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<CalendarSummary, AppError> {
    let author = match &actor {
        Actor::Caller(caller) if caller.person_id != person.id => Some(caller.person_id),
        _ => None,
    };
    let working_days = WorkingDays::from_stored(&person.working_days);
    let summary = read(
        bytes,
        &person.email,
        &person.time_zone,
        working_days,
        window,
        now,
    )?;
    if !dry_run {
        write(db, actor, person, working_days, author, &summary, now).await?;
    }
    Ok(summary)
}

/// The file read for one person: their zone (an unknown or empty one is UTC, as elsewhere)
/// and working days; today is their local date.
pub fn read(
    bytes: &[u8],
    email: &str,
    time_zone: &str,
    working_days: WorkingDays,
    window: Window,
    now: DateTime<Utc>,
) -> Result<CalendarSummary, AppError> {
    let zone = time_zone
        .trim()
        .parse::<chrono_tz::Tz>()
        .unwrap_or(chrono_tz::UTC);
    let reading = Reading {
        email: email.to_string(),
        zone,
        working_days,
        from: window.from,
        to: window.to,
        today: local_now(time_zone, now).date(),
    };
    read_calendar(bytes, &reading).map_err(|error| AppError::validation("file", error.to_string()))
}

async fn write(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    person: &crate::server::entities::person::Model,
    working_days: WorkingDays,
    author: Option<i64>,
    summary: &CalendarSummary,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let Some((first, last)) = summary.covered else {
        return Ok(());
    };
    let zone = person
        .time_zone
        .trim()
        .parse::<chrono_tz::Tz>()
        .unwrap_or(chrono_tz::UTC);
    let rows = entries(person.id, summary)?;
    let meetings: Vec<NewMeeting> = summary
        .meetings
        .iter()
        .map(|m| NewMeeting {
            date: m.start.and_utc().with_timezone(&zone).date_naive(),
            start: m.start.and_utc(),
            end: m.end.and_utc(),
            key: m.key.clone(),
            recurring: m.recurring,
            attendees: i32::try_from(m.attendees).unwrap_or(i32::MAX),
            organised: m.organised,
            title: m.title.clone(),
            private: m.private,
        })
        .collect();
    let detail = format!(
        "calendar: {} working days, {} meetings, {:.2} meeting hours",
        summary.days.len(),
        summary.total_meetings(),
        summary.total_hours()
    );
    let person_id = person.id;
    tx::write(db, async |tx| {
        repo::entries::upsert(tx, &rows, EntrySource::Calendar, author, now).await?;
        repo::meetings::replace_days(tx, person_id, first, last, &meetings, now).await?;
        super::meetings::refresh_asyncable(tx, person_id, working_days, Some((first, last)), now)
            .await?;
        let entry = Entry::new(actor, AuditAction::CaptureImported, "person")
            .object(person_id)
            .detail(detail);
        repo::audit::record(tx, entry, now).await?;
        Ok(())
    })
    .await
}

/// Three values per covered working day. A day of 25 hours (the autumn change) fully booked
/// is stored as 24, the measure's ceiling.
fn entries(person_id: i64, summary: &CalendarSummary) -> Result<Vec<NewEntry>, AppError> {
    let mut rows = Vec::with_capacity(summary.days.len() * 3);
    for (&date, figures) in &summary.days {
        for (measure, value) in [
            (Measure::Meetings, figures.meetings as f64),
            (Measure::MeetingHours, figures.meeting_hours.min(24.0)),
            (
                Measure::CalendarFocusHours,
                figures.calendar_focus_hours.min(24.0),
            ),
        ] {
            let value = EntryValue::new(measure, "", value, &[])
                .map_err(|reason| AppError::internal("calendar value", reason))?;
            rows.push(NewEntry {
                person_id,
                date,
                value,
            });
        }
    }
    Ok(rows)
}

/// The figures as the API and the page show them.
pub fn result(
    summary: &CalendarSummary,
    dry_run: bool,
) -> crate::wire::meetings::CalendarImportResult {
    crate::wire::meetings::CalendarImportResult {
        days: summary
            .days
            .iter()
            .map(|(&date, figures)| crate::wire::meetings::CalendarDay {
                date,
                meetings: figures.meetings,
                meeting_hours: figures.meeting_hours,
                calendar_focus_hours: figures.calendar_focus_hours,
            })
            .collect(),
        total_meetings: summary.total_meetings(),
        total_hours: summary.total_hours(),
        dry_run,
    }
}

/// `YYYY-MM-DD`, or none when empty.
pub fn parse_day(field: &'static str, value: Option<&str>) -> Result<Option<NaiveDate>, AppError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| AppError::validation(field, "use a date like 2026-03-02")),
    }
}
