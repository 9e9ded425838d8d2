//! Stored meetings and the audit answers per series (issue 13).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    sea_query::OnConflict, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::{
    domain::meeting::audit::{AuditAnswer, Purpose, StoredMeeting},
    error::AppError,
    server::entities::{meeting, meeting_audit, team_membership},
};

const INSERT_CHUNK: usize = 500;

/// A meeting to store for a person.
#[derive(Debug, Clone)]
pub struct NewMeeting {
    pub date: NaiveDate,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub key: String,
    pub recurring: bool,
    pub attendees: i32,
    pub organised: bool,
    pub title: Option<String>,
    pub private: bool,
}

/// Replaces the person's meetings on the days from `first` to `last` with `meetings`.
pub async fn replace_days(
    db: &impl ConnectionTrait,
    person_id: i64,
    first: NaiveDate,
    last: NaiveDate,
    meetings: &[NewMeeting],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    meeting::Entity::delete_many()
        .filter(meeting::Column::PersonId.eq(person_id))
        .filter(meeting::Column::LocalDate.between(first, last))
        .exec(db)
        .await?;
    for chunk in meetings.chunks(INSERT_CHUNK) {
        let rows = chunk.iter().map(|m| meeting::ActiveModel {
            person_id: Set(person_id),
            local_date: Set(m.date),
            starts_at: Set(m.start),
            ends_at: Set(m.end),
            series_key: Set(m.key.clone()),
            recurring: Set(m.recurring),
            attendees: Set(m.attendees),
            organised: Set(m.organised),
            title: Set(m.title.clone()),
            private: Set(m.private),
            imported_at: Set(now),
            ..Default::default()
        });
        meeting::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Meetings of these people from `first` on (all of them with None), by start.
pub async fn of_people(
    db: &impl ConnectionTrait,
    people: &[i64],
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
) -> Result<Vec<StoredMeeting>, AppError> {
    let mut query =
        meeting::Entity::find().filter(meeting::Column::PersonId.is_in(people.to_vec()));
    if let Some(first) = first {
        query = query.filter(meeting::Column::LocalDate.gte(first));
    }
    if let Some(last) = last {
        query = query.filter(meeting::Column::LocalDate.lte(last));
    }
    let rows = query
        .order_by_asc(meeting::Column::StartsAt)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| StoredMeeting {
            person_id: row.person_id,
            date: row.local_date,
            start: row.starts_at.naive_utc(),
            end: row.ends_at.naive_utc(),
            key: row.series_key,
            recurring: row.recurring,
            title: row.title,
            private: row.private,
        })
        .collect())
}

/// The last day the person has a stored meeting on, not after `today` if they have one then.
pub async fn latest_day(
    db: &impl ConnectionTrait,
    person_id: i64,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, AppError> {
    let past = meeting::Entity::find()
        .filter(meeting::Column::PersonId.eq(person_id))
        .filter(meeting::Column::LocalDate.lte(today))
        .order_by_desc(meeting::Column::LocalDate)
        .one(db)
        .await?;
    if let Some(row) = past {
        return Ok(Some(row.local_date));
    }
    Ok(meeting::Entity::find()
        .filter(meeting::Column::PersonId.eq(person_id))
        .order_by_asc(meeting::Column::LocalDate)
        .one(db)
        .await?
        .map(|row| row.local_date))
}

/// Each answer of these people: (person, series, answer, purpose).
pub async fn answers_of(
    db: &impl ConnectionTrait,
    people: &[i64],
) -> Result<Vec<(i64, String, AuditAnswer, Option<Purpose>)>, AppError> {
    let rows = meeting_audit::Entity::find()
        .filter(meeting_audit::Column::PersonId.is_in(people.to_vec()))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let answer = AuditAnswer::parse(&row.answer).ok()?;
            let purpose = row.purpose.as_deref().and_then(|p| Purpose::parse(p).ok());
            Some((row.person_id, row.series_key, answer, purpose))
        })
        .collect())
}

/// The person's answers by series.
pub async fn own_answers(
    db: &impl ConnectionTrait,
    person_id: i64,
) -> Result<BTreeMap<String, (AuditAnswer, Option<Purpose>)>, AppError> {
    Ok(answers_of(db, &[person_id])
        .await?
        .into_iter()
        .map(|(_, key, answer, purpose)| (key, (answer, purpose)))
        .collect())
}

/// Stores the person's answer for a series, replacing an earlier one.
pub async fn save_answer(
    db: &impl ConnectionTrait,
    person_id: i64,
    key: &str,
    answer: AuditAnswer,
    purpose: Option<Purpose>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let row = meeting_audit::ActiveModel {
        person_id: Set(person_id),
        series_key: Set(key.to_string()),
        answer: Set(answer.as_str().to_string()),
        purpose: Set(purpose.map(|p| p.as_str().to_string())),
        answered_at: Set(now),
        ..Default::default()
    };
    meeting_audit::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                meeting_audit::Column::PersonId,
                meeting_audit::Column::SeriesKey,
            ])
            .update_columns([
                meeting_audit::Column::Answer,
                meeting_audit::Column::Purpose,
                meeting_audit::Column::AnsweredAt,
            ])
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Whether the person has a stored meeting of this series.
pub async fn has_series(
    db: &impl ConnectionTrait,
    person_id: i64,
    key: &str,
) -> Result<bool, AppError> {
    Ok(meeting::Entity::find()
        .filter(meeting::Column::PersonId.eq(person_id))
        .filter(meeting::Column::SeriesKey.eq(key))
        .one(db)
        .await?
        .is_some())
}

/// The team's current members.
pub async fn team_people(db: &impl ConnectionTrait, team_id: i64) -> Result<Vec<i64>, AppError> {
    Ok(team_membership::Entity::find()
        .select_only()
        .column(team_membership::Column::PersonId)
        .filter(team_membership::Column::TeamId.eq(team_id))
        .filter(team_membership::Column::LeftAt.is_null())
        .into_tuple()
        .all(db)
        .await?)
}
