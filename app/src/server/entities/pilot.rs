//! A pilot: its protocol and where it stands in its lifecycle.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pilots")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub name: String,
    pub hypothesis: String,
    pub primary_metric: String,
    pub guardrail_metrics: String,
    pub baseline_start: Date,
    pub baseline_days: i32,
    pub intervention_days: i32,
    pub follow_up_days: i32,
    pub privacy_k: i32,
    pub stage: String,
    pub decision: Option<String>,
    pub protocol_locked_at: Option<DateTimeUtc>,
    /// When HR published the report to the pilot's participants and managers.
    pub report_published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
