//! One colleague's nomination of another as a champion, with a sentence of why.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "champion_nominations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub nominee_id: i64,
    pub nominator_id: i64,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub reveal_nominator: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
