//! Signing in and out, one-time links, and the caller's own account.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{domain::account::Role, error::AppError};

/// The signed-in person, as the pages and the API show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
}

/// What a one-time link is for, shown before its password is chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkInfo {
    pub email: String,
    pub display_name: String,
    pub is_invite: bool,
    pub expires_at: DateTime<Utc>,
}

#[cfg(feature = "ssr")]
mod wiring {
    use super::*;
    use crate::server::{auth::caller::Caller, repo::people::Person};

    impl From<&Caller> for CurrentUser {
        fn from(caller: &Caller) -> Self {
            Self {
                id: caller.person_id,
                email: caller.email.clone(),
                display_name: caller.display_name.clone(),
                role: caller.role,
            }
        }
    }

    impl From<&Person> for CurrentUser {
        fn from(person: &Person) -> Self {
            Self {
                id: person.id,
                email: person.email.clone(),
                display_name: person.display_name.clone(),
                role: person.role,
            }
        }
    }

    pub fn start_session(token: &str) {
        use crate::server::{auth::cookie, context};
        context::set_cookie(&cookie::session_cookie(token, context::is_https()));
    }

    pub fn end_session() {
        use crate::server::{auth::cookie, context};
        context::set_cookie(&cookie::expired_session_cookie(context::is_https()));
    }
}

/// Who is signed in on this request, if anyone. Open to everyone.
#[server(prefix = "/fn", endpoint = "get_current_user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    use crate::server::context;
    context::respond(
        context::caller()
            .await
            .map(|caller| caller.as_ref().map(CurrentUser::from)),
    )
}

/// Signs in with email and password and continues to `next`. Open to everyone, rate-limited.
#[server(prefix = "/fn", endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<CurrentUser, AppError> {
    use crate::server::{accounts, context, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            let signed_in = accounts::sign_in(
                &state.db,
                &email,
                &password,
                context::client_address(),
                chrono::Utc::now(),
            )
            .await?;
            wiring::start_session(&signed_in.session_token);
            leptos_axum::redirect(crate::domain::account::safe_next(next.as_deref()));
            Ok(CurrentUser::from(&signed_in.person))
        }
        .await,
    )
}

/// Ends this session. Open to everyone: signing out without a session does nothing.
#[server(prefix = "/fn", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::{accounts, context, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            if let Some(caller) = context::caller().await? {
                accounts::sign_out(&state.db, &caller, chrono::Utc::now()).await?;
            }
            wiring::end_session();
            leptos_axum::redirect("/sign-in");
            Ok(())
        }
        .await,
    )
}

/// Describes a one-time link. Open to everyone: the secret in the link is the credential.
#[server(prefix = "/fn", endpoint = "get_link")]
pub async fn get_link(token: String) -> Result<LinkInfo, AppError> {
    use crate::{
        domain::account::LinkPurpose,
        server::{accounts, context, state::app_state},
    };
    context::respond(
        async {
            let state = app_state()?;
            let target = accounts::inspect_link(&state.db, &token, chrono::Utc::now()).await?;
            Ok(LinkInfo {
                email: target.person.email,
                display_name: target.person.display_name,
                is_invite: target.purpose == LinkPurpose::Invite,
                expires_at: target.expires_at,
            })
        }
        .await,
    )
}

/// Asks for a link to set a password (a first one, or after forgetting it), mailed to `email` if
/// it belongs to an active account; the link leads on to `next`. Open to everyone, limited per
/// address, and the answer never tells whether the account exists: it only says whether this
/// server mails (true) or HR passes messages on (false).
#[server(prefix = "/fn", endpoint = "request_password_link")]
pub async fn request_password_link(email: String, next: Option<String>) -> Result<bool, AppError> {
    use crate::server::{accounts, context, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            let next = crate::domain::account::safe_next(next.as_deref());
            accounts::request_password_link(
                &state.db,
                &email,
                next,
                &state.mail.public_url,
                chrono::Utc::now(),
            )
            .await?;
            Ok(state.mail.delivers)
        }
        .await,
    )
}

/// Sets a password from an invite or reset link, signs in and continues to `next` (a path on
/// this site; the account page by default).
#[server(prefix = "/fn", endpoint = "set_password_from_link")]
pub async fn set_password_from_link(
    token: String,
    password: String,
    next: Option<String>,
) -> Result<CurrentUser, AppError> {
    use crate::server::{accounts, context, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            let signed_in =
                accounts::set_password_from_link(&state.db, &token, &password, chrono::Utc::now())
                    .await?;
            wiring::start_session(&signed_in.session_token);
            match next.as_deref().filter(|next| !next.is_empty()) {
                Some(next) => leptos_axum::redirect(crate::domain::account::safe_next(Some(next))),
                None => leptos_axum::redirect("/account?welcome=1"),
            }
            Ok(CurrentUser::from(&signed_in.person))
        }
        .await,
    )
}

/// Changes the caller's password; every other session of theirs ends.
#[server(prefix = "/fn", endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    use crate::server::{accounts, context, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            let caller = context::signed_in().await?;
            caller.require_write()?;
            let token = accounts::change_password(
                &state.db,
                &caller,
                &current_password,
                &new_password,
                chrono::Utc::now(),
            )
            .await?;
            wiring::start_session(&token);
            Ok(())
        }
        .await,
    )
}

/// Ends every session of the caller, on every device, including this one.
#[server(prefix = "/fn", endpoint = "sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    use crate::server::{accounts, context, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            let caller = context::signed_in().await?;
            accounts::sign_out_everywhere(&state.db, &caller, chrono::Utc::now()).await?;
            wiring::end_session();
            leptos_axum::redirect("/sign-in");
            Ok(())
        }
        .await,
    )
}
