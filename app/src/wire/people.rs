//! People as admins see and change them: the list, invites and password links, roles.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::account::Role;

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
    /// A confirmed champion: the name carries a badge.
    #[serde(default)]
    pub champion: bool,
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

/// A search of people, as a query string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct PeopleQuery {
    /// Part of a name or email.
    pub q: Option<String>,
    /// Zero-based page of 50.
    pub page: Option<i64>,
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InviteRequest {
    pub email: String,
    pub name: String,
    pub role: Role,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RoleRequest {
    pub role: Role,
}

/// Erasing a person on request (GDPR article 17): their email, typed again, confirms it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EraseRequest {
    pub confirm: String,
}

/// What an erasure did: the pseudonym that now stands for the person, and the rows deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ErasedPerson {
    pub person_id: i64,
    pub pseudonym: String,
    pub rows_deleted: i64,
}
