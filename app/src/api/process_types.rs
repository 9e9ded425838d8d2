//! Decision process types: everyone reads them, HR defines new ones.

use leptos::prelude::*;

use crate::{
    error::AppError,
    wire::process_types::{ProcessType, ProcessTypeInput},
};

/// The built-in process types and HR's.
#[server(prefix = "/fn", endpoint = "list_process_types")]
pub async fn list_process_types() -> Result<Vec<ProcessType>, AppError> {
    use crate::server::{context, repo::audit::Actor, services::process_types};
    context::serve(|state, caller| async move {
        process_types::list(&state.db, Actor::Caller(&caller)).await
    })
    .await
}

/// Defines a process type (HR); returns its id.
#[server(prefix = "/fn", endpoint = "create_process_type")]
pub async fn create_process_type(process_type: ProcessTypeInput) -> Result<i64, AppError> {
    use crate::server::{context, repo::audit::Actor, services::process_types};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        process_types::create(&state.db, Actor::Caller(&caller), &process_type, now).await
    })
    .await
}
