//! A person's answer for one meeting series: could it have been async, and what is it for.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_audits")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub person_id: i64,
    pub series_key: String,
    /// `yes`, `partly`, `no`.
    pub answer: String,
    /// `decide`, `inform`, `discuss`, `connect`.
    pub purpose: Option<String>,
    pub answered_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
