//! Manager training: the catalogue, statuses per manager (HR) and one's own (a manager),
//! recording a status, the all-or-nothing CSV import, and training coverage per pilot (who
//! misses what only for HR).

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use super::{authorize, signed_in};
use crate::{
    domain::{
        access::Action,
        audit::AuditAction,
        champions::training::{
            missing, parse_module_key, parse_module_title, ModuleProgress, TrainingStatus,
        },
        ParseError,
    },
    error::AppError,
    server::{
        repo::{
            self,
            audit::{Actor, Entry},
        },
        tx,
    },
    wire::training::{
        ManagerMissing, ManagerTraining, ModuleState, MyTraining, PilotTrainingCoverage,
        TrainingModule, TrainingModuleInput, TrainingRecordInput,
    },
};

pub async fn catalogue(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
) -> Result<Vec<TrainingModule>, AppError> {
    authorize(&actor, Action::ReadTeamRecords)?;
    Ok(repo::training::modules(db).await?)
}

/// HR adds a module to the catalogue; returns its id.
pub async fn add_module(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    input: &TrainingModuleInput,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    authorize(&actor, Action::ChangeChampions)?;
    let key = parse_module_key(&input.key)?;
    let title = parse_module_title(&input.title)?;
    tx::write(db, async |tx| {
        let id = repo::training::add_module(tx, &key, &title, input.required, now).await?;
        let entry = Entry::new(actor, AuditAction::TrainingModuleAdded, "training_module")
            .object(id)
            .detail(format!("{key}: {title}"));
        repo::audit::record(tx, entry, now).await?;
        Ok(id)
    })
    .await
}

/// Every manager's status per module (HR).
pub async fn managers(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
) -> Result<Vec<ManagerTraining>, AppError> {
    authorize(&actor, Action::ReadChampions)?;
    let managers = repo::training::managers(db).await?;
    let ids: Vec<i64> = managers.iter().map(|(id, ..)| *id).collect();
    let modules = repo::training::modules(db).await?;
    let mut records = repo::training::records(db, &ids).await?;
    Ok(managers
        .into_iter()
        .map(|(id, name, email, teams)| {
            let records = records.remove(&id).unwrap_or_default();
            view(id, name, email, teams, &modules, &records)
        })
        .collect())
}

/// One manager's training, or None when the person manages no team.
pub async fn training_of(
    db: &impl ConnectionTrait,
    person_id: i64,
) -> Result<Option<ManagerTraining>, AppError> {
    let Some((id, name, email, teams)) = repo::training::managers(db)
        .await?
        .into_iter()
        .find(|(id, ..)| *id == person_id)
    else {
        return Ok(None);
    };
    let modules = repo::training::modules(db).await?;
    let records = repo::training::records(db, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    Ok(Some(view(id, name, email, teams, &modules, &records)))
}

fn view(
    person_id: i64,
    name: String,
    email: String,
    teams: Vec<String>,
    modules: &[TrainingModule],
    records: &HashMap<String, ModuleProgress>,
) -> ManagerTraining {
    let modules: Vec<ModuleState> = modules
        .iter()
        .map(|module| {
            let progress = records.get(&module.key);
            ModuleState {
                module: module.key.clone(),
                title: module.title.clone(),
                required: module.required,
                status: progress.map_or(TrainingStatus::NotStarted, |p| p.status),
                completed_on: progress.and_then(|p| p.completed_on),
            }
        })
        .collect();
    let trained = modules
        .iter()
        .filter(|module| module.required)
        .all(|module| module.status == TrainingStatus::Completed);
    ManagerTraining {
        person_id,
        name,
        email,
        teams,
        modules,
        trained,
    }
}

/// The caller's own training, when they manage a team.
pub async fn mine(db: &impl ConnectionTrait, actor: Actor<'_>) -> Result<MyTraining, AppError> {
    authorize(&actor, Action::UseOwnAccount)?;
    let caller = signed_in(&actor)?;
    Ok(MyTraining {
        training: training_of(db, caller.person_id).await?,
    })
}

/// Records a manager's status in one module: HR for anyone, a manager for themselves.
pub async fn record(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    person_id: i64,
    input: &TrainingRecordInput,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    authorize(&actor, Action::WriteOwnTraining)?;
    let person = repo::people::find_row(db, person_id).await?;
    let hr = authorize(&actor, Action::ChangeChampions).is_ok();
    let recorded_by = signed_in(&actor).ok().map(|caller| caller.person_id);
    if !hr && recorded_by != Some(person_id) {
        return Err(AppError::Forbidden);
    }
    let modules = repo::training::modules(db).await?;
    let module = input.module.trim().to_lowercase();
    if !modules.iter().any(|known| known.key == module) {
        return Err(
            ParseError::new("module", format!("'{module}' is not in the catalogue")).into(),
        );
    }
    let progress = ModuleProgress::parse(
        input.status.as_str(),
        input.completed_on.as_deref().unwrap_or(""),
        now.date_naive(),
    )?;
    if training_of(db, person_id).await?.is_none() {
        return Err(AppError::Conflict(format!(
            "{} does not manage a team: training is tracked for team managers",
            person.display_name
        )));
    }
    tx::write(db, async |tx| {
        repo::training::set_record(tx, person_id, &module, progress, recorded_by, now).await?;
        let entry = Entry::new(actor, AuditAction::TrainingRecorded, "person")
            .object(person_id)
            .detail(format!(
                "{}: {module} {}",
                person.email,
                progress.status.as_str()
            ));
        repo::audit::record(tx, entry, now).await
    })
    .await
}

/// Training coverage per pilot: managers of its pilot teams and how many completed every
/// required module; who misses what for HR only.
pub async fn coverage(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
) -> Result<Vec<PilotTrainingCoverage>, AppError> {
    authorize(&actor, Action::ReadCoverage)?;
    let hr = authorize(&actor, Action::ReadChampions).is_ok();
    let required = repo::training::required_keys(db).await?;
    let titles: HashMap<String, String> = repo::training::modules(db)
        .await?
        .into_iter()
        .map(|module| (module.key, module.title))
        .collect();
    let mut pilots = Vec::new();
    for pilot in repo::pilots::all(db).await? {
        let coverage = repo::champions::pilot_manager_training(db, pilot.id).await?;
        let missing_list = if hr {
            let teams = repo::champions::pilot_arm_teams(db, pilot.id).await?;
            let managers = repo::champion_coverage::managers_of(db, &teams).await?;
            let completed = repo::training::completed_modules(db, &managers).await?;
            let names = repo::champions::names(db, managers.iter().copied()).await?;
            let empty = BTreeSet::new();
            Some(
                managers
                    .iter()
                    .filter_map(|manager| {
                        let done = completed.get(manager).unwrap_or(&empty);
                        let modules: Vec<String> = missing(&required, done)
                            .into_iter()
                            .map(|key| titles.get(key).cloned().unwrap_or_else(|| key.to_string()))
                            .collect();
                        (!modules.is_empty()).then(|| ManagerMissing {
                            person_id: *manager,
                            name: names
                                .get(manager)
                                .map(|(name, _)| name.clone())
                                .unwrap_or_default(),
                            modules,
                        })
                    })
                    .collect(),
            )
        } else {
            None
        };
        pilots.push(PilotTrainingCoverage {
            pilot_id: pilot.id,
            pilot: pilot.protocol.name.clone(),
            managers: coverage.managers,
            completed: coverage.completed,
            share: coverage.share(),
            missing: missing_list,
        });
    }
    Ok(pilots)
}
