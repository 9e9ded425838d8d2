//! Decisions: a team's log, one decision, a new one, marking one decided.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::{domain::capture::decision::NewDecision, error::AppError, server::entities::decision};

/// A stored decision as the services need it.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub id: i64,
    pub team_id: i64,
    pub title: String,
    pub process_type: String,
    pub raised_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub documented: bool,
    pub documentation: Option<String>,
    pub source: String,
}

impl From<decision::Model> for Decision {
    fn from(row: decision::Model) -> Self {
        Self {
            id: row.id,
            team_id: row.team_id,
            title: row.title,
            process_type: row.process_type,
            raised_at: row.raised_at,
            decided_at: row.decided_at,
            documented: row.documented,
            documentation: row.documented_at,
            source: row.source,
        }
    }
}

/// The team's decisions, newest raised first.
pub async fn of_team(db: &impl ConnectionTrait, team_id: i64) -> Result<Vec<Decision>, AppError> {
    Ok(decision::Entity::find()
        .filter(decision::Column::TeamId.eq(team_id))
        .order_by_desc(decision::Column::RaisedAt)
        .order_by_desc(decision::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<Decision>, AppError> {
    Ok(decision::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(Into::into))
}

/// Logs a decision typed in the form or sent to the API; returns its id.
pub async fn insert(
    db: &impl ConnectionTrait,
    team_id: i64,
    new: &NewDecision,
    author_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let saved = decision::ActiveModel {
        team_id: Set(team_id),
        title: Set(new.title.clone()),
        process_type: Set(new.process_type.clone()),
        raised_at: Set(new.raised_at),
        decided_at: Set(new.decided_at),
        documented: Set(new.documentation.is_some()),
        documented_at: Set(new.documentation.clone()),
        author_id: Set(author_id),
        source: Set("form".to_string()),
        import_pilot_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(saved.id)
}

/// Marks an open decision decided (and, with `documentation`, changes where it is written
/// down). False when it was no longer open: a concurrent mark got there first.
pub async fn set_decided(
    db: &impl ConnectionTrait,
    id: i64,
    decided_at: DateTime<Utc>,
    documentation: Option<Option<String>>,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let mut update = decision::Entity::update_many()
        .col_expr(
            decision::Column::DecidedAt,
            sea_orm::prelude::Expr::value(Some(decided_at)),
        )
        .col_expr(
            decision::Column::UpdatedAt,
            sea_orm::prelude::Expr::value(now),
        );
    if let Some(documentation) = documentation {
        update = update
            .col_expr(
                decision::Column::Documented,
                sea_orm::prelude::Expr::value(documentation.is_some()),
            )
            .col_expr(
                decision::Column::DocumentedAt,
                sea_orm::prelude::Expr::value(documentation),
            );
    }
    let result = update
        .filter(decision::Column::Id.eq(id))
        .filter(decision::Column::DecidedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}
