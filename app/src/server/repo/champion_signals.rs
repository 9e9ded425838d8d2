//! What the champion signals read besides a pilot's report input: which pilot a person's
//! percentiles compare within, and the decisions they logged themselves.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::{
    error::AppError,
    server::entities::{decision, pilot_member},
};

/// The latest pilot (highest id) each of `people` is a frozen member of.
pub async fn latest_pilots(
    db: &impl ConnectionTrait,
    people: &[i64],
) -> Result<HashMap<i64, i64>, AppError> {
    let rows: Vec<(i64, i64)> = pilot_member::Entity::find()
        .select_only()
        .column(pilot_member::Column::PersonId)
        .column(pilot_member::Column::PilotId)
        .filter(pilot_member::Column::PersonId.is_in(people.to_vec()))
        .into_tuple()
        .all(db)
        .await?;
    let mut latest: HashMap<i64, i64> = HashMap::new();
    for (person, pilot) in rows {
        let entry = latest.entry(person).or_insert(pilot);
        *entry = (*entry).max(pilot);
    }
    Ok(latest)
}

/// (author, documented) of every decision the given people logged, raised from `from` to `to`.
pub async fn logged_decisions(
    db: &impl ConnectionTrait,
    authors: &[i64],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(i64, bool)>, AppError> {
    let rows: Vec<(Option<i64>, bool)> = decision::Entity::find()
        .select_only()
        .column(decision::Column::AuthorId)
        .column(decision::Column::Documented)
        .filter(decision::Column::AuthorId.is_in(authors.to_vec()))
        .filter(decision::Column::RaisedAt.between(from, to))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(author, documented)| Some((author?, documented)))
        .collect())
}
