//! Reusable view pieces.

pub mod error_template;
pub mod layout;
pub mod lifecycle_explorer;
pub mod timeline;
