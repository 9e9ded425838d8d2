//! Accounts: roles, email addresses, password rules and the lifetimes of sessions and links.

use chrono::Duration;
use serde::{Deserialize, Serialize};

use super::ParseError;

/// What a signed-in person may do across the organisation. Team managers are participants
/// whose extra rights come from the team they manage, not from their role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Executive,
    Participant,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Executive, Role::Participant];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Executive => "executive",
            Self::Participant => "participant",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Admin => "HR admin",
            Self::Executive => "Executive",
            Self::Participant => "Participant",
        }
    }

    pub fn parse(value: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|role| role.as_str() == value.trim())
            .ok_or_else(|| {
                ParseError::new(
                    "role",
                    format!("'{value}' is not a role (admin, executive or participant)"),
                )
            })
    }
}

/// A syntactically plausible email address, trimmed and lower-cased so that one person has
/// one account however they type it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(value: &str) -> Result<Self, ParseError> {
        let email = value.trim().to_lowercase();
        let problem = if email.is_empty() {
            Some("is required".to_string())
        } else if email.len() > 254 {
            Some("is longer than 254 characters".to_string())
        } else {
            match email.split_once('@') {
                Some((local, domain))
                    if !local.is_empty()
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                        && !domain.contains('@')
                        && !email.chars().any(char::is_whitespace) =>
                {
                    None
                }
                _ => Some(format!("'{}' is not an email address", value.trim())),
            }
        };
        match problem {
            Some(message) => Err(ParseError::new("email", message)),
            None => Ok(Self(email)),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A name to show for a person: trimmed, not empty, not absurdly long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(value: &str) -> Result<Self, ParseError> {
        let name = value.trim();
        if name.is_empty() {
            return Err(ParseError::new("name", "is required"));
        }
        if name.chars().count() > 120 {
            return Err(ParseError::new("name", "is longer than 120 characters"));
        }
        Ok(Self(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub const MIN_PASSWORD_CHARS: usize = 12;
pub const MAX_PASSWORD_CHARS: usize = 128;

/// Passwords so common that length alone does not make them safe.
const COMMON_PASSWORDS: &[&str] = &[
    "123456789012",
    "password1234",
    "passwordpassword",
    "qwertyuiopas",
    "letmeinletmein",
    "changemechangeme",
    "adminadminadmin",
    "welcomewelcome",
    "iloveyouiloveyou",
    "asyncpilotasyncpilot",
];

/// A password that meets the rules for a new one (length first, as NIST SP 800-63B advises,
/// plus a refusal of the obviously guessable). Never printed: `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("NewPassword(***)")
    }
}

impl NewPassword {
    /// `email` lets the rule refuse a password that is just the account's own address.
    pub fn parse(value: &str, email: Option<&str>) -> Result<Self, ParseError> {
        let refuse = |message: &str| Err(ParseError::new("password", message));
        let length = value.chars().count();
        if length < MIN_PASSWORD_CHARS {
            return refuse(&format!(
                "is too short: use at least {MIN_PASSWORD_CHARS} characters (a few words work well)"
            ));
        }
        if length > MAX_PASSWORD_CHARS {
            return refuse(&format!(
                "is too long: use at most {MAX_PASSWORD_CHARS} characters"
            ));
        }
        let lower = value.to_lowercase();
        let distinct = {
            let mut chars: Vec<char> = lower.chars().collect();
            chars.sort_unstable();
            chars.dedup();
            chars.len()
        };
        if distinct < 5 {
            return refuse("is too predictable: it uses fewer than 5 different characters");
        }
        if COMMON_PASSWORDS.contains(&lower.as_str()) {
            return refuse("is one of the most common passwords; choose another");
        }
        if let Some(email) = email {
            let email = email.to_lowercase();
            let local = email.split('@').next().unwrap_or_default();
            if lower == email || (local.len() >= 4 && lower.contains(local)) {
                return refuse("must not contain your email address");
            }
        }
        Ok(Self(value.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// What an API token may do: read only, or read and change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApiScope {
    Read,
    Write,
}

impl ApiScope {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Write => "write",
        }
    }

    pub fn parse(value: &str) -> Result<Self, ParseError> {
        match value.trim() {
            "read" => Ok(Self::Read),
            "write" => Ok(Self::Write),
            other => Err(ParseError::new(
                "scope",
                format!("'{other}' is not a scope (read or write)"),
            )),
        }
    }
}

/// Why a one-time link was issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkPurpose {
    Invite,
    Reset,
}

impl LinkPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invite => "invite",
            Self::Reset => "reset",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "invite" => Some(Self::Invite),
            "reset" => Some(Self::Reset),
            _ => None,
        }
    }

    /// Invites wait a week for someone to get round to them; a reset link is short-lived.
    pub fn lifetime(self) -> Duration {
        match self {
            Self::Invite => Duration::days(7),
            Self::Reset => Duration::hours(24),
        }
    }
}

/// A session ends after this long without a request…
pub const SESSION_IDLE_TIMEOUT: Duration = Duration::hours(24);
/// …and at the latest this long after sign-in, however active it is.
pub const SESSION_ABSOLUTE_LIFETIME: Duration = Duration::days(14);
/// Recording every request's time would write on every read; this often is enough.
pub const SESSION_TOUCH_INTERVAL: Duration = Duration::minutes(5);

/// Failed sign-ins counted within this window…
pub const SIGN_IN_WINDOW: Duration = Duration::minutes(15);
/// …for one account from one client address (then that pair waits out the window)…
pub const MAX_FAILURES_PER_ACCOUNT: u64 = 5;
/// …and from one client address, across accounts.
pub const MAX_FAILURES_PER_CLIENT: u64 = 20;
/// The longest an account's next attempt waits after its latest failure.
pub const LONGEST_ACCOUNT_DELAY: Duration = Duration::seconds(60);

/// How long after an account's latest failure its next attempt may be made, from anywhere,
/// given its failures in the window: nothing for the first [`MAX_FAILURES_PER_ACCOUNT`], then
/// 1 s, 2 s, 4 s … up to [`LONGEST_ACCOUNT_DELAY`]. Guessing from many addresses slows to one
/// try a minute, while the owner, elsewhere, waits a minute at most instead of being locked
/// out by whoever guesses their address.
pub fn account_delay(failures: u64) -> Duration {
    let Some(beyond) = failures.checked_sub(MAX_FAILURES_PER_ACCOUNT) else {
        return Duration::zero();
    };
    if beyond >= 6 {
        return LONGEST_ACCOUNT_DELAY;
    }
    Duration::seconds(1 << beyond).min(LONGEST_ACCOUNT_DELAY)
}

/// Where to go after signing in or setting a password: a path on this site, else `/`. Only
/// printable ASCII is allowed, so `next=https://evil.example`, `//evil.example`, `/\evil.example`
/// and `/<tab>/evil.example` (browsers drop tabs and newlines from addresses) all become `/`.
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path[1..].starts_with('/')
                && path.chars().all(|c| c.is_ascii_graphic() && c != '\\') =>
        {
            path
        }
        _ => "/",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        assert!(Role::parse("owner").is_err());
    }

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        let email = Email::parse("  Ada.Lovelace@Example.ORG ").expect("valid");
        assert_eq!(email.as_str(), "ada.lovelace@example.org");
    }

    #[test]
    fn an_address_without_a_domain_is_refused_with_its_text() {
        let error = Email::parse("ada@localhost").expect_err("no dot in the domain");
        assert_eq!(error.field, "email");
        assert!(error.message.contains("ada@localhost"));
        assert!(Email::parse("").is_err());
        assert!(Email::parse("a b@example.org").is_err());
        assert!(Email::parse("@example.org").is_err());
    }

    #[test]
    fn a_short_password_is_refused_with_the_minimum_named() {
        let error = NewPassword::parse("short", None).expect_err("too short");
        assert!(error.message.contains("12"), "{}", error.message);
    }

    #[test]
    fn repetitive_common_and_self_naming_passwords_are_refused() {
        assert!(NewPassword::parse("aaaaaaaaaaaaaaaa", None).is_err());
        assert!(NewPassword::parse("Password1234", None).is_err());
        assert!(
            NewPassword::parse("ada.lovelace-2026!", Some("ada.lovelace@example.org")).is_err()
        );
    }

    #[test]
    fn a_long_passphrase_is_accepted_and_not_printed() {
        let password = NewPassword::parse("correct horse battery staple", None).expect("fine");
        assert_eq!(format!("{password:?}"), "NewPassword(***)");
    }

    #[test]
    fn only_paths_on_this_site_are_followed() {
        for kept in [
            "/join/abc",
            "/account?welcome=1",
            "/pilots/3#teams",
            "/a%2F%2Fb",
        ] {
            assert_eq!(safe_next(Some(kept)), kept);
        }
        for refused in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/ /evil.example",
            "join",
            "",
        ] {
            assert_eq!(safe_next(Some(refused)), "/", "{refused:?}");
        }
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn scopes_parse_and_refuse_unknown_names() {
        assert_eq!(ApiScope::parse("read"), Ok(ApiScope::Read));
        assert_eq!(ApiScope::parse(" write "), Ok(ApiScope::Write));
        assert!(ApiScope::parse("admin").is_err());
    }

    proptest! {
        #[test]
        fn email_parsing_never_panics_and_accepts_only_one_at_sign(input in ".{0,80}") {
            if let Ok(email) = Email::parse(&input) {
                prop_assert_eq!(email.as_str().matches('@').count(), 1);
                prop_assert_eq!(email.as_str(), email.as_str().trim());
            }
        }

        #[test]
        fn a_followed_path_never_names_another_host(input in "[/\\\\ \t\na-z.:%]{0,12}") {
            let next = safe_next(Some(&input));
            prop_assert!(next.starts_with('/'));
            let after_slashes = next.trim_start_matches(|c: char| c == '/' || c == '\\' || c.is_whitespace());
            prop_assert!(next == "/" || next.len() - after_slashes.len() == 1, "{:?}", next);
        }

        #[test]
        fn accepted_passwords_are_always_within_the_length_rules(input in ".{0,140}") {
            if let Ok(password) = NewPassword::parse(&input, None) {
                let length = password.expose().chars().count();
                prop_assert!((MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&length));
            }
        }
    }

    #[test]
    fn an_account_waits_longer_after_each_failure_beyond_the_free_ones_up_to_a_minute() {
        assert_eq!(account_delay(0), Duration::zero());
        assert_eq!(
            account_delay(MAX_FAILURES_PER_ACCOUNT - 1),
            Duration::zero()
        );
        assert_eq!(
            account_delay(MAX_FAILURES_PER_ACCOUNT),
            Duration::seconds(1)
        );
        assert_eq!(
            account_delay(MAX_FAILURES_PER_ACCOUNT + 1),
            Duration::seconds(2)
        );
        assert_eq!(
            account_delay(MAX_FAILURES_PER_ACCOUNT + 5),
            Duration::seconds(32)
        );
        assert_eq!(
            account_delay(MAX_FAILURES_PER_ACCOUNT + 6),
            LONGEST_ACCOUNT_DELAY
        );
        assert_eq!(account_delay(u64::MAX), LONGEST_ACCOUNT_DELAY);
    }
}
