//! Decision process types HR defined (the built-in ones live in the domain).

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QueryOrder, Set};

use crate::{error::AppError, server::entities::process_type};

/// Every HR-defined type as (key, label), by key.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<(String, String)>, AppError> {
    Ok(process_type::Entity::find()
        .order_by_asc(process_type::Column::Key)
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.key, row.label))
        .collect())
}

/// Adds a type; a key already defined meets the unique key (409).
pub async fn insert(
    db: &impl ConnectionTrait,
    key: &str,
    label: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let saved = process_type::ActiveModel {
        key: Set(key.to_string()),
        label: Set(label.to_string()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(saved.id)
}
