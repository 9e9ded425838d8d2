//! Admin pages: people and roles, API tokens, the audit log.

pub mod audit;
pub mod custom_metrics;
pub mod departments;
pub mod mail;
pub mod people;
pub mod pilot;
pub mod pilots;
pub mod process_types;
pub mod roster;
pub mod teams;
pub mod tokens;
