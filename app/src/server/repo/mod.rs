//! Queries and writes, as small functions over any connection or transaction.

pub mod system;
