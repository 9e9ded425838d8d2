//! A team's decision: raised, decided (or open), documented or not.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "decisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub team_id: i64,
    #[sea_orm(column_type = "Text")]
    pub title: String,
    pub process_type: String,
    pub raised_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
    pub documented: bool,
    /// The link or text where it is written down.
    #[sea_orm(column_type = "Text", nullable)]
    pub documented_at: Option<String>,
    pub author_id: Option<i64>,
    /// `form` or `import`.
    pub source: String,
    pub import_pilot_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
