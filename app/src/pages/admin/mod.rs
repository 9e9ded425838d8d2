//! Admin pages: people and roles, API tokens, the audit log.

pub mod audit;
pub mod people;
pub mod tokens;
