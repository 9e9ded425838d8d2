//! Server-only code: shared state, database access, entities and repositories.

pub mod db;
pub mod entities;
pub mod repo;
pub mod state;
