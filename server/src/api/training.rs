//! Manager training: the catalogue, every manager's status (HR), one's own, recording a status,
//! the all-or-nothing CSV import and training coverage.

use app::{
    server::{
        repo::audit::Actor,
        services::{training, training_import},
        state::AppState,
    },
    wire::{
        training::{
            ManagerTraining, MyTraining, PilotTrainingCoverage, TrainingImportInput,
            TrainingImportResult, TrainingModule, TrainingModuleInput, TrainingRecordInput,
        },
        Created,
    },
};
use axum::{extract::State, http::StatusCode, Json};

use super::{
    error::{ErrorBody, Refusals},
    extract::{Authenticated, JsonBody, PathParam},
    ApiError,
};

/// The catalogue: the method's three required modules, then HR's.
#[utoipa::path(
    get,
    path = "/training/modules",
    tag = "training",
    security(("session" = []), ("token" = [])),
    responses((status = 200, body = Vec<TrainingModule>), Refusals)
)]
pub async fn list_training_modules(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<Vec<TrainingModule>>, ApiError> {
    Ok(Json(
        training::catalogue(&state.db, Actor::Caller(&caller)).await?,
    ))
}

/// HR adds a module.
#[utoipa::path(
    post,
    path = "/training/modules",
    tag = "training",
    request_body = TrainingModuleInput,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 201, body = Created),
        Refusals,
        (status = 409, description = "The key is taken", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn add_training_module(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(input): JsonBody<TrainingModuleInput>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let now = chrono::Utc::now();
    let id = training::add_module(&state.db, Actor::Caller(&caller), &input, now).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// Every team manager's status per module (HR only).
#[utoipa::path(
    get,
    path = "/training/managers",
    tag = "training",
    security(("session" = []), ("token" = [])),
    responses((status = 200, body = Vec<ManagerTraining>), Refusals)
)]
pub async fn list_manager_training(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<Vec<ManagerTraining>>, ApiError> {
    Ok(Json(
        training::managers(&state.db, Actor::Caller(&caller)).await?,
    ))
}

/// The caller's own training (`training` is null when they manage no team).
#[utoipa::path(
    get,
    path = "/me/training",
    tag = "training",
    security(("session" = []), ("token" = [])),
    responses((status = 200, body = MyTraining), Refusals)
)]
pub async fn get_my_training(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<MyTraining>, ApiError> {
    Ok(Json(
        training::mine(&state.db, Actor::Caller(&caller)).await?,
    ))
}

/// Records a manager's status in one module: HR for any manager, a manager for themselves.
/// `not_started` clears it; `completed` needs `completed_on`.
#[utoipa::path(
    put,
    path = "/people/{id}/training",
    tag = "training",
    params(("id" = i64, Path)),
    request_body = TrainingRecordInput,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Recorded"),
        Refusals,
        (status = 404, body = ErrorBody),
        (status = 409, description = "The person manages no team", body = ErrorBody),
        (status = 422, description = "Unknown module or a bad date; `field` names it", body = ErrorBody),
    )
)]
pub async fn record_training(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    PathParam(id): PathParam<i64>,
    JsonBody(input): JsonBody<TrainingRecordInput>,
) -> Result<StatusCode, ApiError> {
    let now = chrono::Utc::now();
    training::record(&state.db, Actor::Caller(&caller), id, &input, now).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Imports `email,module,status,completed_on` (HR). All or nothing: with any bad line nothing
/// is written and the answer is 422 listing every bad line with its number.
#[utoipa::path(
    post,
    path = "/training/import",
    tag = "training",
    request_body = TrainingImportInput,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "Imported (or, with dry_run, checked)", body = TrainingImportResult),
        Refusals,
        (status = 422, description = "Bad lines; nothing was written", body = TrainingImportResult),
    )
)]
pub async fn import_training(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(input): JsonBody<TrainingImportInput>,
) -> Result<(StatusCode, Json<TrainingImportResult>), ApiError> {
    let now = chrono::Utc::now();
    let actor = Actor::Caller(&caller);
    let result = training_import::import(&state.db, actor, &input.csv, input.dry_run, now).await?;
    let status = if result.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, Json(result)))
}

/// Training coverage per pilot: managers of its pilot teams and how many completed every
/// required module. `missing` (who misses what) is for HR only; executives get null.
#[utoipa::path(
    get,
    path = "/training/coverage",
    tag = "training",
    security(("session" = []), ("token" = [])),
    responses((status = 200, body = Vec<PilotTrainingCoverage>), Refusals)
)]
pub async fn get_training_coverage(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<Vec<PilotTrainingCoverage>>, ApiError> {
    Ok(Json(
        training::coverage(&state.db, Actor::Caller(&caller)).await?,
    ))
}
