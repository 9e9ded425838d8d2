//! Reusable view pieces.

pub mod badge;
pub mod charts;
pub mod error_template;
pub mod focus;
pub mod form;
pub mod layout;
pub mod lifecycle_explorer;
pub mod pager;
pub mod params;
pub mod session;
pub mod table_scroll;
pub mod timeline;
