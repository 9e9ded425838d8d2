//! Team charters: dated versions, each with its channels. Versions are only ever added.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::{
    domain::capture::charter::{CharterVersion, Dated},
    error::AppError,
    server::entities::{charter_channel, person, team_charter},
    wire::charters::{CharterChannel, CharterVersionView},
};

impl Dated for CharterVersionView {
    fn version(&self) -> i32 {
        self.version
    }

    fn effective_from(&self) -> NaiveDate {
        self.effective_from
    }
}

/// Every version of the team's charter with its channels, newest version first: three queries
/// whatever the number of versions.
pub async fn versions(
    db: &impl ConnectionTrait,
    team_id: i64,
) -> Result<Vec<CharterVersionView>, AppError> {
    let rows = team_charter::Entity::find()
        .filter(team_charter::Column::TeamId.eq(team_id))
        .order_by_desc(team_charter::Column::Version)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let mut channels: HashMap<i64, Vec<CharterChannel>> = HashMap::new();
    for channel in charter_channel::Entity::find()
        .filter(charter_channel::Column::CharterId.is_in(ids))
        .order_by_asc(charter_channel::Column::CharterId)
        .order_by_asc(charter_channel::Column::Position)
        .all(db)
        .await?
    {
        channels
            .entry(channel.charter_id)
            .or_default()
            .push(CharterChannel {
                name: channel.channel,
                purpose: channel.purpose,
                reply_hours: channel.reply_hours,
            });
    }
    let saver_ids: Vec<i64> = rows.iter().filter_map(|row| row.created_by).collect();
    let savers: HashMap<i64, String> = if saver_ids.is_empty() {
        HashMap::new()
    } else {
        person::Entity::find()
            .select_only()
            .column(person::Column::Id)
            .column(person::Column::DisplayName)
            .filter(person::Column::Id.is_in(saver_ids))
            .into_tuple::<(i64, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    Ok(rows
        .into_iter()
        .map(|row| CharterVersionView {
            id: row.id,
            version: row.version,
            effective_from: row.effective_from,
            current_norms: row.current_norms,
            note: row.note,
            channels: channels.remove(&row.id).unwrap_or_default(),
            saved_by: row.created_by.and_then(|id| savers.get(&id).cloned()),
            saved_at: row.created_at,
        })
        .collect())
}

/// Adds the next version of the team's charter; returns its version number. Two saves racing for
/// the same number meet the unique (team, version) key: one of them answers 409.
pub async fn insert(
    db: &impl ConnectionTrait,
    team_id: i64,
    charter: &CharterVersion,
    created_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let latest: Option<i32> = team_charter::Entity::find()
        .select_only()
        .column(team_charter::Column::Version)
        .filter(team_charter::Column::TeamId.eq(team_id))
        .order_by_desc(team_charter::Column::Version)
        .into_tuple()
        .one(db)
        .await?;
    let version = latest.unwrap_or(0) + 1;
    let saved = team_charter::ActiveModel {
        team_id: Set(team_id),
        version: Set(version),
        effective_from: Set(charter.effective_from()),
        current_norms: Set(charter.current_norms()),
        note: Set(charter.note().to_string()),
        created_by: Set(created_by),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let rows = charter
        .channels()
        .iter()
        .zip(1..)
        .map(|(channel, position)| charter_channel::ActiveModel {
            charter_id: Set(saved.id),
            position: Set(position),
            channel: Set(channel.name().to_string()),
            purpose: Set(channel.purpose().to_string()),
            reply_hours: Set(channel.reply_hours()),
            ..Default::default()
        });
    charter_channel::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(version)
}
