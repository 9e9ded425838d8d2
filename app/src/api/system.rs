//! Facts about the running instance.

use leptos::prelude::*;

use crate::{
    error::AppError,
    wire::system::{InstanceStatus, RetentionSetting},
};

/// Counts only, but about the whole organisation: for admins.
#[server(prefix = "/fn", endpoint = "get_instance_status")]
pub async fn get_instance_status() -> Result<InstanceStatus, AppError> {
    use crate::server::{context, repo::audit::Actor, services::system};
    context::serve(|state, caller| async move {
        system::status(&state.db, Actor::Caller(&caller)).await
    })
    .await
}

/// How long entries of closed pilots are kept: for admins.
#[server(prefix = "/fn", endpoint = "get_retention")]
pub async fn get_retention() -> Result<RetentionSetting, AppError> {
    use crate::server::{context, repo::audit::Actor, services::retention};
    context::serve(|state, caller| async move {
        let today = chrono::Utc::now().date_naive();
        retention::setting(&state.db, Actor::Caller(&caller), today).await
    })
    .await
}

/// Changes the retention period (whole months, 1 to 120); works as a plain form post too.
#[server(prefix = "/fn", endpoint = "set_retention")]
pub async fn set_retention(months: String) -> Result<RetentionSetting, AppError> {
    use crate::server::{context, repo::audit::Actor, services::retention};
    context::serve_form(|state, caller| async move {
        let months = months.trim().parse::<i64>().map_err(|_| {
            AppError::validation(
                "retention_months",
                format!("'{}' is not a whole number of months", months.trim()),
            )
        })?;
        retention::set_months(
            &state.db,
            Actor::Caller(&caller),
            months,
            chrono::Utc::now(),
        )
        .await
    })
    .await
}
