//! Team membership as a history: moving someone closes their open row and opens a new one.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::{error::AppError, server::entities::team_membership};

/// Ends the person's current membership (if any) and, with `team_id`, starts a new one.
pub async fn move_to(
    db: &impl ConnectionTrait,
    person_id: i64,
    team_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    team_membership::Entity::update_many()
        .col_expr(
            team_membership::Column::LeftAt,
            sea_orm::prelude::Expr::value(now),
        )
        .filter(team_membership::Column::PersonId.eq(person_id))
        .filter(team_membership::Column::LeftAt.is_null())
        .exec(db)
        .await?;
    if let Some(team_id) = team_id {
        team_membership::ActiveModel {
            person_id: Set(person_id),
            team_id: Set(team_id),
            joined_at: Set(now),
            left_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
