//! Admin: people, their roles, invites, reset links and deactivation.

use leptos::prelude::*;

use crate::{
    error::AppError,
    wire::people::{IssuedLink, PeoplePage},
};

#[server(prefix = "/fn", endpoint = "list_people")]
pub async fn list_people(query: Option<String>, page: Option<i64>) -> Result<PeoplePage, AppError> {
    use crate::server::{context, repo::audit::Actor, services::people};
    context::serve(|state, caller| async move {
        people::list(&state.db, Actor::Caller(&caller), query.as_deref(), page).await
    })
    .await
}

/// The link a page shows the admin, on the host the page was loaded from.
#[cfg(feature = "ssr")]
fn issued_link(
    person: crate::server::repo::people::Person,
    token: &str,
    mailed: bool,
) -> IssuedLink {
    use crate::server::{context, services::people::set_password_path};
    IssuedLink {
        person_id: person.id,
        email: person.email,
        url: context::absolute_url(&set_password_path(token)),
        mailed,
    }
}

#[server(prefix = "/fn", endpoint = "invite_person")]
pub async fn invite_person(
    email: String,
    name: String,
    role: String,
) -> Result<IssuedLink, AppError> {
    use crate::server::{context, repo::audit::Actor, services::people};
    context::serve(|state, caller| async move {
        let actor = Actor::Caller(&caller);
        let now = chrono::Utc::now();
        let (person, token) =
            people::invite(&state.db, actor, &email, &name, &role, &state.mail, now).await?;
        Ok(issued_link(person, &token, state.mail.delivers))
    })
    .await
}

#[server(prefix = "/fn", endpoint = "issue_reset_link")]
pub async fn issue_reset_link(person_id: i64) -> Result<IssuedLink, AppError> {
    use crate::server::{context, repo::audit::Actor, services::people};
    context::serve(|state, caller| async move {
        let actor = Actor::Caller(&caller);
        let now = chrono::Utc::now();
        let (person, token) =
            people::issue_reset_link(&state.db, actor, person_id, &state.mail, now).await?;
        Ok(issued_link(person, &token, state.mail.delivers))
    })
    .await
}

#[server(prefix = "/fn", endpoint = "change_role")]
pub async fn change_role(person_id: i64, role: String) -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::people};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        people::change_role(&state.db, Actor::Caller(&caller), person_id, &role, now).await
    })
    .await
}

/// Deactivating someone ends all their sessions at once.
#[server(prefix = "/fn", endpoint = "set_person_active")]
pub async fn set_person_active(person_id: i64, active: bool) -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::people};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        people::set_active(&state.db, Actor::Caller(&caller), person_id, active, now).await
    })
    .await
}

/// Erases a person on request (GDPR article 17); `confirm` is their email, typed again.
#[server(prefix = "/fn", endpoint = "erase_person")]
pub async fn erase_person(
    person_id: i64,
    confirm: String,
) -> Result<crate::wire::people::ErasedPerson, AppError> {
    use crate::server::{context, repo::audit::Actor, services::erasure};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        erasure::erase(&state.db, Actor::Caller(&caller), person_id, &confirm, now).await
    })
    .await
}

/// Changes a person's name, team, manager, time zone and working pattern.
#[server(prefix = "/fn", endpoint = "edit_person")]
pub async fn edit_person(
    person_id: i64,
    person: crate::wire::person_details::PersonInput,
) -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::person_details};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        person_details::edit_person(&state.db, Actor::Caller(&caller), person_id, &person, now)
            .await
    })
    .await
}
