//! Members: open a team's enrollment link, read what is collected, consent, withdraw.

use leptos::prelude::*;

use crate::{
    error::AppError,
    wire::enrollment::{JoinInfo, MyEnrollment},
};

/// What the link is for. Only members of the link's team may read it.
#[server(prefix = "/fn", endpoint = "get_join_info")]
pub async fn get_join_info(token: String) -> Result<JoinInfo, AppError> {
    use crate::server::{context, services::enrollment};
    context::serve(|state, caller| async move {
        enrollment::join_info(&state.db, &caller, &token, chrono::Utc::now()).await
    })
    .await
}

/// Consents; with `remind` ticked, also turns on the daily check-in reminder at `remind_at`.
#[server(prefix = "/fn", endpoint = "join_pilot")]
pub async fn join_pilot(
    token: String,
    #[server(default)] remind: Option<String>,
    #[server(default)] remind_at: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{context, services::enrollment};
    context::serve(|state, caller| async move {
        let remind_at = remind.is_some().then(|| remind_at.unwrap_or_default());
        let now = chrono::Utc::now();
        enrollment::join_with_reminder(&state.db, &caller, &token, remind_at.as_deref(), now).await
    })
    .await
}

/// Withdraws the caller's own consent; nobody can withdraw someone else's.
#[server(prefix = "/fn", endpoint = "withdraw_consent")]
pub async fn withdraw_consent(pilot_id: i64) -> Result<(), AppError> {
    use crate::server::{context, services::enrollment};
    context::serve(|state, caller| async move {
        enrollment::withdraw(&state.db, &caller, pilot_id, chrono::Utc::now()).await
    })
    .await
}

#[server(prefix = "/fn", endpoint = "list_my_enrollments")]
pub async fn list_my_enrollments() -> Result<Vec<MyEnrollment>, AppError> {
    use crate::server::{context, services::enrollment};
    context::serve(
        |state, caller| async move { enrollment::my_enrollments(&state.db, &caller).await },
    )
    .await
}
