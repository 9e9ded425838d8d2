//! HR-defined metrics (`custom:<key>`): the list (whoever reads pilots), adding one (admins).

use app::{
    server::{repo::audit::Actor, services::custom_metrics, state::AppState},
    wire::custom_metrics::{CustomMetricInput, CustomMetricView},
};
use axum::{extract::State, http::StatusCode, Json};

use super::{
    error::{ErrorBody, Refusals},
    extract::{Authenticated, JsonBody},
    ApiError,
};

/// Every HR-defined metric, by key.
#[utoipa::path(
    get,
    path = "/custom-metrics",
    tag = "pilots",
    security(("session" = []), ("token" = [])),
    responses((status = 200, body = Vec<CustomMetricView>), Refusals)
)]
pub async fn list_custom_metrics(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<Vec<CustomMetricView>>, ApiError> {
    Ok(Json(
        custom_metrics::list(&state.db, Actor::Caller(&caller)).await?,
    ))
}

/// Defines a metric: entries and imports then take `custom:<key>` with values in its range.
#[utoipa::path(
    post,
    path = "/custom-metrics",
    tag = "pilots",
    request_body = CustomMetricInput,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 201, body = CustomMetricView),
        Refusals,
        (status = 422, description = "A field is invalid or the key is taken; `field` names it", body = ErrorBody),
    )
)]
pub async fn create_custom_metric(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(input): JsonBody<CustomMetricInput>,
) -> Result<(StatusCode, Json<CustomMetricView>), ApiError> {
    let now = chrono::Utc::now();
    let created = custom_metrics::create(&state.db, Actor::Caller(&caller), &input, now).await?;
    Ok((StatusCode::CREATED, Json(created)))
}
