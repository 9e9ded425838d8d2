//! HR-defined metrics: the list, and adding one.

use leptos::prelude::*;

use crate::{
    error::AppError,
    wire::custom_metrics::{CustomMetricInput, CustomMetricView},
};

#[server(prefix = "/fn", endpoint = "list_custom_metrics")]
pub async fn list_custom_metrics() -> Result<Vec<CustomMetricView>, AppError> {
    use crate::server::{context, repo::audit::Actor, services::custom_metrics};
    context::serve(|state, caller| async move {
        custom_metrics::list(&state.db, Actor::Caller(&caller)).await
    })
    .await
}

#[server(prefix = "/fn", endpoint = "create_custom_metric")]
pub async fn create_custom_metric(input: CustomMetricInput) -> Result<CustomMetricView, AppError> {
    use crate::server::{context, repo::audit::Actor, services::custom_metrics};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        custom_metrics::create(&state.db, Actor::Caller(&caller), &input, now).await
    })
    .await
}
