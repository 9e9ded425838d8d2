//! One meeting instance from a person's calendar import (issue 13).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "meetings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub person_id: i64,
    /// The person's local date of the start.
    pub local_date: Date,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    /// The event's `UID`, shared by every attendee's copy.
    pub series_key: String,
    pub recurring: bool,
    pub attendees: i32,
    pub organised: bool,
    /// Shown to the person only (and to a team of at least k attendees); None when private.
    pub title: Option<String>,
    pub private: bool,
    pub imported_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
