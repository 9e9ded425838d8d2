//! Signing in and one-time links: who is signed in, and what a link is for.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{account::Role, caller::Caller};

/// The signed-in person, as the pages and the API show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
}

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

/// What a one-time link is for, shown before its password is chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkInfo {
    pub email: String,
    pub display_name: String,
    pub is_invite: bool,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    pub current_password: String,
    /// At least 12 characters, not the email.
    pub new_password: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SignInRequest {
    pub email: String,
    pub password: String,
}
