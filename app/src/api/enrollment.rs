//! Members: open a team's enrollment link, read what is collected, consent, withdraw.

use leptos::prelude::*;

use crate::{
    domain::enrollment::{JoinInfo, MyEnrollment},
    error::AppError,
};

/// What the link is for. Only members of the link's team may read it.
#[server(prefix = "/fn", endpoint = "get_join_info")]
pub async fn get_join_info(token: String) -> Result<JoinInfo, AppError> {
    use crate::server::{context, pilots, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            let caller = context::signed_in().await?;
            pilots::join_info(&state.db, &token, caller.person_id).await
        }
        .await,
    )
}

#[server(prefix = "/fn", endpoint = "join_pilot")]
pub async fn join_pilot(token: String) -> Result<(), AppError> {
    use crate::server::{context, pilots, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            let caller = context::signed_in().await?;
            caller.require_write()?;
            pilots::consent(&state.db, &token, caller.person_id, chrono::Utc::now()).await
        }
        .await,
    )
}

/// Withdraws the caller's own consent; nobody can withdraw someone else's.
#[server(prefix = "/fn", endpoint = "withdraw_consent")]
pub async fn withdraw_consent(pilot_id: i64) -> Result<(), AppError> {
    use crate::server::{context, pilots, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            let caller = context::signed_in().await?;
            caller.require_write()?;
            pilots::withdraw(&state.db, pilot_id, caller.person_id, chrono::Utc::now()).await
        }
        .await,
    )
}

#[server(prefix = "/fn", endpoint = "list_my_enrollments")]
pub async fn list_my_enrollments() -> Result<Vec<MyEnrollment>, AppError> {
    use crate::server::{context, pilots, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            let caller = context::signed_in().await?;
            pilots::my_enrollments(&state.db, caller.person_id).await
        }
        .await,
    )
}
