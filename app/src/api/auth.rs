//! Signing in and out, one-time links, and the caller's own account.

use leptos::prelude::*;

use crate::{
    error::AppError,
    wire::auth::{CurrentUser, LinkInfo},
};

#[cfg(feature = "ssr")]
mod session_cookie {
    use crate::server::{auth::cookie, context};

    pub fn start(token: &str) {
        context::set_cookie(&cookie::session_cookie(token, context::is_https()));
    }

    pub fn end() {
        context::set_cookie(&cookie::expired_session_cookie(context::is_https()));
    }
}

/// Who is signed in on this request, if anyone. Open to everyone.
#[server(prefix = "/fn", endpoint = "get_current_user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    use crate::server::context;
    context::serve_public(|_| async move {
        Ok(context::caller().await?.as_ref().map(CurrentUser::from))
    })
    .await
}

/// Signs in with email and password and continues to `next`. Open to everyone, rate-limited.
#[server(prefix = "/fn", endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<CurrentUser, AppError> {
    use crate::server::{context, services::auth};
    context::serve_public(|state| async move {
        let now = chrono::Utc::now();
        let address = context::client_address();
        let signed_in = auth::sign_in(&state.db, &email, &password, address, now).await?;
        session_cookie::start(&signed_in.session_token);
        leptos_axum::redirect(crate::domain::account::safe_next(next.as_deref()));
        Ok(signed_in.person)
    })
    .await
}

/// Ends this session. Open to everyone: signing out without a session does nothing.
#[server(prefix = "/fn", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::auth};
    context::serve_public(|state| async move {
        if let Some(caller) = context::caller().await? {
            auth::sign_out(&state.db, Actor::Caller(&caller), chrono::Utc::now()).await?;
        }
        session_cookie::end();
        leptos_axum::redirect("/sign-in");
        Ok(())
    })
    .await
}

/// Describes a one-time link. Open to everyone: the secret in the link is the credential.
#[server(prefix = "/fn", endpoint = "get_link")]
pub async fn get_link(token: String) -> Result<LinkInfo, AppError> {
    use crate::server::{context, services::links};
    context::serve_public(|state| async move {
        links::link_info(&state.db, &token, chrono::Utc::now()).await
    })
    .await
}

/// Asks for a link to set a password (a first one, or after forgetting it), mailed to `email` if
/// it belongs to an active account; the link leads on to `next`. Open to everyone, limited per
/// address, and the answer never tells whether the account exists: it only says whether this
/// server mails (true) or HR passes messages on (false).
#[server(prefix = "/fn", endpoint = "request_password_link")]
pub async fn request_password_link(email: String, next: Option<String>) -> Result<bool, AppError> {
    use crate::server::{context, services::links};
    context::serve_public(|state| async move {
        let next = crate::domain::account::safe_next(next.as_deref());
        let now = chrono::Utc::now();
        let mail = &state.mail;
        links::request_password_link(
            &state.db,
            &email,
            next,
            &mail.public_url,
            mail.delivers,
            now,
        )
        .await?;
        Ok(state.mail.delivers)
    })
    .await
}

/// Sets a password from an invite or reset link, signs in and continues to `next` (a path on
/// this site; the account page by default).
#[server(prefix = "/fn", endpoint = "set_password_from_link")]
pub async fn set_password_from_link(
    token: String,
    password: String,
    next: Option<String>,
) -> Result<CurrentUser, AppError> {
    use crate::server::{context, services::links};
    context::serve_public(|state| async move {
        let now = chrono::Utc::now();
        let signed_in = links::set_password_from_link(&state.db, &token, &password, now).await?;
        session_cookie::start(&signed_in.session_token);
        match next.as_deref().filter(|next| !next.is_empty()) {
            Some(next) => leptos_axum::redirect(crate::domain::account::safe_next(Some(next))),
            None => leptos_axum::redirect("/account?welcome=1"),
        }
        Ok(signed_in.person)
    })
    .await
}

/// Changes the caller's password; every other session of theirs ends.
#[server(prefix = "/fn", endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::auth};
    context::serve(|state, caller| async move {
        let actor = Actor::Caller(&caller);
        let now = chrono::Utc::now();
        let token =
            auth::change_password(&state.db, actor, &current_password, &new_password, now).await?;
        session_cookie::start(&token);
        Ok(())
    })
    .await
}

/// Ends every session of the caller, on every device, including this one.
#[server(prefix = "/fn", endpoint = "sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::auth};
    context::serve(|state, caller| async move {
        auth::sign_out_everywhere(&state.db, Actor::Caller(&caller), chrono::Utc::now()).await?;
        session_cookie::end();
        leptos_axum::redirect("/sign-in");
        Ok(())
    })
    .await
}
