//! The meeting audit (issue 13): the caller's week and series, one answer per series, the
//! `asyncable_meetings` entries that follow the answers, and the team's view of its series.

use std::collections::BTreeMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use super::{authorize, signed_in};
use crate::{
    domain::{
        access::Action,
        capture::{
            calendar::local_now,
            measure::{EntrySource, EntryValue, Measure},
            working_days::WorkingDays,
        },
        meeting::audit::{self, AuditAnswer, Purpose, AUDIT_WEEKS},
        pilot::protocol::{DEFAULT_PRIVACY_K, MIN_PRIVACY_K},
    },
    error::AppError,
    server::{
        repo::{self, audit::Actor, entries::NewEntry},
        tx,
    },
    wire::meetings::{MeetingOverview, SeriesRow, TeamMeetingSeries, TeamSeriesRow},
};

/// The caller's week (the one of their latest imported meeting up to today) and their series
/// of the four weeks up to it, with their answers.
pub async fn overview(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<MeetingOverview, AppError> {
    // Reading one's own meetings is reading one's own account (a read-only token may).
    authorize(&actor, Action::UseOwnAccount)?;
    let me = signed_in(&actor)?.person_id;
    let person = repo::people::find_row(db, me).await?;
    let today = local_now(&person.time_zone, now).date();
    let Some(latest) = repo::meetings::latest_day(db, me, today).await? else {
        return Ok(MeetingOverview {
            week_start: None,
            week_meetings: 0,
            week_meeting_hours: 0.0,
            week_focus_hours: 0.0,
            series: Vec::new(),
        });
    };
    let week_start = crate::domain::capture::calendar::week_start(latest);
    let week_end = week_start
        .checked_add_days(Days::new(6))
        .unwrap_or(week_start);
    let entries = repo::entries::of_person(db, me, week_start, week_end).await?;
    let sum = |measure: Measure| -> f64 {
        entries
            .iter()
            .filter(|e| e.measure == measure.key() && e.qualifier.is_empty())
            .map(|e| e.value)
            .sum()
    };
    let first = week_end
        .checked_sub_days(Days::new((AUDIT_WEEKS * 7 - 1) as u64))
        .unwrap_or(week_start);
    let meetings = repo::meetings::of_people(db, &[me], Some(first), Some(week_end)).await?;
    let answers = repo::meetings::own_answers(db, me).await?;
    let series = audit::own_series(&meetings, AUDIT_WEEKS)
        .into_iter()
        .map(|s| {
            let answer = answers.get(&s.key);
            SeriesRow {
                title: s.title,
                recurring: s.recurring,
                instances: s.instances,
                weekly_hours: s.weekly_hours,
                answer: answer.map(|(a, _)| *a),
                purpose: answer.and_then(|(_, p)| *p),
                key: s.key,
            }
        })
        .collect();
    Ok(MeetingOverview {
        week_start: Some(week_start),
        week_meetings: sum(Measure::Meetings) as i64,
        week_meeting_hours: sum(Measure::MeetingHours),
        week_focus_hours: sum(Measure::CalendarFocusHours),
        series,
    })
}

/// One tap: the caller's answer for a series of their own meetings. The days of that series'
/// meetings get their `asyncable_meetings` again.
pub async fn answer(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    key: &str,
    answer: AuditAnswer,
    purpose: Option<Purpose>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    authorize(&actor, Action::WriteOwnEntries)?;
    let me = signed_in(&actor)?.person_id;
    if key.is_empty() || !repo::meetings::has_series(db, me, key).await? {
        return Err(AppError::NotFound(
            "no such meeting series in your calendar".into(),
        ));
    }
    let working_days = repo::people::working_days(db, me).await?;
    tx::write(db, async |tx| {
        repo::meetings::save_answer(tx, me, key, answer, purpose, now).await?;
        refresh_asyncable(tx, me, working_days, None, now).await
    })
    .await
}

/// Writes `asyncable_meetings` for the person's working days with stored meetings (within
/// `days` when given) once they have answered the audit at least once: the meetings of series
/// they answered yes or partly. Before any answer nothing is written, so an unaudited calendar
/// does not claim that none of its meetings could have been async.
pub async fn refresh_asyncable(
    db: &impl ConnectionTrait,
    person_id: i64,
    working_days: WorkingDays,
    days: Option<(NaiveDate, NaiveDate)>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let answers: BTreeMap<String, AuditAnswer> = repo::meetings::own_answers(db, person_id)
        .await?
        .into_iter()
        .map(|(key, (answer, _))| (key, answer))
        .collect();
    if answers.is_empty() {
        return Ok(());
    }
    let meetings =
        repo::meetings::of_people(db, &[person_id], days.map(|d| d.0), days.map(|d| d.1)).await?;
    let mut rows = Vec::new();
    for (date, count) in audit::asyncable_per_day(&meetings, &answers) {
        if !working_days.includes(date) {
            continue;
        }
        let value = EntryValue::new(Measure::AsyncableMeetings, "", count as f64, &[])
            .map_err(|reason| AppError::internal("asyncable value", reason))?;
        rows.push(NewEntry {
            person_id,
            date,
            value,
        });
    }
    repo::entries::upsert(db, &rows, EntrySource::Calendar, None, now).await
}

/// The recurring series of the caller's current team, by team hours per week, over the four
/// weeks up to today.
pub async fn team(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<TeamMeetingSeries, AppError> {
    authorize(&actor, Action::ReadTeamRecords)?;
    let me = signed_in(&actor)?.person_id;
    let Some(team_id) = repo::memberships::current_team(db, me).await? else {
        return Ok(TeamMeetingSeries {
            privacy_k: i64::from(DEFAULT_PRIVACY_K),
            series: Vec::new(),
        });
    };
    // The strictest threshold of the team's pilots (the default outside any pilot).
    let k = repo::team_records::pilot_ks(db, team_id)
        .await?
        .into_iter()
        .max()
        .unwrap_or(DEFAULT_PRIVACY_K)
        .max(MIN_PRIVACY_K);
    let people = repo::meetings::team_people(db, team_id).await?;
    let person = repo::people::find_row(db, me).await?;
    let today = local_now(&person.time_zone, now).date();
    let first = today
        .checked_sub_days(Days::new((AUDIT_WEEKS * 7 - 1) as u64))
        .unwrap_or(today);
    let meetings = repo::meetings::of_people(db, &people, Some(first), Some(today)).await?;
    let votes: Vec<(i64, String, AuditAnswer)> = repo::meetings::answers_of(db, &people)
        .await?
        .into_iter()
        .map(|(person, key, answer, _)| (person, key, answer))
        .collect();
    let series = audit::team_series(&meetings, &votes, AUDIT_WEEKS, i64::from(k))
        .into_iter()
        .map(|s| TeamSeriesRow {
            title: s.title.unwrap_or_else(|| "a recurring meeting".to_string()),
            members: s.members,
            weekly_team_hours: s.weekly_team_hours,
            votes: s.votes,
            asyncable_share: s.asyncable_share,
        })
        .collect();
    Ok(TeamMeetingSeries {
        privacy_k: i64::from(k),
        series,
    })
}
