//! Account workflows shared by the pages, the JSON API and the command line: sign-in with rate
//! limits, links, password changes, roles, deactivation and API tokens, each audited.

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};

use super::{
    auth::{
        caller::Caller,
        password::{hash_password, verify_password},
    },
    mail::MailSettings,
    repo::{
        self,
        audit::{Actor, Entry},
        people::Person,
        sign_in_failures::{account_subject, client_subject},
    },
};
use crate::{
    domain::{
        account::{
            ApiScope, DisplayName, Email, LinkPurpose, NewPassword, Role, MAX_FAILURES_PER_ACCOUNT,
            MAX_FAILURES_PER_CLIENT, SIGN_IN_WINDOW,
        },
        audit::AuditAction,
        mail::{password_link_message, AskedBy},
    },
    error::AppError,
};

/// A fresh session: who it belongs to and the secret for their cookie.
pub struct SignedIn {
    pub person: Person,
    pub session_token: String,
}

/// Checks the password, within the rate limits, and opens a session. Every failure looks the
/// same to the caller, whether the email exists or not.
pub async fn sign_in(
    db: &impl ConnectionTrait,
    email: &str,
    password: &str,
    client: Option<IpAddr>,
    now: DateTime<Utc>,
) -> Result<SignedIn, AppError> {
    let email_key = email.trim().to_lowercase();
    let account = account_subject(&email_key);
    let client = client.map(|address| client_subject(&address.to_string()));
    let over_account_limit =
        repo::sign_in_failures::recent(db, &account, now).await? >= MAX_FAILURES_PER_ACCOUNT;
    let over_client_limit = match &client {
        Some(client) => {
            repo::sign_in_failures::recent(db, client, now).await? >= MAX_FAILURES_PER_CLIENT
        }
        None => false,
    };
    if over_account_limit || over_client_limit {
        return Err(AppError::RateLimited {
            minutes: SIGN_IN_WINDOW.num_minutes(),
        });
    }

    let row = match Email::parse(&email_key) {
        Ok(email) => repo::people::find_row_by_email(db, &email).await?,
        Err(_) => None,
    };
    let stored_hash = row
        .as_ref()
        .filter(|row| row.active)
        .and_then(|row| row.password_hash.clone());
    if !verify_password(password.to_string(), stored_hash).await? {
        repo::sign_in_failures::record(db, &account, now).await?;
        if let Some(client) = &client {
            repo::sign_in_failures::record(db, client, now).await?;
        }
        let actor = Actor::Person {
            id: row.as_ref().map(|row| row.id),
            email: &email_key,
        };
        repo::audit::record(
            db,
            Entry::new(actor, AuditAction::SignInFailed, "session"),
            now,
        )
        .await?;
        return Err(AppError::SignInFailed);
    }
    let person = Person::from(row.ok_or(AppError::SignInFailed)?);
    repo::sign_in_failures::clear(db, &account, now).await?;
    repo::sessions::delete_expired(db, now).await?;
    let session_token = repo::sessions::create(db, person.id, now).await?;
    let actor = Actor::Person {
        id: Some(person.id),
        email: &person.email,
    };
    repo::audit::record(db, Entry::new(actor, AuditAction::SignIn, "session"), now).await?;
    Ok(SignedIn {
        person,
        session_token,
    })
}

pub async fn sign_out(
    db: &impl ConnectionTrait,
    caller: &Caller,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if let Some(hash) = caller.session_hash() {
        repo::sessions::delete(db, hash).await?;
        let entry = Entry::new(Actor::Caller(caller), AuditAction::SignOut, "session");
        repo::audit::record(db, entry, now).await?;
    }
    Ok(())
}

pub async fn sign_out_everywhere(
    db: &impl ConnectionTrait,
    caller: &Caller,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    let ended = repo::sessions::delete_for_person(db, caller.person_id).await?;
    let entry = Entry::new(
        Actor::Caller(caller),
        AuditAction::SignOutEverywhere,
        "person",
    )
    .object(caller.person_id)
    .detail(format!("{ended} sessions ended"));
    repo::audit::record(db, entry, now).await?;
    Ok(ended)
}

/// What the set-password page shows about a link before the password is chosen.
pub struct LinkTarget {
    pub person: Person,
    pub purpose: LinkPurpose,
    pub expires_at: DateTime<Utc>,
}

pub async fn inspect_link(
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

/// Uses up an invite or reset link: sets the password, ends older sessions, signs in.
pub async fn set_password_from_link(
    db: &DatabaseConnection,
    token: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<SignedIn, AppError> {
    let target = inspect_link(db, token, now).await?;
    let password = NewPassword::parse(password, Some(&target.person.email))?;
    let hash = hash_password(&password).await?;
    let link_hash = super::auth::secrets::hash_secret(token);
    let transaction = db.begin().await?;
    if !repo::links::mark_used(&transaction, &link_hash, target.person.id, now).await? {
        return Err(unusable_link());
    }
    repo::people::set_password_hash(&transaction, target.person.id, hash, now).await?;
    repo::sessions::delete_for_person(&transaction, target.person.id).await?;
    let session_token = repo::sessions::create(&transaction, target.person.id, now).await?;
    let actor = Actor::Person {
        id: Some(target.person.id),
        email: &target.person.email,
    };
    let entry = Entry::new(actor, AuditAction::PasswordSet, "person")
        .object(target.person.id)
        .detail(format!("from a {} link", target.purpose.as_str()));
    repo::audit::record(&transaction, entry, now).await?;
    transaction.commit().await?;
    Ok(SignedIn {
        person: target.person,
        session_token,
    })
}

/// Changes the caller's password and ends all their other sessions; returns a fresh session.
pub async fn change_password(
    db: &DatabaseConnection,
    caller: &Caller,
    current: &str,
    new: &str,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let row = repo::people::find_row(db, caller.person_id).await?;
    if !verify_password(current.to_string(), row.password_hash).await? {
        return Err(AppError::validation(
            "current_password",
            "is not your current password",
        ));
    }
    let password = NewPassword::parse(new, Some(&caller.email))
        .map_err(|error| AppError::validation("new_password", error.message))?;
    let hash = hash_password(&password).await?;
    let transaction = db.begin().await?;
    repo::people::set_password_hash(&transaction, caller.person_id, hash, now).await?;
    repo::sessions::delete_for_person(&transaction, caller.person_id).await?;
    let token = repo::sessions::create(&transaction, caller.person_id, now).await?;
    let entry = Entry::new(
        Actor::Caller(caller),
        AuditAction::PasswordChanged,
        "person",
    )
    .object(caller.person_id);
    repo::audit::record(&transaction, entry, now).await?;
    transaction.commit().await?;
    Ok(token)
}

/// Adds a person and issues their invite link; returns the person and the link's secret. When
/// this instance delivers mail, the link is also mailed to them.
pub async fn invite(
    db: &DatabaseConnection,
    admin: &Caller,
    email: &str,
    name: &str,
    role: &str,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<(Person, String), AppError> {
    let email = Email::parse(email)?;
    let name = DisplayName::parse(name)?;
    let role = Role::parse(role)?;
    let transaction = db.begin().await?;
    let person = repo::people::create(&transaction, &email, &name, role, None, now).await?;
    let token = repo::links::issue(
        &transaction,
        person.id,
        LinkPurpose::Invite,
        Some(admin.person_id),
        now,
    )
    .await?;
    mail_admin_link(&transaction, mail, admin, &person, &token, true, now).await?;
    let entry = Entry::new(Actor::Caller(admin), AuditAction::PersonInvited, "person")
        .object(person.id)
        .detail(format!("{} as {}", person.email, role.as_str()));
    repo::audit::record(&transaction, entry, now).await?;
    transaction.commit().await?;
    Ok((person, token))
}

/// Issues a link for someone to set a new password (also re-sends an expired invite), mailed to
/// them too when this instance delivers mail.
pub async fn issue_reset_link(
    db: &DatabaseConnection,
    admin: &Caller,
    person_id: i64,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let person = repo::people::find(db, person_id).await?;
    if !person.active {
        return Err(AppError::Conflict(format!(
            "{} is deactivated; reactivate them first",
            person.email
        )));
    }
    let purpose = if person.has_password {
        LinkPurpose::Reset
    } else {
        LinkPurpose::Invite
    };
    let transaction = db.begin().await?;
    let token =
        repo::links::issue(&transaction, person.id, purpose, Some(admin.person_id), now).await?;
    let first_password = !person.has_password;
    mail_admin_link(
        &transaction,
        mail,
        admin,
        &person,
        &token,
        first_password,
        now,
    )
    .await?;
    let entry = Entry::new(Actor::Caller(admin), AuditAction::ResetLinkIssued, "person")
        .object(person.id)
        .detail(format!("{} link for {}", purpose.as_str(), person.email));
    repo::audit::record(&transaction, entry, now).await?;
    transaction.commit().await?;
    Ok(token)
}

/// Queues a link an admin issued for `person`, when this instance delivers mail.
async fn mail_admin_link(
    db: &impl ConnectionTrait,
    mail: &MailSettings,
    admin: &Caller,
    person: &Person,
    token: &str,
    first_password: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if !mail.delivers {
        return Ok(());
    }
    let link = PasswordLink {
        token,
        first_password,
        next: None,
        asked_by: AskedBy::Admin(&admin.display_name),
    };
    link.queue(
        db,
        &person.email,
        &person.display_name,
        &mail.public_url,
        now,
    )
    .await
}

/// A password link on its way into the outbox.
struct PasswordLink<'a> {
    token: &'a str,
    first_password: bool,
    /// Where the link leads after the password is set.
    next: Option<&'a str>,
    asked_by: AskedBy<'a>,
}

impl PasswordLink<'_> {
    async fn queue(
        &self,
        db: &impl ConnectionTrait,
        recipient: &str,
        name: &str,
        public_url: &str,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let mut url = format!(
            "{}/set-password?token={}",
            public_url.trim_end_matches('/'),
            self.token
        );
        if let Some(next) = self.next {
            url.push_str(&format!("&next={}", query_value(next)));
        }
        let (subject, body) = password_link_message(name, &url, self.first_password, self.asked_by);
        super::mail::queue(db, recipient, &subject, &body, now).await?;
        Ok(())
    }
}

/// Requests to one address per hour at most: enough for a lost message, too few to flood anyone.
pub const LINK_REQUESTS_PER_HOUR: u64 = 3;

/// Someone asks for a link to set their password (the first one, or after forgetting it). If an
/// active person has that email, a link goes into the outbox addressed to them, so only the
/// mailbox's owner can use it; either way the answer is the same, so the form tells nobody who
/// has an account. `next` (a path on this site) is where the link leads after the password.
pub async fn request_password_link(
    db: &DatabaseConnection,
    email: &str,
    next: &str,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let email = Email::parse(email)?;
    let Some(person) = repo::people::find_row_by_email(db, &email).await? else {
        return Ok(());
    };
    let since = now - chrono::Duration::hours(1);
    if !person.active
        || super::mail::queued_since(db, &person.email, since).await? >= LINK_REQUESTS_PER_HOUR
    {
        return Ok(());
    }
    let first_password = person.password_hash.is_none();
    let purpose = if first_password {
        LinkPurpose::Invite
    } else {
        LinkPurpose::Reset
    };
    let transaction = db.begin().await?;
    let token = repo::links::issue(&transaction, person.id, purpose, None, now).await?;
    let link = PasswordLink {
        token: &token,
        first_password,
        next: Some(next),
        asked_by: AskedBy::Themselves,
    };
    link.queue(
        &transaction,
        &person.email,
        &person.display_name,
        public_url,
        now,
    )
    .await?;
    let actor = Actor::Person {
        id: Some(person.id),
        email: &person.email,
    };
    let entry = Entry::new(actor, AuditAction::PasswordLinkRequested, "person")
        .object(person.id)
        .detail(format!("{} link by mail", purpose.as_str()));
    repo::audit::record(&transaction, entry, now).await?;
    transaction.commit().await?;
    Ok(())
}

/// `value` percent-encoded for a query string (slashes kept, as in paths).
fn query_value(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                char::from(byte).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// Refuses a change that would leave the organisation without an active admin.
async fn keep_an_admin(db: &impl ConnectionTrait, person: &Person) -> Result<(), AppError> {
    if person.role == Role::Admin
        && person.active
        && repo::people::count_active_admins(db).await? <= 1
    {
        return Err(AppError::Conflict(format!(
            "{} is the last active admin; make someone else admin first",
            person.email
        )));
    }
    Ok(())
}

pub async fn change_role(
    db: &impl ConnectionTrait,
    admin: &Caller,
    person_id: i64,
    role: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let role = Role::parse(role)?;
    let person = repo::people::find(db, person_id).await?;
    if person.role == role {
        return Ok(());
    }
    keep_an_admin(db, &person).await?;
    repo::people::set_role(db, person_id, role, now).await?;
    let entry = Entry::new(Actor::Caller(admin), AuditAction::RoleChanged, "person")
        .object(person_id)
        .detail(format!(
            "{}: {} → {}",
            person.email,
            person.role.as_str(),
            role.as_str()
        ));
    repo::audit::record(db, entry, now).await
}

/// Deactivating ends the person's sessions at once; reactivating lets them sign in again.
pub async fn set_active(
    db: &DatabaseConnection,
    admin: &Caller,
    person_id: i64,
    active: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let person = repo::people::find(db, person_id).await?;
    if person.active == active {
        return Ok(());
    }
    if !active {
        if person_id == admin.person_id {
            return Err(AppError::Conflict(
                "you cannot deactivate yourself; ask another admin".into(),
            ));
        }
        keep_an_admin(db, &person).await?;
    }
    let transaction = db.begin().await?;
    repo::people::set_active(&transaction, person_id, active, now).await?;
    let (action, detail) = if active {
        (AuditAction::PersonReactivated, person.email.clone())
    } else {
        let ended = repo::sessions::delete_for_person(&transaction, person_id).await?;
        (
            AuditAction::PersonDeactivated,
            format!("{} ({ended} sessions ended)", person.email),
        )
    };
    let entry = Entry::new(Actor::Caller(admin), action, "person")
        .object(person_id)
        .detail(detail);
    repo::audit::record(&transaction, entry, now).await?;
    transaction.commit().await?;
    Ok(())
}

/// The command line's way in: the first admin, with a password typed on the server.
pub async fn create_admin(
    db: &impl ConnectionTrait,
    email: &str,
    name: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<Person, AppError> {
    let email = Email::parse(email)?;
    let name = DisplayName::parse(name)?;
    let password = NewPassword::parse(password, Some(email.as_str()))?;
    let hash = hash_password(&password).await?;
    let person = repo::people::create(db, &email, &name, Role::Admin, Some(hash), now).await?;
    let entry = Entry::new(Actor::System, AuditAction::AdminCreated, "person")
        .object(person.id)
        .detail(person.email.clone());
    repo::audit::record(db, entry, now).await?;
    Ok(person)
}

pub async fn create_api_token(
    db: &impl ConnectionTrait,
    admin: &Caller,
    name: &str,
    scope: &str,
    now: DateTime<Utc>,
) -> Result<(i64, String), AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(AppError::validation(
            "name",
            "give the token a name of 1 to 80 characters",
        ));
    }
    let scope = ApiScope::parse(scope)?;
    let (id, secret) = repo::api_tokens::create(db, name, scope, admin.person_id, now).await?;
    let entry = Entry::new(
        Actor::Caller(admin),
        AuditAction::ApiTokenCreated,
        "api_token",
    )
    .object(id)
    .detail(format!("{name} ({})", scope.as_str()));
    repo::audit::record(db, entry, now).await?;
    Ok((id, secret))
}

pub async fn revoke_api_token(
    db: &impl ConnectionTrait,
    admin: &Caller,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let name = repo::api_tokens::revoke(db, id, now).await?;
    let entry = Entry::new(
        Actor::Caller(admin),
        AuditAction::ApiTokenRevoked,
        "api_token",
    )
    .object(id)
    .detail(name);
    repo::audit::record(db, entry, now).await
}
