//! Teams on the wire: the searched list, the form, and the choices a pilot offers.

use serde::{Deserialize, Serialize};

/// A team as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamSummary {
    pub id: i64,
    pub name: String,
    pub department: String,
    pub manager: Option<String>,
    pub time_zone: String,
    pub members: i64,
    pub active: bool,
}

/// One page of the teams list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamPage {
    pub teams: Vec<TeamSummary>,
    pub total: u64,
    /// Zero-based.
    pub page: u64,
    pub per_page: u64,
}

/// The fields of a team form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamInput {
    pub name: String,
    pub department: String,
    /// Email of the manager; empty for none.
    pub manager_email: String,
    pub time_zone: String,
}

/// An active team that can be added to a pilot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamChoice {
    pub id: i64,
    pub name: String,
}
