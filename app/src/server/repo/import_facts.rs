//! What a metric or decision import is checked against (people, who is in the pilot's teams and
//! consented, the values already stored, teams, process types) and the decisions it writes.
//! Each is one query (or one per chunk of ids), whatever the size of the file.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::{consents, pilot_teams};
use crate::{
    domain::{
        capture::{
            decision_import::{DecisionKey, ImportedDecision, TeamStanding},
            entry_import::{EntryKey, Standing},
            measure::{CustomRange, Measure},
        },
        pilot::Pilot,
    },
    error::AppError,
    server::entities::{consent, decision, entry, person, team, team_membership},
};

/// Ids per `IN (…)` list: far below SQLite's limit on bound values.
const ID_CHUNK: usize = 500;
/// Decisions per multi-row statement (12 bound values each).
const DECISION_CHUNK: usize = 400;

/// Everyone in the organisation (active or not), by lower-case email.
pub async fn people_by_email(db: &impl ConnectionTrait) -> Result<HashMap<String, i64>, AppError> {
    let rows: Vec<(i64, String)> = person::Entity::find()
        .select_only()
        .column(person::Column::Id)
        .column(person::Column::Email)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, email)| (email.to_lowercase(), id))
        .collect())
}

/// The people of the pilot's teams — the frozen membership once the baseline started, the
/// current one before — and whether each consented and has not withdrawn.
pub async fn standing_in_pilot(
    db: &impl ConnectionTrait,
    pilot: &Pilot,
) -> Result<HashMap<i64, Standing>, AppError> {
    let team_ids: Vec<i64> = pilot_teams::of_pilot(db, pilot.id)
        .await?
        .into_iter()
        .map(|team| team.team_id)
        .collect();
    let members: Vec<i64> = if pilot.is_locked() {
        consents::frozen_members(db, pilot.id)
            .await?
            .into_iter()
            .map(|(person_id, _)| person_id)
            .collect()
    } else if team_ids.is_empty() {
        Vec::new()
    } else {
        team_membership::Entity::find()
            .select_only()
            .column(team_membership::Column::PersonId)
            .filter(team_membership::Column::TeamId.is_in(team_ids))
            .filter(team_membership::Column::LeftAt.is_null())
            .into_tuple()
            .all(db)
            .await?
    };
    let consented: Vec<i64> = consent::Entity::find()
        .select_only()
        .column(consent::Column::PersonId)
        .filter(consent::Column::PilotId.eq(pilot.id))
        .filter(consent::Column::WithdrawnAt.is_null())
        .into_tuple()
        .all(db)
        .await?;
    let mut standing: HashMap<i64, Standing> = members
        .into_iter()
        .map(|person_id| (person_id, Standing::WithoutConsent))
        .collect();
    for person_id in consented {
        if let Some(member) = standing.get_mut(&person_id) {
            *member = Standing::Consented;
        }
    }
    Ok(standing)
}

/// The values these people have stored from `first` to `last`, by entry key (measures the code
/// no longer knows are left out: no import line can match them).
pub async fn stored_values(
    db: &impl ConnectionTrait,
    person_ids: &[i64],
    first: NaiveDate,
    last: NaiveDate,
    custom: &[CustomRange],
) -> Result<HashMap<EntryKey, f64>, AppError> {
    let mut stored = HashMap::new();
    for chunk in person_ids.chunks(ID_CHUNK) {
        let rows: Vec<(i64, NaiveDate, String, String, f64)> = entry::Entity::find()
            .select_only()
            .column(entry::Column::PersonId)
            .column(entry::Column::EntryDate)
            .column(entry::Column::Measure)
            .column(entry::Column::Qualifier)
            .column(entry::Column::Value)
            .filter(entry::Column::PersonId.is_in(chunk.iter().copied()))
            .filter(entry::Column::EntryDate.between(first, last))
            .into_tuple()
            .all(db)
            .await?;
        for (person_id, date, measure, qualifier, value) in rows {
            if let Some(measure) = Measure::parse(&measure, custom) {
                stored.insert((person_id, date, measure, qualifier), value);
            }
        }
    }
    Ok(stored)
}

/// Every team by lower-case name, and whether it is one of the pilot's.
pub async fn teams_by_name(
    db: &impl ConnectionTrait,
    pilot_id: i64,
) -> Result<HashMap<String, TeamStanding>, AppError> {
    let in_pilot: Vec<i64> = pilot_teams::of_pilot(db, pilot_id)
        .await?
        .into_iter()
        .map(|team| team.team_id)
        .collect();
    let rows: Vec<(i64, String)> = team::Entity::find()
        .select_only()
        .column(team::Column::Id)
        .column(team::Column::Name)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(team_id, name)| {
            let standing = TeamStanding {
                team_id,
                in_pilot: in_pilot.contains(&team_id),
            };
            (name.to_lowercase(), standing)
        })
        .collect())
}

/// What an imported decision holds besides its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDecision {
    pub decided_at: Option<DateTime<Utc>>,
    pub documented: bool,
    pub title: String,
}

/// The decisions imported into this pilot, by key, each key's in the order they were stored.
pub async fn imported_decisions(
    db: &impl ConnectionTrait,
    pilot_id: i64,
) -> Result<HashMap<DecisionKey, Vec<StoredDecision>>, AppError> {
    let rows = decision::Entity::find()
        .filter(decision::Column::ImportPilotId.eq(pilot_id))
        .order_by_asc(decision::Column::Id)
        .all(db)
        .await?;
    let mut by_key: HashMap<DecisionKey, Vec<StoredDecision>> = HashMap::new();
    for row in rows {
        by_key
            .entry((row.team_id, row.process_type, row.raised_at))
            .or_default()
            .push(StoredDecision {
                decided_at: row.decided_at,
                documented: row.documented,
                title: row.title,
            });
    }
    Ok(by_key)
}

/// Puts each group's decisions in place of those stored under its key for this pilot (two
/// decisions may share a key: the file's lines are what the key holds afterwards).
pub async fn replace_decisions(
    db: &impl ConnectionTrait,
    pilot_id: i64,
    groups: &[(DecisionKey, Vec<ImportedDecision>)],
    author_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    for ((team_id, process_type, raised_at), _) in groups {
        decision::Entity::delete_many()
            .filter(decision::Column::ImportPilotId.eq(pilot_id))
            .filter(decision::Column::TeamId.eq(*team_id))
            .filter(decision::Column::ProcessType.eq(process_type.as_str()))
            .filter(decision::Column::RaisedAt.eq(*raised_at))
            .exec(db)
            .await?;
    }
    let rows: Vec<&ImportedDecision> = groups.iter().flat_map(|(_, rows)| rows).collect();
    for chunk in rows.chunks(DECISION_CHUNK) {
        let models = chunk.iter().map(|new| decision::ActiveModel {
            team_id: Set(new.team_id),
            title: Set(new.title.clone()),
            process_type: Set(new.process_type.clone()),
            raised_at: Set(new.raised_at),
            decided_at: Set(new.decided_at),
            documented: Set(new.documented),
            documented_at: Set(None),
            author_id: Set(author_id),
            source: Set("import".into()),
            import_pilot_id: Set(Some(pilot_id)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
        decision::Entity::insert_many(models)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}
