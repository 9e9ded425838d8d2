//! `GET /outgoing-mail`: the outbox, for admins who pass messages on by hand.

use app::{
    server::{repo::audit::Actor, services::mail, state::AppState},
    wire::mail::{MailPage, MailQuery},
};
use axum::{extract::State, Json};

use super::{
    error::Refusals,
    extract::{Authenticated, QueryParams},
    ApiError,
};

/// Outgoing mail, newest first, 50 per page, with whether this server delivers it itself.
#[utoipa::path(
    get,
    path = "/outgoing-mail",
    tag = "mail",
    params(MailQuery),
    security(("session" = []), ("token" = [])),
    responses((status = 200, body = MailPage), Refusals)
)]
pub async fn list_outgoing_mail(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    QueryParams(query): QueryParams<MailQuery>,
) -> Result<Json<MailPage>, ApiError> {
    let (actor, page) = (Actor::Caller(&caller), query.page.unwrap_or(0));
    Ok(Json(
        mail::page(
            &state.db,
            actor,
            page,
            state.mail.delivers,
            chrono::Utc::now(),
        )
        .await?,
    ))
}
