//! Admin: people, their roles, invites, reset links and deactivation.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{domain::account::Role, error::AppError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PersonSummary {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    /// False until the person has used their invite link.
    pub has_password: bool,
    /// The current team, if the person is in one.
    pub team: Option<String>,
    pub manager_email: Option<String>,
    pub time_zone: String,
    pub working_pattern: String,
    pub created_at: DateTime<Utc>,
}

pub const PEOPLE_PAGE_SIZE: i64 = 50;

/// One page of people matching a search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PeoplePage {
    pub people: Vec<PersonSummary>,
    pub total: i64,
    /// Zero-based.
    pub page: i64,
    pub per_page: i64,
}

/// A one-time link for the admin to pass on; it is not stored anywhere readable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IssuedLink {
    pub person_id: i64,
    pub email: String,
    pub url: String,
    /// True when the link was also mailed to them (this instance has a mail server).
    pub mailed: bool,
}

#[cfg(feature = "ssr")]
impl PersonSummary {
    fn new(
        person: crate::server::repo::people::Person,
        team: Option<String>,
        manager_email: Option<String>,
    ) -> Self {
        Self {
            team,
            manager_email,
            time_zone: person.time_zone,
            working_pattern: person.working_pattern,
            id: person.id,
            email: person.email,
            display_name: person.display_name,
            role: person.role,
            active: person.active,
            has_password: person.has_password,
            created_at: person.created_at,
        }
    }
}

/// The page of people matching `query` (part of a name or email); shared with the API.
#[cfg(feature = "ssr")]
pub async fn search_people(
    db: &impl sea_orm::ConnectionTrait,
    query: Option<String>,
    page: Option<i64>,
) -> Result<PeoplePage, AppError> {
    let page = crate::domain::signed_page(page);
    let (people, total) = crate::server::repo::people::search(
        db,
        query.as_deref().unwrap_or_default(),
        page.unsigned_abs(),
        PEOPLE_PAGE_SIZE.unsigned_abs(),
    )
    .await?;
    Ok(PeoplePage {
        people: people
            .into_iter()
            .map(|(person, team, manager)| PersonSummary::new(person, team, manager))
            .collect(),
        total: i64::try_from(total).unwrap_or(i64::MAX),
        page,
        per_page: PEOPLE_PAGE_SIZE,
    })
}

#[server(prefix = "/fn", endpoint = "list_people")]
pub async fn list_people(query: Option<String>, page: Option<i64>) -> Result<PeoplePage, AppError> {
    use crate::server::{context, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            context::admin().await?;
            search_people(&state.db, query, page).await
        }
        .await,
    )
}

#[server(prefix = "/fn", endpoint = "invite_person")]
pub async fn invite_person(
    email: String,
    name: String,
    role: String,
) -> Result<IssuedLink, AppError> {
    use crate::server::{accounts, context, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            let admin = context::admin().await?;
            let (person, token) = accounts::invite(
                &state.db,
                &admin,
                &email,
                &name,
                &role,
                &state.mail,
                chrono::Utc::now(),
            )
            .await?;
            Ok(IssuedLink {
                person_id: person.id,
                email: person.email,
                url: context::absolute_url(&format!("/set-password?token={token}")),
                mailed: state.mail.delivers,
            })
        }
        .await,
    )
}

#[server(prefix = "/fn", endpoint = "issue_reset_link")]
pub async fn issue_reset_link(person_id: i64) -> Result<IssuedLink, AppError> {
    use crate::server::{accounts, context, repo, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            let admin = context::admin().await?;
            let token = accounts::issue_reset_link(
                &state.db,
                &admin,
                person_id,
                &state.mail,
                chrono::Utc::now(),
            )
            .await?;
            let person = repo::people::find(&state.db, person_id).await?;
            Ok(IssuedLink {
                person_id,
                email: person.email,
                url: context::absolute_url(&format!("/set-password?token={token}")),
                mailed: state.mail.delivers,
            })
        }
        .await,
    )
}

#[server(prefix = "/fn", endpoint = "change_role")]
pub async fn change_role(person_id: i64, role: String) -> Result<(), AppError> {
    use crate::server::{accounts, context, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            let admin = context::admin().await?;
            accounts::change_role(&state.db, &admin, person_id, &role, chrono::Utc::now()).await
        }
        .await,
    )
}

/// Deactivating someone ends all their sessions at once.
#[server(prefix = "/fn", endpoint = "set_person_active")]
pub async fn set_person_active(person_id: i64, active: bool) -> Result<(), AppError> {
    use crate::server::{accounts, context, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            let admin = context::admin().await?;
            accounts::set_active(&state.db, &admin, person_id, active, chrono::Utc::now()).await
        }
        .await,
    )
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
