//! Mail the product sends: the words of each message, and when delivery is retried or given up.

use serde::{Deserialize, Serialize};

/// Where a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MailStatus {
    /// Waiting for delivery, or (without a mail server) for HR to pass it on.
    Waiting,
    Sent,
    /// Delivery failed too often; it is not tried again.
    GaveUp,
}

/// Messages per page of the outbox list.
pub const PAGE_SIZE: u64 = 50;

/// Delivery stops after this many failed attempts.
pub const MAX_ATTEMPTS: i32 = 5;

/// How long a message waits after its `attempts`-th failed attempt: 1, 2, 4, then 8 minutes,
/// so a mail server that is down for a quarter of an hour loses nothing.
pub fn retry_after(attempts: i32) -> chrono::Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(10);
    chrono::Duration::minutes(1_i64 << doublings)
}

/// Who asked for a password link: the person themselves, or an admin by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AskedBy<'a> {
    Themselves,
    Admin(&'a str),
}

/// The message with a link to set a password: subject and plain-text body.
pub fn password_link_message(
    name: &str,
    url: &str,
    first_password: bool,
    asked_by: AskedBy<'_>,
) -> (String, String) {
    let (subject, what, valid) = if first_password {
        (
            "Set your Async Pilot password",
            "set your password",
            "7 days",
        )
    } else {
        (
            "Choose a new Async Pilot password",
            "choose a new password",
            "24 hours",
        )
    };
    let why = match asked_by {
        AskedBy::Themselves => format!("someone (we hope you) asked for a link to {what}"),
        AskedBy::Admin(admin) if first_password => format!(
            "{admin} invited you to Async Pilot, where your organisation pilots async-first \
             work. Follow this link to {what}"
        ),
        AskedBy::Admin(admin) => format!("{admin} sent you a link to {what}"),
    };
    let body = format!(
        "Hello {name},\n\n\
         {why} for Async Pilot:\n\n\
         {url}\n\n\
         The link works once, for {valid}. If you did not expect it, ignore this message: \
         nothing changes until the link is used.\n"
    );
    (subject.to_string(), body)
}

/// Where a message's status comes from: sent, waiting, or given up after too many attempts.
pub fn status(sent: bool, attempts: i32) -> MailStatus {
    if sent {
        MailStatus::Sent
    } else if attempts >= MAX_ATTEMPTS {
        MailStatus::GaveUp
    } else {
        MailStatus::Waiting
    }
}

/// The secrets of the links in a message body (`…?token=SECRET`), as written by
/// [`password_link_message`]: hex, so a secret ends at the first other character.
pub fn link_secrets(body: &str) -> Vec<&str> {
    body.match_indices("token=")
        .map(|(at, key)| {
            let rest = &body[at + key.len()..];
            let end = rest
                .find(|c: char| !c.is_ascii_hexdigit())
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .filter(|secret| !secret.is_empty())
        .collect()
}

/// What the outbox shows instead of a link's secret that nobody should use from there.
pub const SECRET_SENT_BY_MAIL: &str = "(hidden: this server mails it to the person)";
pub const SECRET_NO_LONGER_VALID: &str = "(no longer valid: used, replaced or expired)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_message_names_the_person_the_link_and_how_long_it_works() {
        let (subject, body) = password_link_message(
            "Rosa",
            "https://pilot.example.org/set-password?token=t",
            true,
            AskedBy::Themselves,
        );
        assert_eq!(subject, "Set your Async Pilot password");
        assert!(body.starts_with("Hello Rosa,"));
        assert!(body.contains("\n\nhttps://pilot.example.org/set-password?token=t\n\n"));
        assert!(body.contains("for 7 days"));
        assert!(body.contains("someone (we hope you) asked"));
        let (subject, body) = password_link_message("Rosa", "u", false, AskedBy::Themselves);
        assert_eq!(subject, "Choose a new Async Pilot password");
        assert!(body.contains("for 24 hours"));
    }

    #[test]
    fn a_link_an_admin_issued_says_who_sent_it() {
        let (subject, body) = password_link_message("Rosa", "u", true, AskedBy::Admin("Hana HR"));
        assert_eq!(subject, "Set your Async Pilot password");
        assert!(
            body.contains("Hana HR invited you to Async Pilot"),
            "{body}"
        );
        let (_, body) = password_link_message("Rosa", "u", false, AskedBy::Admin("Hana HR"));
        assert!(
            body.contains("Hana HR sent you a link to choose a new password"),
            "{body}"
        );
    }

    #[test]
    fn delivery_gives_up_after_the_last_attempt() {
        assert_eq!(status(true, 3), MailStatus::Sent);
        assert_eq!(status(false, MAX_ATTEMPTS - 1), MailStatus::Waiting);
        assert_eq!(status(false, MAX_ATTEMPTS), MailStatus::GaveUp);
    }

    #[test]
    fn failed_deliveries_wait_longer_each_time() {
        let waits: Vec<i64> = (1..MAX_ATTEMPTS)
            .map(|attempt| retry_after(attempt).num_minutes())
            .collect();
        assert_eq!(waits, [1, 2, 4, 8]);
        assert_eq!(retry_after(0).num_minutes(), 1);
        assert_eq!(retry_after(i32::MAX).num_minutes(), 1024);
    }

    #[test]
    fn link_secrets_are_found_in_a_message_body() {
        let body = "Follow https://pilot.example.org/set-password?token=ab12cd&next=/join/x now";
        assert_eq!(link_secrets(body), ["ab12cd"]);
        assert!(link_secrets("no link here").is_empty());
        assert!(link_secrets("token= empty").is_empty());
    }
}
