//! Admin: the outbox — what the product has mailed, or (without a mail server) what HR passes on.

use leptos::prelude::*;

use crate::{error::AppError, wire::mail::MailPage};

/// A page of outgoing mail, newest first.
#[server(prefix = "/fn", endpoint = "list_outgoing_mail")]
pub async fn list_outgoing_mail(page: u64) -> Result<MailPage, AppError> {
    use crate::server::{context, repo::audit::Actor, services::mail};
    context::serve(|state, caller| async move {
        let delivers = state.mail.delivers;
        mail::page(
            &state.db,
            Actor::Caller(&caller),
            page,
            delivers,
            chrono::Utc::now(),
        )
        .await
    })
    .await
}
