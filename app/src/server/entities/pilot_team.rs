//! A team taking part in a pilot, as a pilot team or a comparison team.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pilot_teams")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub pilot_id: i64,
    pub team_id: i64,
    pub arm: String,
    pub volunteered: bool,
    pub invite_token_hash: Option<String>,
    pub created_at: DateTimeUtc,
    /// When the enrollment link stops working (`domain::pilot::enrollment_link`).
    pub link_expires_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
