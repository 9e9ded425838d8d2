//! Row types, one per table. They stay on the server: repositories map them to domain types.

pub mod account_link;
pub mod api_token;
pub mod audit_event;
pub mod person;
pub mod session;
pub mod sign_in_failure;
