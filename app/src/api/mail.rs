//! Admin: the outbox — what the product has mailed, or (without a mail server) what HR passes on.

use leptos::prelude::*;

use crate::{domain::mail::MailPage, error::AppError};

/// A page of outgoing mail, newest first.
#[server(prefix = "/fn", endpoint = "list_outgoing_mail")]
pub async fn list_outgoing_mail(page: u64) -> Result<MailPage, AppError> {
    use crate::server::{context, mail, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            context::admin().await?;
            mail::page(&state.db, page, state.mail.delivers).await
        }
        .await,
    )
}
