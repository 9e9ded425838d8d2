//! HR-defined metrics (custom_metrics): listed for the admin page and the import, added by HR.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QueryOrder, Set};

use crate::{
    domain::capture::{
        custom_metric::{CustomMetric, Direction},
        measure::CustomRange,
    },
    error::AppError,
    server::entities::custom_metric,
    wire::custom_metrics::CustomMetricView,
};

fn to_view(row: custom_metric::Model) -> CustomMetricView {
    CustomMetricView {
        id: row.id,
        key: row.key,
        label: row.label,
        unit: row.unit,
        // Only `Direction::as_str` is ever written.
        direction: Direction::parse(&row.direction).unwrap_or(Direction::HigherIsBetter),
        min_value: row.min_value,
        max_value: row.max_value,
    }
}

/// Every HR-defined metric, by key.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<CustomMetricView>, AppError> {
    Ok(custom_metric::Entity::find()
        .order_by_asc(custom_metric::Column::Key)
        .all(db)
        .await?
        .into_iter()
        .map(to_view)
        .collect())
}

/// The ranges the measures check `custom:<key>` values against.
pub async fn ranges(db: &impl ConnectionTrait) -> Result<Vec<CustomRange>, AppError> {
    Ok(all(db)
        .await?
        .into_iter()
        .map(|metric| CustomRange {
            key: metric.key,
            min: metric.min_value,
            max: metric.max_value,
        })
        .collect())
}

/// Adds the metric; a key already defined is a conflict (the caller names it).
pub async fn insert(
    db: &impl ConnectionTrait,
    metric: &CustomMetric,
    now: DateTime<Utc>,
) -> Result<CustomMetricView, AppError> {
    let row = custom_metric::ActiveModel {
        key: Set(metric.key().to_string()),
        label: Set(metric.label().to_string()),
        unit: Set(metric.unit().to_string()),
        direction: Set(metric.direction().as_str().to_string()),
        min_value: Set(metric.min()),
        max_value: Set(metric.max()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(to_view(row))
}
