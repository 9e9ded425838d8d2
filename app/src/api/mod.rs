//! Server functions, one module per area. Each one checks its caller before touching data.

pub mod audit;
pub mod auth;
pub mod custom_metrics;
pub mod departments;
pub mod enrollment;
pub mod entry_imports;
pub mod mail;
pub mod people;
pub mod pilots;
pub mod roster;
pub mod system;
pub mod teams;
pub mod tokens;
