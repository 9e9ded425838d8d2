//! A person's details as an admin edits them: name, manager, time zone, working pattern.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
};

use crate::{error::AppError, server::entities::person};

/// What the person form sets, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details<'a> {
    pub name: &'a str,
    pub manager_id: Option<i64>,
    pub time_zone: &'a str,
    pub working_pattern: &'a str,
}

/// The person's email, or None when there is no such person.
pub async fn email_of(db: &impl ConnectionTrait, id: i64) -> Result<Option<String>, AppError> {
    Ok(person::Entity::find_by_id(id)
        .select_only()
        .column(person::Column::Email)
        .into_tuple()
        .one(db)
        .await?)
}

/// The id of the person with this (normalised) email.
pub async fn id_by_email(db: &impl ConnectionTrait, email: &str) -> Result<Option<i64>, AppError> {
    Ok(person::Entity::find()
        .select_only()
        .column(person::Column::Id)
        .filter(person::Column::Email.eq(email))
        .into_tuple()
        .one(db)
        .await?)
}

pub async fn update(
    db: &impl ConnectionTrait,
    id: i64,
    details: &Details<'_>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    person::ActiveModel {
        id: Set(id),
        display_name: Set(details.name.to_string()),
        time_zone: Set(details.time_zone.to_string()),
        working_pattern: Set(details.working_pattern.to_string()),
        manager_id: Set(details.manager_id),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}
