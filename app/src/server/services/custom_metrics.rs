//! HR-defined metrics: everyone who reads pilots may list them; HR adds them.

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use crate::{
    domain::{
        access::Action,
        audit::AuditAction,
        capture::custom_metric::{CustomMetric, CustomMetricInput},
    },
    error::AppError,
    server::{
        repo::{
            self,
            audit::{Actor, Entry},
        },
        tx,
    },
    wire::custom_metrics::CustomMetricView,
};

pub async fn list(
    db: &DatabaseConnection,
    actor: Actor<'_>,
) -> Result<Vec<CustomMetricView>, AppError> {
    super::authorize(&actor, Action::ReadPilots)?;
    repo::custom_metrics::all(db).await
}

/// Defines a metric; its key is fixed from then on (entries are stored under it).
pub async fn create(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    input: &CustomMetricInput,
    now: DateTime<Utc>,
) -> Result<CustomMetricView, AppError> {
    super::authorize(&actor, Action::ChangeCapture)?;
    let metric = CustomMetric::parse(input)?;
    tx::write(db, async |tx| {
        let created = repo::custom_metrics::insert(tx, &metric, now)
            .await
            .map_err(|error| match error {
                AppError::Conflict(_) => AppError::validation(
                    "key",
                    format!("custom:{} is already defined", metric.key()),
                ),
                other => other,
            })?;
        let entry = Entry::new(actor, AuditAction::CustomMetricDefined, "custom_metric")
            .object(created.id)
            .detail(format!("custom:{}", created.key));
        repo::audit::record(tx, entry, now).await?;
        Ok(created)
    })
    .await
}
