//! Server functions, one module per area. Each one checks its caller before touching data.

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
