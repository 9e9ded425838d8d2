//! Manager training: the catalogue, statuses, recording, the CSV import and coverage.

use leptos::prelude::*;

use crate::{
    error::AppError,
    wire::training::{
        ManagerTraining, MyTraining, PilotTrainingCoverage, TrainingImportResult, TrainingModule,
        TrainingModuleInput, TrainingRecordInput,
    },
};

#[server(prefix = "/fn", endpoint = "list_training_modules")]
pub async fn list_training_modules() -> Result<Vec<TrainingModule>, AppError> {
    use crate::server::{context, repo::audit::Actor, services::training};
    context::serve(|state, caller| async move {
        training::catalogue(&state.db, Actor::Caller(&caller)).await
    })
    .await
}

/// HR adds a module; returns its id.
#[server(prefix = "/fn", endpoint = "add_training_module")]
pub async fn add_training_module(module: TrainingModuleInput) -> Result<i64, AppError> {
    use crate::server::{context, repo::audit::Actor, services::training};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        training::add_module(&state.db, Actor::Caller(&caller), &module, now).await
    })
    .await
}

/// Every manager's status per module (HR).
#[server(prefix = "/fn", endpoint = "list_manager_training")]
pub async fn list_manager_training() -> Result<Vec<ManagerTraining>, AppError> {
    use crate::server::{context, repo::audit::Actor, services::training};
    context::serve(|state, caller| async move {
        training::managers(&state.db, Actor::Caller(&caller)).await
    })
    .await
}

/// The caller's own training, when they manage a team.
#[server(prefix = "/fn", endpoint = "get_my_training")]
pub async fn get_my_training() -> Result<MyTraining, AppError> {
    use crate::server::{context, repo::audit::Actor, services::training};
    context::serve(|state, caller| async move {
        training::mine(&state.db, Actor::Caller(&caller)).await
    })
    .await
}

/// Records a manager's status in a module (HR, or the manager themselves).
#[server(prefix = "/fn", endpoint = "record_training")]
pub async fn record_training(person_id: i64, record: TrainingRecordInput) -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::training};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        training::record(&state.db, Actor::Caller(&caller), person_id, &record, now).await
    })
    .await
}

/// Checks (and unless a dry run, writes) a training CSV: all or nothing.
#[server(prefix = "/fn", endpoint = "import_training")]
pub async fn import_training(csv: String, dry_run: bool) -> Result<TrainingImportResult, AppError> {
    use crate::server::{context, repo::audit::Actor, services::training_import};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        training_import::import(&state.db, Actor::Caller(&caller), &csv, dry_run, now).await
    })
    .await
}

/// Training coverage per pilot (who misses what for HR only).
#[server(prefix = "/fn", endpoint = "get_training_coverage")]
pub async fn get_training_coverage() -> Result<Vec<PilotTrainingCoverage>, AppError> {
    use crate::server::{context, repo::audit::Actor, services::training};
    context::serve(|state, caller| async move {
        training::coverage(&state.db, Actor::Caller(&caller)).await
    })
    .await
}
