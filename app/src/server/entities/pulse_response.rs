//! Who answered a pulse (or rated whom): the values themselves are entries.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "pulse_responses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub pulse_id: i64,
    pub person_id: i64,
    /// Set for a manager's rating of a member's delivered work.
    pub rated_person_id: Option<i64>,
    pub entry_date: Date,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
