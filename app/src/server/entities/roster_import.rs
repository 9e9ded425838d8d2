//! A roster import (or dry run) running in the background, with its progress.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "roster_imports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub started_by: i64,
    pub dry_run: bool,
    /// `running`, `done` (the outcome holds the preview) or `failed`.
    pub status: String,
    pub stage: String,
    pub done: i64,
    pub total: i64,
    pub lines: i64,
    /// The preview as JSON once finished: what changed, or the bad lines.
    #[sea_orm(column_type = "Text", nullable)]
    pub outcome: Option<String>,
    /// What went wrong outside the file itself (the database, a restart).
    #[sea_orm(column_type = "Text", nullable)]
    pub failure: Option<String>,
    pub started_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
