//! Every type that crosses the network (server functions and the JSON API), one file per area.
//! Enums travel as snake_case strings, spelled the same in the OpenAPI document and the pages;
//! numbers travel as numbers and lists as lists.

pub mod audit;
pub mod auth;
pub mod champions;
pub mod charters;
pub mod checkin;
pub mod custom_metrics;
pub mod decisions;
pub mod departments;
pub mod enrollment;
pub mod entry_imports;
pub mod mail;
pub mod meetings;
pub mod participation;
pub mod people;
pub mod person_details;
pub mod pilots;
pub mod process_types;
pub mod pulses;
pub mod readiness;
pub mod reports;
pub mod roster;
pub mod system;
pub mod teams;
pub mod tokens;
pub mod training;
pub mod working_days;

use serde::{Deserialize, Serialize};

/// The id of something just created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Created {
    pub id: i64,
}

/// Turns something on or off (a person, a team, a department).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ActiveRequest {
    pub active: bool,
}
