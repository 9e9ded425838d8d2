//! A pilot's report: HR and executives read all of it; a pilot's participants and managers their
//! own teams and the arms, once HR has published it.

use leptos::prelude::*;

use crate::{error::AppError, wire::reports::ReportPage};

#[server(prefix = "/fn", endpoint = "get_report")]
pub async fn get_report(pilot_id: i64) -> Result<ReportPage, AppError> {
    use crate::server::{context, repo::audit::Actor, services::reports};
    context::serve(|state, caller| async move {
        reports::page(
            &state.db,
            Actor::Caller(&caller),
            pilot_id,
            chrono::Utc::now(),
        )
        .await
    })
    .await
}

#[server(prefix = "/fn", endpoint = "publish_report")]
pub async fn publish_report(pilot_id: i64, published: bool) -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::reports};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        reports::set_published(&state.db, Actor::Caller(&caller), pilot_id, published, now).await
    })
    .await
}
