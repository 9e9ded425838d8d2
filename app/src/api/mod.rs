//! Server functions, one module per area. Each one checks its caller before touching data.

pub mod system;
