//! Facts about the running instance.

use leptos::prelude::*;

use crate::{error::AppError, wire::system::InstanceStatus};

/// Counts only, but about the whole organisation: for admins.
#[server(prefix = "/fn", endpoint = "get_instance_status")]
pub async fn get_instance_status() -> Result<InstanceStatus, AppError> {
    use crate::server::{context, repo::audit::Actor, services::system};
    context::serve(|state, caller| async move {
        system::status(&state.db, Actor::Caller(&caller)).await
    })
    .await
}
