//! A channel of a charter version: what it is for and the expected reply time.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "charter_channels")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub charter_id: i64,
    pub position: i32,
    pub channel: String,
    #[sea_orm(column_type = "Text")]
    pub purpose: String,
    pub reply_hours: f64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
