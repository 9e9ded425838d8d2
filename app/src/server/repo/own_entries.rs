//! The entries a person wrote themselves (author empty or the person), as they list, download
//! and delete them. Values HR imported for them are not "theirs" to delete or export here.

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::entries::to_entry;
use crate::{domain::capture::measure::Entry, error::AppError, server::entities::entry};

fn authored_by(person_id: i64) -> Condition {
    Condition::all()
        .add(entry::Column::PersonId.eq(person_id))
        .add(
            Condition::any()
                .add(entry::Column::AuthorId.is_null())
                .add(entry::Column::AuthorId.eq(person_id)),
        )
}

/// The person's own entries, optionally from `first` and to `last` (inclusive), newest day
/// first.
pub async fn list(
    db: &impl ConnectionTrait,
    person_id: i64,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
) -> Result<Vec<Entry>, AppError> {
    let mut query = entry::Entity::find().filter(authored_by(person_id));
    if let Some(first) = first {
        query = query.filter(entry::Column::EntryDate.gte(first));
    }
    if let Some(last) = last {
        query = query.filter(entry::Column::EntryDate.lte(last));
    }
    let rows = query
        .order_by_desc(entry::Column::EntryDate)
        .order_by_asc(entry::Column::Measure)
        .order_by_asc(entry::Column::Qualifier)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(to_entry).collect())
}

/// Deletes one of the person's own entries; false when they wrote no entry with that id.
pub async fn delete(
    db: &impl ConnectionTrait,
    person_id: i64,
    entry_id: i64,
) -> Result<bool, AppError> {
    let result = entry::Entity::delete_many()
        .filter(entry::Column::Id.eq(entry_id))
        .filter(authored_by(person_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}
