//! The last report computed for a pilot, with the fingerprint of the data it came from.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "report_cache")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub pilot_id: i64,
    pub fingerprint: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub computed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
