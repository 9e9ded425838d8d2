//! A pilot's readiness thresholds, when HR changed them from the defaults.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "readiness_thresholds")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub pilot_id: i64,
    pub primary_p: f64,
    pub guardrail_q: f64,
    pub participation: f64,
    pub training: f64,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
