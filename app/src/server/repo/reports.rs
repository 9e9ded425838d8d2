//! Report publication and the report cache: the last report computed per pilot, kept with the
//! fingerprint of everything it was computed from. Any app instance reads and refreshes it.

use chrono::{DateTime, Utc};
use sea_orm::{
    sea_query::OnConflict, ActiveModelTrait, ConnectionTrait, EntityTrait, QuerySelect, Set,
    Statement,
};

use crate::{
    error::AppError,
    server::{
        entities::{pilot, report_cache},
        secrets::hash_secret,
    },
};

pub async fn published_at(
    db: &impl ConnectionTrait,
    pilot_id: i64,
) -> Result<Option<DateTime<Utc>>, AppError> {
    Ok(pilot::Entity::find_by_id(pilot_id)
        .select_only()
        .column(pilot::Column::ReportPublishedAt)
        .into_tuple::<Option<DateTime<Utc>>>()
        .one(db)
        .await?
        .flatten())
}

pub async fn set_published(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    at: Option<DateTime<Utc>>,
) -> Result<(), AppError> {
    pilot::ActiveModel {
        id: Set(pilot_id),
        report_published_at: Set(at),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// A digest of every row a pilot's report reads: counts and latest changes of the entries of
/// its frozen members, their stays, consents and working days, its teams' decisions and
/// charters, HR's metrics and the pilot itself. Any write to one of them changes it.
pub async fn fingerprint(db: &impl ConnectionTrait, pilot_id: i64) -> Result<String, AppError> {
    let people = format!("SELECT person_id FROM pilot_members WHERE pilot_id = {pilot_id}");
    let teams = format!("SELECT team_id FROM pilot_teams WHERE pilot_id = {pilot_id}");
    let parts = [
        format!("SELECT COUNT(*) FROM entries WHERE person_id IN ({people})"),
        format!("SELECT MAX(updated_at) FROM entries WHERE person_id IN ({people})"),
        format!("SELECT COUNT(*) FROM team_memberships WHERE person_id IN ({people})"),
        format!("SELECT MAX(joined_at) FROM team_memberships WHERE person_id IN ({people})"),
        format!("SELECT MAX(left_at) FROM team_memberships WHERE person_id IN ({people})"),
        format!("SELECT MAX(updated_at) FROM people WHERE id IN ({people})"),
        format!("SELECT COUNT(*) FROM consents WHERE pilot_id = {pilot_id}"),
        format!("SELECT MAX(withdrawn_at) FROM consents WHERE pilot_id = {pilot_id}"),
        format!("SELECT COUNT(withdrawn_at) FROM consents WHERE pilot_id = {pilot_id}"),
        format!("SELECT COUNT(*) FROM decisions WHERE team_id IN ({teams})"),
        format!("SELECT MAX(updated_at) FROM decisions WHERE team_id IN ({teams})"),
        format!("SELECT COUNT(*) FROM team_charters WHERE team_id IN ({teams})"),
        format!("SELECT MAX(created_at) FROM team_charters WHERE team_id IN ({teams})"),
        format!("SELECT COUNT(*) FROM pilot_teams WHERE pilot_id = {pilot_id}"),
        format!("SELECT COUNT(*) FROM pilot_members WHERE pilot_id = {pilot_id}"),
        "SELECT COUNT(*) FROM custom_metrics".to_string(),
        format!("SELECT MAX(updated_at) FROM pilots WHERE id = {pilot_id}"),
        format!("SELECT MAX(report_published_at) FROM pilots WHERE id = {pilot_id}"),
    ];
    let columns: Vec<String> = parts
        .iter()
        .enumerate()
        .map(|(index, part)| format!("CAST(({part}) AS TEXT) AS f{index}"))
        .collect();
    let sql = format!("SELECT {}", columns.join(", "));
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?
        .ok_or_else(|| AppError::internal("report fingerprint", "no row"))?;
    let mut text = String::new();
    for index in 0..parts.len() {
        let value: Option<String> = row.try_get("", &format!("f{index}"))?;
        text.push_str(value.as_deref().unwrap_or("-"));
        text.push('|');
    }
    Ok(hash_secret(&text))
}

/// The cached report body, when it was computed from data with this fingerprint.
pub async fn cached(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    fingerprint: &str,
) -> Result<Option<String>, AppError> {
    Ok(report_cache::Entity::find_by_id(pilot_id)
        .one(db)
        .await?
        .filter(|row| row.fingerprint == fingerprint)
        .map(|row| row.body))
}

pub async fn store(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    fingerprint: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    report_cache::Entity::insert(report_cache::ActiveModel {
        pilot_id: Set(pilot_id),
        fingerprint: Set(fingerprint.to_string()),
        body: Set(body.to_string()),
        computed_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(report_cache::Column::PilotId)
            .update_columns([
                report_cache::Column::Fingerprint,
                report_cache::Column::Body,
                report_cache::Column::ComputedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}
