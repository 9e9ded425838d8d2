//! People as accounts, for admins: the list, invites and password links, roles and
//! (de)activation; and the first admin, created on the command line.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use super::mail::PasswordLink;
use crate::{
    domain::{
        access::Action,
        account::{DisplayName, Email, LinkPurpose, NewPassword, Role},
        audit::AuditAction,
        mail::AskedBy,
        search::SearchText,
        signed_page,
    },
    error::AppError,
    server::{
        auth::password::hash_password,
        mail::MailSettings,
        repo::{
            self,
            audit::{Actor, Entry},
            people::Person,
        },
        tx,
    },
    wire::people::{PeoplePage, PEOPLE_PAGE_SIZE},
};

/// The page of people matching `query` (part of a name or email, any case, 100 characters at
/// most).
pub async fn list(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    query: Option<&str>,
    page: Option<i64>,
) -> Result<PeoplePage, AppError> {
    super::authorize(&actor, Action::ReadPeople)?;
    let query = SearchText::parse(query.unwrap_or_default())?;
    let page = signed_page(page);
    let (people, total) = repo::people::search(
        db,
        query.as_str(),
        page.unsigned_abs(),
        PEOPLE_PAGE_SIZE.unsigned_abs(),
    )
    .await?;
    Ok(PeoplePage {
        people,
        total: i64::try_from(total).unwrap_or(i64::MAX),
        page,
        per_page: PEOPLE_PAGE_SIZE,
    })
}

/// Where a password link's secret leads; the surfaces put their host in front.
pub fn set_password_path(token: &str) -> String {
    format!("/set-password?token={token}")
}

/// Adds a person and issues their invite link; returns the person and the link's secret. When
/// this instance delivers mail, the link is also mailed to them.
pub async fn invite(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    email: &str,
    name: &str,
    role: &str,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<(Person, String), AppError> {
    super::authorize(&actor, Action::ChangePeople)?;
    let email = Email::parse(email)?;
    let name = DisplayName::parse(name)?;
    let role = Role::parse(role)?;
    tx::write(db, async |tx| {
        let person = repo::people::create(tx, &email, &name, role, None, now).await?;
        let token =
            repo::links::issue(tx, person.id, LinkPurpose::Invite, issuer(&actor), now).await?;
        mail_admin_link(tx, mail, actor, &person, &token, now).await?;
        let entry = Entry::new(actor, AuditAction::PersonInvited, "person")
            .object(person.id)
            .detail(format!("{} as {}", person.email, role.as_str()));
        repo::audit::record(tx, entry, now).await?;
        Ok((person, token))
    })
    .await
}

/// Issues a link for someone to set a new password (an invite again while they have none),
/// mailed to them too when this instance delivers mail; returns the person and the secret.
pub async fn issue_reset_link(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    person_id: i64,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<(Person, String), AppError> {
    super::authorize(&actor, Action::ChangePeople)?;
    tx::write(db, async |tx| {
        let person = repo::people::find(tx, person_id).await?;
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
        let token = repo::links::issue(tx, person.id, purpose, issuer(&actor), now).await?;
        mail_admin_link(tx, mail, actor, &person, &token, now).await?;
        let entry = Entry::new(actor, AuditAction::ResetLinkIssued, "person")
            .object(person.id)
            .detail(format!("{} link for {}", purpose.as_str(), person.email));
        repo::audit::record(tx, entry, now).await?;
        Ok((person, token))
    })
    .await
}

/// Who issued a link: an admin's link voids every earlier one (see `repo::links::issue`).
pub(super) fn issuer(actor: &Actor<'_>) -> Option<i64> {
    super::signed_in(actor).ok().map(|caller| caller.person_id)
}

/// Queues a link an admin issued for `person`, when this instance delivers mail.
async fn mail_admin_link(
    db: &impl ConnectionTrait,
    mail: &MailSettings,
    actor: Actor<'_>,
    person: &Person,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if !mail.delivers {
        return Ok(());
    }
    let admin = match actor {
        Actor::Caller(caller) => caller.display_name.as_str(),
        Actor::Person { email, .. } => email,
        Actor::System | Actor::Anonymous => "Your HR team",
    };
    let link = PasswordLink {
        token,
        first_password: !person.has_password,
        next: None,
        asked_by: AskedBy::Admin(admin),
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

/// Refuses a change that would leave the organisation without an active admin. Called inside
/// the transaction that writes the change, so two admins demoting each other at once cannot
/// both pass it.
pub(super) async fn keep_an_admin(
    db: &impl ConnectionTrait,
    person: &Person,
) -> Result<(), AppError> {
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
    db: &DatabaseConnection,
    actor: Actor<'_>,
    person_id: i64,
    role: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    super::authorize(&actor, Action::ChangePeople)?;
    let role = Role::parse(role)?;
    tx::write(db, async |tx| {
        let person = repo::people::find(tx, person_id).await?;
        if person.role == role {
            return Ok(());
        }
        keep_an_admin(tx, &person).await?;
        repo::people::set_role(tx, person_id, role, now).await?;
        let entry = Entry::new(actor, AuditAction::RoleChanged, "person")
            .object(person_id)
            .detail(format!(
                "{}: {} → {}",
                person.email,
                person.role.as_str(),
                role.as_str()
            ));
        repo::audit::record(tx, entry, now).await
    })
    .await
}

/// Deactivating ends the person's sessions at once; reactivating lets them sign in again.
pub async fn set_active(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    person_id: i64,
    active: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    super::authorize(&actor, Action::ChangePeople)?;
    tx::write(db, async |tx| {
        let person = repo::people::find(tx, person_id).await?;
        if person.active == active {
            return Ok(());
        }
        if !active {
            if Some(person_id) == issuer(&actor) {
                return Err(AppError::Conflict(
                    "you cannot deactivate yourself; ask another admin".into(),
                ));
            }
            keep_an_admin(tx, &person).await?;
        }
        repo::people::set_active(tx, person_id, active, now).await?;
        let (action, detail) = if active {
            (AuditAction::PersonReactivated, person.email.clone())
        } else {
            let ended = repo::sessions::delete_for_person(tx, person_id).await?;
            (
                AuditAction::PersonDeactivated,
                format!("{} ({ended} sessions ended)", person.email),
            )
        };
        let entry = Entry::new(actor, action, "person")
            .object(person_id)
            .detail(detail);
        repo::audit::record(tx, entry, now).await
    })
    .await
}

/// The command line's way in: the first admin, with a password typed on the server. The
/// command line acts as the system.
pub async fn create_admin(
    db: &DatabaseConnection,
    email: &str,
    name: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<Person, AppError> {
    let actor = Actor::System;
    super::authorize(&actor, Action::ChangePeople)?;
    let email = Email::parse(email)?;
    let name = DisplayName::parse(name)?;
    let password = NewPassword::parse(password, Some(email.as_str()))?;
    let hash = hash_password(&password).await?;
    tx::write(db, async |tx| {
        let person = repo::people::create(tx, &email, &name, Role::Admin, Some(hash), now).await?;
        let entry = Entry::new(actor, AuditAction::AdminCreated, "person")
            .object(person.id)
            .detail(person.email.clone());
        repo::audit::record(tx, entry, now).await?;
        Ok(person)
    })
    .await
}
