//! Server-only code: shared state, who is calling, database access, entities and repositories.

pub mod auth;
pub mod client_address;
pub mod context;
pub mod db;
pub mod entities;
pub mod jobs;
pub mod mail;
pub mod repo;
pub mod secrets;
pub mod services;
pub mod state;
pub mod tx;
