//! The caller's own working days.

use leptos::prelude::*;

use crate::{error::AppError, wire::working_days::WorkingDaysBody};

#[server(prefix = "/fn", endpoint = "get_working_days")]
pub async fn get_working_days() -> Result<WorkingDaysBody, AppError> {
    use crate::server::{context, repo::audit::Actor, services::working_days};
    context::serve(|state, caller| async move {
        working_days::mine(&state.db, Actor::Caller(&caller)).await
    })
    .await
}

/// One checkbox per day (`mon=on` …), so that the form works before the page's script loads.
#[server(prefix = "/fn", endpoint = "set_working_days")]
pub async fn set_working_days(
    mon: Option<String>,
    tue: Option<String>,
    wed: Option<String>,
    thu: Option<String>,
    fri: Option<String>,
    sat: Option<String>,
    sun: Option<String>,
) -> Result<WorkingDaysBody, AppError> {
    use crate::{
        domain::capture::working_days::DAY_KEYS,
        server::{context, repo::audit::Actor, services::working_days},
    };
    let ticked = [mon, tue, wed, thu, fri, sat, sun];
    let days: Vec<String> = DAY_KEYS
        .iter()
        .zip(ticked)
        .filter(|(_, ticked)| ticked.is_some())
        .map(|(key, _)| key.to_string())
        .collect();
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        working_days::set(&state.db, Actor::Caller(&caller), &days, now).await
    })
    .await
}
