//! Who is invited to a pilot and who consented: pilot_members (the membership frozen when the
//! baseline started), the current team memberships before that, and consents.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, JoinType, PaginatorTrait,
    QueryFilter, QuerySelect, Set,
};

use super::pilot_teams;
use crate::{
    domain::pilot::{Pilot, PilotStage},
    error::AppError,
    server::entities::{consent, pilot, pilot_member, team_membership},
    wire::enrollment::MyEnrollment,
};

/// Rows per multi-row insert: far below SQLite's limit on bound values.
const INSERT_CHUNK: usize = 1_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    pub id: i64,
    pub team_id: i64,
    pub consented_at: DateTime<Utc>,
    pub withdrawn_at: Option<DateTime<Utc>>,
}

impl Consent {
    pub fn is_active(&self) -> bool {
        self.withdrawn_at.is_none()
    }
}

/// The person's consent to the pilot, withdrawn or not.
pub async fn find(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    person_id: i64,
) -> Result<Option<Consent>, AppError> {
    Ok(consent::Entity::find()
        .filter(consent::Column::PilotId.eq(pilot_id))
        .filter(consent::Column::PersonId.eq(person_id))
        .one(db)
        .await?
        .map(|row| Consent {
            id: row.id,
            team_id: row.team_id,
            consented_at: row.consented_at,
            withdrawn_at: row.withdrawn_at,
        }))
}

/// Stores a consent, or renews a withdrawn one, without checks: callers check membership.
pub async fn record(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    team_id: i64,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    match find(db, pilot_id, person_id).await? {
        Some(existing) => {
            consent::ActiveModel {
                id: Set(existing.id),
                consented_at: Set(now),
                withdrawn_at: Set(None),
                ..Default::default()
            }
            .update(db)
            .await?;
        }
        None => {
            consent::ActiveModel {
                pilot_id: Set(pilot_id),
                person_id: Set(person_id),
                team_id: Set(team_id),
                consented_at: Set(now),
                withdrawn_at: Set(None),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

pub async fn withdraw(
    db: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    consent::ActiveModel {
        id: Set(id),
        withdrawn_at: Set(Some(now)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Consents ever given in this team of the pilot, withdrawn ones included.
pub async fn count_for_team(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    team_id: i64,
) -> Result<u64, AppError> {
    Ok(consent::Entity::find()
        .filter(consent::Column::PilotId.eq(pilot_id))
        .filter(consent::Column::TeamId.eq(team_id))
        .count(db)
        .await?)
}

/// Active consents per team of the pilot, by one GROUP BY, counted among the members invited
/// through that team (see [`invited_counts`]): a person moved out of the team before the
/// baseline started no longer counts as enrolled there.
pub async fn enrolled_counts(
    db: &impl ConnectionTrait,
    pilot: &Pilot,
    team_ids: &[i64],
) -> Result<HashMap<i64, i64>, AppError> {
    let query = consent::Entity::find()
        .select_only()
        .column(consent::Column::TeamId)
        .column_as(
            Expr::col((consent::Entity, consent::Column::Id)).count_distinct(),
            "enrolled",
        )
        .filter(consent::Column::PilotId.eq(pilot.id))
        .filter(consent::Column::WithdrawnAt.is_null())
        .group_by(consent::Column::TeamId);
    let query = if pilot.is_locked() {
        let frozen = consent::Entity::belongs_to(pilot_member::Entity)
            .from((
                consent::Column::PilotId,
                consent::Column::PersonId,
                consent::Column::TeamId,
            ))
            .to((
                pilot_member::Column::PilotId,
                pilot_member::Column::PersonId,
                pilot_member::Column::TeamId,
            ))
            .into();
        query.join(JoinType::InnerJoin, frozen)
    } else if team_ids.is_empty() {
        return Ok(HashMap::new());
    } else {
        let current = consent::Entity::belongs_to(team_membership::Entity)
            .from((consent::Column::PersonId, consent::Column::TeamId))
            .to((
                team_membership::Column::PersonId,
                team_membership::Column::TeamId,
            ))
            .into();
        query
            .join(JoinType::InnerJoin, current)
            .filter(team_membership::Column::LeftAt.is_null())
    };
    Ok(query
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// The pilots the person consented to (and withdrew from): three queries for any number.
pub async fn of_person(
    db: &impl ConnectionTrait,
    person_id: i64,
) -> Result<Vec<MyEnrollment>, AppError> {
    let consents = consent::Entity::find()
        .filter(consent::Column::PersonId.eq(person_id))
        .all(db)
        .await?;
    if consents.is_empty() {
        return Ok(Vec::new());
    }
    let pilots: HashMap<i64, (String, bool)> = pilot::Entity::find()
        .select_only()
        .column(pilot::Column::Id)
        .column(pilot::Column::Name)
        .column(pilot::Column::Stage)
        .column(pilot::Column::ReportPublishedAt)
        .filter(pilot::Column::Id.is_in(consents.iter().map(|row| row.pilot_id)))
        .into_tuple::<(i64, String, String, Option<DateTime<Utc>>)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, name, stage, published)| {
            let readable =
                PilotStage::from_slug(&stage).is_some_and(PilotStage::shows_published_report);
            (id, (name, readable && published.is_some()))
        })
        .collect();
    let teams = pilot_teams::team_names(db, consents.iter().map(|row| row.team_id)).await?;
    Ok(consents
        .into_iter()
        .map(|row| MyEnrollment {
            pilot_id: row.pilot_id,
            pilot: pilots
                .get(&row.pilot_id)
                .map(|(name, _)| name.clone())
                .unwrap_or_default(),
            report_published: pilots
                .get(&row.pilot_id)
                .is_some_and(|(_, published)| *published)
                && row.withdrawn_at.is_none(),
            team: teams.get(&row.team_id).cloned().unwrap_or_default(),
            consented_at: row.consented_at,
            withdrawn_at: row.withdrawn_at,
        })
        .collect())
}

/// Members invited per team: the frozen membership once the baseline started (later joiners
/// are kept out of before/after pairs), the current one before.
pub async fn invited_counts(
    db: &impl ConnectionTrait,
    pilot: &Pilot,
    team_ids: &[i64],
) -> Result<HashMap<i64, i64>, AppError> {
    let rows: Vec<(i64, i64)> = if pilot.is_locked() {
        pilot_member::Entity::find()
            .select_only()
            .column(pilot_member::Column::TeamId)
            .column_as(Expr::col(pilot_member::Column::PersonId).count(), "members")
            .filter(pilot_member::Column::PilotId.eq(pilot.id))
            .group_by(pilot_member::Column::TeamId)
            .into_tuple()
            .all(db)
            .await?
    } else if team_ids.is_empty() {
        Vec::new()
    } else {
        team_membership::Entity::find()
            .select_only()
            .column(team_membership::Column::TeamId)
            .column_as(Expr::col(team_membership::Column::Id).count(), "members")
            .filter(team_membership::Column::TeamId.is_in(team_ids.iter().copied()))
            .filter(team_membership::Column::LeftAt.is_null())
            .group_by(team_membership::Column::TeamId)
            .into_tuple()
            .all(db)
            .await?
    };
    Ok(rows.into_iter().collect())
}

/// Whether the person is invited through this team (see [`invited_counts`]).
pub async fn is_invited(
    db: &impl ConnectionTrait,
    pilot: &Pilot,
    team_id: i64,
    person_id: i64,
) -> Result<bool, AppError> {
    let count = if pilot.is_locked() {
        pilot_member::Entity::find()
            .filter(pilot_member::Column::PilotId.eq(pilot.id))
            .filter(pilot_member::Column::TeamId.eq(team_id))
            .filter(pilot_member::Column::PersonId.eq(person_id))
            .count(db)
            .await?
    } else {
        team_membership::Entity::find()
            .filter(team_membership::Column::TeamId.eq(team_id))
            .filter(team_membership::Column::PersonId.eq(person_id))
            .filter(team_membership::Column::LeftAt.is_null())
            .count(db)
            .await?
    };
    Ok(count > 0)
}

/// Records who is in these teams now as the pilot's members: one read, then multi-row inserts.
pub async fn freeze_members(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    team_ids: &[i64],
) -> Result<(), AppError> {
    if team_ids.is_empty() {
        return Ok(());
    }
    let members: Vec<(i64, i64)> = team_membership::Entity::find()
        .select_only()
        .column(team_membership::Column::PersonId)
        .column(team_membership::Column::TeamId)
        .filter(team_membership::Column::TeamId.is_in(team_ids.iter().copied()))
        .filter(team_membership::Column::LeftAt.is_null())
        .into_tuple()
        .all(db)
        .await?;
    for chunk in members.chunks(INSERT_CHUNK) {
        let rows = chunk
            .iter()
            .map(|&(person_id, team_id)| pilot_member::ActiveModel {
                pilot_id: Set(pilot_id),
                person_id: Set(person_id),
                team_id: Set(team_id),
            });
        pilot_member::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// The pilot's frozen members as (person, team).
pub async fn frozen_members(
    db: &impl ConnectionTrait,
    pilot_id: i64,
) -> Result<Vec<(i64, i64)>, AppError> {
    Ok(pilot_member::Entity::find()
        .select_only()
        .column(pilot_member::Column::PersonId)
        .column(pilot_member::Column::TeamId)
        .filter(pilot_member::Column::PilotId.eq(pilot_id))
        .into_tuple()
        .all(db)
        .await?)
}
