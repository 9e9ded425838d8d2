//! Signing in and out, and the caller's own password. Signing in is anonymous (the password is
//! the credential); the rest act on the caller's account. One-time links are in `links`.

use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};
use sea_orm::DatabaseConnection;

use crate::{
    domain::{
        access::Action,
        account::{
            account_delay, Email, NewPassword, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_CLIENT,
            SIGN_IN_WINDOW,
        },
        audit::AuditAction,
    },
    error::AppError,
    server::{
        auth::password::{hash_password, verify_password},
        client_address::rate_limit_key,
        repo::{
            self,
            audit::{Actor, Entry},
            people::Person,
            sign_in_failures::{account_subject, client_subject, pair_subject},
        },
        tx,
    },
    wire::auth::CurrentUser,
};

/// A fresh session: who it belongs to and the secret for their cookie.
pub struct SignedIn {
    pub person: CurrentUser,
    pub session_token: String,
}

pub fn current_user(person: &Person) -> CurrentUser {
    CurrentUser {
        id: person.id,
        email: person.email.clone(),
        display_name: person.display_name.clone(),
        role: person.role,
    }
}

/// Checks the password, within the rate limits, and opens a session. Every failure looks the
/// same to the caller, whether the email exists or not; only an email that cannot be anyone's
/// (too long, not an address) is refused as such (422), before anything is stored.
pub async fn sign_in(
    db: &DatabaseConnection,
    email: &str,
    password: &str,
    client: Option<IpAddr>,
    now: DateTime<Utc>,
) -> Result<SignedIn, AppError> {
    let email = Email::parse(email)?;
    let account = account_subject(email.as_str());
    let client_key = client.map(rate_limit_key);
    let client = client_key.as_deref().map(client_subject);
    let pair = client_key
        .as_deref()
        .map(|key| pair_subject(email.as_str(), key));
    let mut limits = vec![(account.as_str(), Limit::Spaced)];
    if let (Some(client), Some(pair)) = (&client, &pair) {
        limits.push((pair.as_str(), Limit::AtMost(MAX_FAILURES_PER_ACCOUNT)));
        limits.push((client.as_str(), Limit::AtMost(MAX_FAILURES_PER_CLIENT)));
    }
    let attempt = begin_attempt(db, &limits, now).await?;

    let found = repo::people::find_with_password(db, &email).await?;
    let stored_hash = found
        .as_ref()
        .filter(|(person, _)| person.active)
        .and_then(|(_, hash)| hash.clone());
    if !check_password(db, &attempt, password, stored_hash).await? {
        // The attempt's rows stay: they are the failure. The audit entry is its own write.
        tx::write(db, async |tx| {
            let actor = Actor::Person {
                id: found.as_ref().map(|(person, _)| person.id),
                email: email.as_str(),
            };
            let entry = Entry::new(actor, AuditAction::SignInFailed, "session");
            repo::audit::record(tx, entry, now).await
        })
        .await?;
        return Err(AppError::SignInFailed);
    }
    let (person, _) = found.ok_or(AppError::SignInFailed)?;
    let session_token = tx::write(db, async |tx| {
        repo::sign_in_failures::clear(tx, &account, now).await?;
        if let Some(pair) = &pair {
            repo::sign_in_failures::clear(tx, pair, now).await?;
        }
        repo::sign_in_failures::delete(tx, &attempt).await?;
        repo::sessions::delete_expired(tx, now).await?;
        let token = repo::sessions::create(tx, person.id, now).await?;
        let actor = Actor::Person {
            id: Some(person.id),
            email: &person.email,
        };
        repo::audit::record(tx, Entry::new(actor, AuditAction::SignIn, "session"), now).await?;
        Ok(token)
    })
    .await?;
    Ok(SignedIn {
        person: current_user(&person),
        session_token,
    })
}

/// How a subject's failures limit its next attempt.
#[derive(Debug, Clone, Copy)]
enum Limit {
    /// At most this many in the window, then refused until the window moves on.
    AtMost(u64),
    /// Spaced out: beyond the free failures, each attempt waits [`account_delay`] after the
    /// latest one.
    Spaced,
}

/// Records an attempt against every subject *before* the password is checked, then counts
/// them, its own included: of any number of concurrent attempts only those counting at most
/// the limit go on, so a burst cannot slip past it (and a spaced subject's concurrent attempts
/// see each other as the latest, so none goes on). A refused attempt is taken back again (only
/// checked passwords count as failures); the ids returned are the attempt's rows.
async fn begin_attempt(
    db: &DatabaseConnection,
    limits: &[(&str, Limit)],
    now: DateTime<Utc>,
) -> Result<Vec<i64>, AppError> {
    let mut attempt = Vec::with_capacity(limits.len());
    for (subject, _) in limits {
        attempt.push(repo::sign_in_failures::record(db, subject, now).await?);
    }
    for (subject, limit) in limits {
        let times = repo::sign_in_failures::recent_times(db, subject, now).await?;
        let wait = match *limit {
            Limit::AtMost(most) if times.len() as u64 > most => Some(SIGN_IN_WINDOW),
            Limit::AtMost(_) => None,
            Limit::Spaced => {
                let others: Vec<DateTime<Utc>> = times
                    .iter()
                    .filter(|(id, _)| !attempt.contains(id))
                    .map(|(_, at)| *at)
                    .collect();
                // Within the free failures there is no delay at all: another attempt under
                // way (recorded a moment after this one's `now`) must not count as a wait.
                let delay = account_delay(others.len() as u64);
                others
                    .iter()
                    .max()
                    .filter(|_| delay > Duration::zero())
                    .map(|latest| *latest + delay - now)
                    .filter(|left| *left > Duration::zero())
            }
        };
        if let Some(wait) = wait {
            repo::sign_in_failures::delete(db, &attempt).await?;
            return Err(AppError::RateLimited {
                seconds: wait.num_seconds().max(1),
            });
        }
    }
    Ok(attempt)
}

/// The password check of an attempt; one that could not be made (the server is busy) is taken
/// back, as it was no failure.
async fn check_password(
    db: &DatabaseConnection,
    attempt: &[i64],
    password: &str,
    stored_hash: Option<String>,
) -> Result<bool, AppError> {
    match verify_password(password.to_string(), stored_hash).await {
        Ok(matches) => Ok(matches),
        Err(error) => {
            repo::sign_in_failures::delete(db, attempt).await?;
            Err(error)
        }
    }
}

/// Ends the caller's session, if they came with one (an API token has none to end).
pub async fn sign_out(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    super::authorize(&actor, Action::UseOwnAccount)?;
    let Some(hash) = super::signed_in(&actor)?.session_hash() else {
        return Ok(());
    };
    tx::write(db, async |tx| {
        repo::sessions::delete(tx, hash).await?;
        let entry = Entry::new(actor, AuditAction::SignOut, "session");
        repo::audit::record(tx, entry, now).await
    })
    .await
}

/// Ends every session of the caller, on every device; returns how many ended.
pub async fn sign_out_everywhere(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    // A change: a read-only token must not end its creator's sessions.
    super::authorize(&actor, Action::ChangeOwnAccount)?;
    let caller = super::signed_in(&actor)?;
    let person_id = caller.person_id;
    tx::write(db, async |tx| {
        let ended = repo::sessions::delete_for_person(tx, person_id).await?;
        let entry = Entry::new(actor, AuditAction::SignOutEverywhere, "person")
            .object(person_id)
            .detail(format!("{ended} sessions ended"));
        repo::audit::record(tx, entry, now).await?;
        Ok(ended)
    })
    .await
}

/// Changes the caller's password and ends all their other sessions; returns a fresh session.
pub async fn change_password(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    current: &str,
    new: &str,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    // A change: a read-only token must never take over its creator's password.
    super::authorize(&actor, Action::ChangeOwnAccount)?;
    let caller = super::signed_in(&actor)?;
    // Wrong current passwords count with the account's failed sign-ins: a stolen session must
    // not become a way to guess the password without limit.
    let account = account_subject(&caller.email);
    let attempt = begin_attempt(db, &[(&account, Limit::Spaced)], now).await?;
    let stored_hash = repo::people::password_hash(db, caller.person_id).await?;
    if !check_password(db, &attempt, current, stored_hash).await? {
        return Err(AppError::validation(
            "current_password",
            "is not your current password",
        ));
    }
    repo::sign_in_failures::clear(db, &account, now).await?;
    let password = NewPassword::parse(new, Some(&caller.email))
        .map_err(|error| AppError::validation("new_password", error.message))?;
    let hash = hash_password(&password).await?;
    tx::write(db, async |tx| {
        repo::people::set_password_hash(tx, caller.person_id, hash, now).await?;
        repo::sessions::delete_for_person(tx, caller.person_id).await?;
        let token = repo::sessions::create(tx, caller.person_id, now).await?;
        let entry =
            Entry::new(actor, AuditAction::PasswordChanged, "person").object(caller.person_id);
        repo::audit::record(tx, entry, now).await?;
        Ok(token)
    })
    .await
}
