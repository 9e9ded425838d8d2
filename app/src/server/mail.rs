//! How this instance sends mail. Messages wait in the outbox (`repo::mail`), written in the same
//! transaction as what they announce; an instance with a mail server delivers them, and without
//! one admins read them and pass them on.

/// How the instance sends mail; resolved once at start-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSettings {
    /// The address links in mail start with, e.g. `https://pilot.example.org`. Never taken from
    /// a request: an anonymous caller's Host header must not decide where a link points.
    pub public_url: String,
    /// True when a mail server is configured and this instance delivers the outbox.
    pub delivers: bool,
}
