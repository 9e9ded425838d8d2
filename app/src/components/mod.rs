//! Reusable view pieces.

pub mod error_template;
pub mod form;
pub mod layout;
pub mod lifecycle_explorer;
pub mod pager;
pub mod session;
pub mod timeline;
