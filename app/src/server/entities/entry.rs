//! One value per person, local date, measure and qualifier (METHOD.md section 2).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub person_id: i64,
    pub entry_date: Date,
    pub measure: String,
    /// '' for measures without a qualifier.
    pub qualifier: String,
    pub value: f64,
    /// `checkin`, `import`, `calendar`, `pulse`.
    pub source: String,
    /// Who wrote it when not the person (a manager's rating, HR's import).
    pub author_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
