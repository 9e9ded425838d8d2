//! A person's details as an admin edits them (name, team, manager, time zone, pattern).

use serde::{Deserialize, Serialize};

/// The fields of a person form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PersonInput {
    pub name: String,
    /// A team's name; empty for none.
    pub team: String,
    pub manager_email: String,
    pub time_zone: String,
    pub working_pattern: String,
}
