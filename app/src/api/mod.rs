//! Server functions, one module per area. Each one checks its caller before touching data.

pub mod audit;
pub mod auth;
pub mod people;
pub mod system;
pub mod tokens;
