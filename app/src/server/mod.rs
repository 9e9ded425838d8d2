//! Server-only code: shared state, who is calling, database access, entities and repositories.

pub mod auth;
pub mod context;
pub mod db;
pub mod entities;
pub mod jobs;
pub mod mail;
pub mod org;
pub mod repo;
pub mod roster;
pub mod roster_jobs;
pub mod secrets;
pub mod services;
pub mod state;
pub mod tx;
