//! Who is calling: password hashing, the session cookie and finding the caller of a request.

pub mod caller;
pub mod cookie;
pub mod password;
/// Still reachable by this path for the pilot code; the repository imports `server::secrets`,
/// so that `repo` and `auth` do not import each other.
pub use super::secrets;
