//! Entries: one value per person, local date, measure and qualifier. Every writer (check-in,
//! pulse, metric import, calendar import, the demo) stores through [`upsert`], so "a later
//! write replaces an earlier one, whatever its source" holds in one place.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    sea_query::OnConflict, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::{
    domain::capture::measure::{Entry, EntrySource, EntryValue},
    error::AppError,
    server::entities::entry,
};

/// Rows per multi-row statement: 10 bound values a row stays far below SQLite's limit.
const UPSERT_CHUNK: usize = 500;

/// One value to store for a person on a local date.
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub person_id: i64,
    pub date: NaiveDate,
    pub value: EntryValue,
}

/// Stores each value, replacing what the same person, date, measure and qualifier held before.
/// `author_id` is who wrote it when not the person themselves.
pub async fn upsert(
    db: &impl ConnectionTrait,
    entries: &[NewEntry],
    source: EntrySource,
    author_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    for chunk in entries.chunks(UPSERT_CHUNK) {
        let rows = chunk.iter().map(|new| entry::ActiveModel {
            person_id: Set(new.person_id),
            entry_date: Set(new.date),
            measure: Set(new.value.measure().key()),
            qualifier: Set(new.value.qualifier().to_string()),
            value: Set(new.value.value()),
            source: Set(source.as_str().to_string()),
            author_id: Set(author_id),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
        entry::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::columns([
                    entry::Column::PersonId,
                    entry::Column::EntryDate,
                    entry::Column::Measure,
                    entry::Column::Qualifier,
                ])
                .update_columns([
                    entry::Column::Value,
                    entry::Column::Source,
                    entry::Column::AuthorId,
                    entry::Column::UpdatedAt,
                ])
                .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// The person's own entries from `first` to `last` (both inclusive), newest day first.
pub async fn of_person(
    db: &impl ConnectionTrait,
    person_id: i64,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<Entry>, AppError> {
    let rows = entry::Entity::find()
        .filter(entry::Column::PersonId.eq(person_id))
        .filter(entry::Column::EntryDate.between(first, last))
        .order_by_desc(entry::Column::EntryDate)
        .order_by_asc(entry::Column::Measure)
        .order_by_asc(entry::Column::Qualifier)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(to_entry).collect())
}

/// Removes one of the person's entries; false when they have no entry with that id.
pub async fn delete_own(
    db: &impl ConnectionTrait,
    person_id: i64,
    entry_id: i64,
) -> Result<bool, AppError> {
    let result = entry::Entity::delete_many()
        .filter(entry::Column::Id.eq(entry_id))
        .filter(entry::Column::PersonId.eq(person_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

pub(crate) fn to_entry(row: entry::Model) -> Entry {
    Entry {
        id: row.id,
        person_id: row.person_id,
        date: row.entry_date,
        measure: row.measure,
        qualifier: row.qualifier,
        value: row.value,
        source: EntrySource::parse(&row.source).unwrap_or(EntrySource::Import),
    }
}
