//! Database rows. They never leave the server: repositories map them to domain or wire types.

pub mod person;
