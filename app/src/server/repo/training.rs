//! The training catalogue (built-in modules from code, HR's from the table) and each manager's
//! status per module.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, Set,
};

use crate::{
    domain::champions::training::{ModuleProgress, TrainingStatus, BUILT_IN_MODULES},
    error::AppError,
    server::entities::{person, team, training_module, training_record},
    wire::training::TrainingModule,
};

/// The catalogue: the method's modules first, then HR's in the order they were added.
pub async fn modules(db: &impl ConnectionTrait) -> Result<Vec<TrainingModule>, DbErr> {
    let mut modules: Vec<TrainingModule> = BUILT_IN_MODULES
        .iter()
        .map(|(key, title)| TrainingModule {
            key: key.to_string(),
            title: title.to_string(),
            required: true,
            built_in: true,
        })
        .collect();
    modules.extend(
        training_module::Entity::find()
            .order_by_asc(training_module::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|row| TrainingModule {
                key: row.key,
                title: row.title,
                required: row.required,
                built_in: false,
            }),
    );
    Ok(modules)
}

/// Keys of the required modules.
pub async fn required_keys(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    Ok(modules(db)
        .await?
        .into_iter()
        .filter(|module| module.required)
        .map(|module| module.key)
        .collect())
}

/// Adds a module; a key already taken is a conflict.
pub async fn add_module(
    db: &impl ConnectionTrait,
    key: &str,
    title: &str,
    required: bool,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let taken = training_module::Entity::find()
        .filter(training_module::Column::Key.eq(key))
        .one(db)
        .await?
        .is_some();
    if taken {
        return Err(AppError::Conflict(format!(
            "a module '{key}' exists already"
        )));
    }
    Ok(training_module::ActiveModel {
        key: Set(key.to_string()),
        title: Set(title.to_string()),
        required: Set(required),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?
    .id)
}

/// Every active team manager: (person id, name, email, the active teams they manage).
pub async fn managers(
    db: &impl ConnectionTrait,
) -> Result<Vec<(i64, String, String, Vec<String>)>, AppError> {
    let teams = team::Entity::find()
        .filter(team::Column::Active.eq(true))
        .filter(team::Column::ManagerId.is_not_null())
        .order_by_asc(team::Column::Name)
        .all(db)
        .await?;
    let mut teams_of: HashMap<i64, Vec<String>> = HashMap::new();
    for row in teams {
        if let Some(manager) = row.manager_id {
            teams_of.entry(manager).or_default().push(row.name);
        }
    }
    let mut people = person::Entity::find()
        .filter(person::Column::Id.is_in(teams_of.keys().copied()))
        .filter(person::Column::Active.eq(true))
        .order_by_asc(person::Column::DisplayName)
        .all(db)
        .await?;
    Ok(people
        .drain(..)
        .map(|row| {
            let teams = teams_of.remove(&row.id).unwrap_or_default();
            (row.id, row.display_name, row.email, teams)
        })
        .collect())
}

/// Each person's recorded statuses by module (no entry: not started).
pub async fn records(
    db: &impl ConnectionTrait,
    people: &[i64],
) -> Result<HashMap<i64, HashMap<String, ModuleProgress>>, DbErr> {
    let mut by_person: HashMap<i64, HashMap<String, ModuleProgress>> = HashMap::new();
    for row in training_record::Entity::find()
        .filter(training_record::Column::PersonId.is_in(people.to_vec()))
        .all(db)
        .await?
    {
        let Some(status) = TrainingStatus::parse(&row.status) else {
            continue;
        };
        by_person.entry(row.person_id).or_default().insert(
            row.module,
            ModuleProgress {
                status,
                completed_on: row.completed_on,
            },
        );
    }
    Ok(by_person)
}

/// The modules each of `people` completed.
pub async fn completed_modules(
    db: &impl ConnectionTrait,
    people: &BTreeSet<i64>,
) -> Result<HashMap<i64, BTreeSet<String>>, DbErr> {
    let people: Vec<i64> = people.iter().copied().collect();
    Ok(records(db, &people)
        .await?
        .into_iter()
        .map(|(person, modules)| {
            let done = modules
                .into_iter()
                .filter(|(_, progress)| progress.status == TrainingStatus::Completed)
                .map(|(module, _)| module)
                .collect();
            (person, done)
        })
        .collect())
}

/// Records one status; "not started" removes the record.
pub async fn set_record(
    db: &impl ConnectionTrait,
    person_id: i64,
    module: &str,
    progress: ModuleProgress,
    recorded_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let existing = training_record::Entity::find()
        .filter(training_record::Column::PersonId.eq(person_id))
        .filter(training_record::Column::Module.eq(module))
        .one(db)
        .await?;
    if progress.status == TrainingStatus::NotStarted {
        if let Some(row) = existing {
            training_record::Entity::delete_by_id(row.id)
                .exec(db)
                .await?;
        }
        return Ok(());
    }
    let mut row = match existing {
        Some(row) => row.into_active_model(),
        None => training_record::ActiveModel {
            person_id: Set(person_id),
            module: Set(module.to_string()),
            ..Default::default()
        },
    };
    row.status = Set(progress.status.as_str().to_string());
    row.completed_on = Set(progress.completed_on);
    row.recorded_by = Set(recorded_by);
    row.updated_at = Set(now);
    row.save(db).await?;
    Ok(())
}
