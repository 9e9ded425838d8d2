//! One-time links to set a password: what a link is for, using one up, and asking for one by
//! mail. Anonymous: the secret in the link (or the mailbox it goes to) is the credential.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use super::{
    auth::{current_user, SignedIn},
    mail::PasswordLink,
};
use crate::{
    domain::{
        account::{Email, LinkPurpose, NewPassword},
        audit::AuditAction,
        mail::AskedBy,
    },
    error::AppError,
    server::{
        auth::password::hash_password,
        repo::{
            self,
            audit::{Actor, Entry},
            people::Person,
        },
        secrets::hash_secret,
        tx,
    },
    wire::auth::LinkInfo,
};

/// The person a usable link is for, and why it was issued.
struct LinkTarget {
    person: Person,
    purpose: LinkPurpose,
    expires_at: DateTime<Utc>,
}

async fn link_target(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<LinkTarget, AppError> {
    let link = repo::links::find_usable(db, token, now)
        .await?
        .ok_or_else(unusable_link)?;
    let person = repo::people::find(db, link.person_id).await?;
    if !person.active {
        return Err(unusable_link());
    }
    Ok(LinkTarget {
        person,
        purpose: link.purpose,
        expires_at: link.expires_at,
    })
}

fn unusable_link() -> AppError {
    AppError::NotFound(
        "this link has expired or was already used; ask your HR admin for a new one".into(),
    )
}

/// What the set-password page shows about a link before the password is chosen.
pub async fn link_info(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<LinkInfo, AppError> {
    let target = link_target(db, token, now).await?;
    Ok(LinkInfo {
        email: target.person.email,
        display_name: target.person.display_name,
        is_invite: target.purpose == LinkPurpose::Invite,
        expires_at: target.expires_at,
    })
}

/// Uses up an invite or reset link: sets the password, ends older sessions, signs in.
pub async fn set_password_from_link(
    db: &DatabaseConnection,
    token: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<SignedIn, AppError> {
    let target = link_target(db, token, now).await?;
    let password = NewPassword::parse(password, Some(&target.person.email))?;
    let hash = hash_password(&password).await?;
    let person = &target.person;
    let session_token = tx::write(db, async |tx| {
        if !repo::links::mark_used(tx, &hash_secret(token), person.id, now).await? {
            return Err(unusable_link());
        }
        repo::people::set_password_hash(tx, person.id, hash, now).await?;
        repo::sessions::delete_for_person(tx, person.id).await?;
        let session_token = repo::sessions::create(tx, person.id, now).await?;
        let actor = Actor::Person {
            id: Some(person.id),
            email: &person.email,
        };
        let entry = Entry::new(actor, AuditAction::PasswordSet, "person")
            .object(person.id)
            .detail(format!("from a {} link", target.purpose.as_str()));
        repo::audit::record(tx, entry, now).await?;
        Ok(session_token)
    })
    .await?;
    Ok(SignedIn {
        person: current_user(person),
        session_token,
    })
}

/// Requests to one address per hour at most: enough for a lost message, too few to flood anyone.
pub const LINK_REQUESTS_PER_HOUR: u64 = 3;

/// Someone asks for a link to set their password (the first one, or after forgetting it). If an
/// active person has that email, a link goes into the outbox addressed to them, so only the
/// mailbox's owner can use it; either way the answer is the same, so the form tells nobody who
/// has an account. `next` (a path on this site) is where the link leads after the password.
/// An instance that does not deliver mail (`delivers` false) issues nothing: admins read its
/// outbox, and a link someone asked for themselves must reach only them (they ask HR instead).
///
/// When mail is delivered, the answer comes no sooner than [`LINK_ANSWER_FLOOR`] after the
/// request, whether a link was issued or not: the time it takes tells nobody which addresses
/// have accounts either.
pub async fn request_password_link(
    db: &DatabaseConnection,
    email: &str,
    next: &str,
    public_url: &str,
    delivers: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let email = Email::parse(email)?;
    if !delivers {
        return Ok(());
    }
    let answer_at = tokio::time::Instant::now() + LINK_ANSWER_FLOOR;
    let issued = issue_requested_link(db, &email, next, public_url, now).await;
    tokio::time::sleep_until(answer_at).await;
    issued
}

/// Longer than issuing a link takes (a lookup and one short transaction: milliseconds), short
/// enough not to be noticed on a form.
pub const LINK_ANSWER_FLOOR: std::time::Duration = std::time::Duration::from_millis(150);

async fn issue_requested_link(
    db: &DatabaseConnection,
    email: &Email,
    next: &str,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let Some((person, _)) = repo::people::find_with_password(db, email).await? else {
        return Ok(());
    };
    let since = now - chrono::Duration::hours(1);
    if !person.active
        || repo::mail::queued_since(db, &person.email, since).await? >= LINK_REQUESTS_PER_HOUR
    {
        return Ok(());
    }
    let first_password = !person.has_password;
    let purpose = if first_password {
        LinkPurpose::Invite
    } else {
        LinkPurpose::Reset
    };
    tx::write(db, async |tx| {
        let token = repo::links::issue(tx, person.id, purpose, None, now).await?;
        let link = PasswordLink {
            token: &token,
            first_password,
            next: Some(next),
            asked_by: AskedBy::Themselves,
        };
        link.queue(tx, &person.email, &person.display_name, public_url, now)
            .await?;
        // Anyone can type an address: the request is not the person's own act.
        let entry = Entry::new(
            Actor::Anonymous,
            AuditAction::PasswordLinkRequested,
            "person",
        )
        .object(person.id)
        .detail(format!("{} link by mail", purpose.as_str()));
        repo::audit::record(tx, entry, now).await
    })
    .await
}
