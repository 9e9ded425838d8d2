//! Facts about the running instance.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceStatus {
    pub version: String,
    pub database: String,
    pub schema_migrations: i64,
    pub people: i64,
}

/// Counts only, but about the whole organisation: for admins.
#[server(prefix = "/fn", endpoint = "get_instance_status")]
pub async fn get_instance_status() -> Result<InstanceStatus, AppError> {
    use crate::server::{context, repo, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            context::admin().await?;
            let info = repo::system::database_info(&state.db).await?;
            Ok(InstanceStatus {
                version: env!("CARGO_PKG_VERSION").to_string(),
                database: info.backend.to_string(),
                schema_migrations: info.applied_migrations,
                people: info.people,
            })
        }
        .await,
    )
}
