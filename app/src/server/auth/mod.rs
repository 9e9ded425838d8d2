//! Who is calling: secrets, password hashing, the session cookie and the caller's rights.

pub mod caller;
pub mod cookie;
pub mod password;
pub mod secrets;
