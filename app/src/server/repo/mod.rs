//! Queries and writes, as small functions over any connection or transaction.

pub mod api_tokens;
pub mod audit;
pub mod links;
pub mod memberships;
pub mod people;
pub mod sessions;
pub mod sign_in_failures;
pub mod system;
