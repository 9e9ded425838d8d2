//! The outbox: admins read it, and the account use cases queue password links into it.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use crate::{
    domain::{
        access::Action,
        audit::AuditAction,
        clamp_page,
        mail::{
            link_secrets, password_link_message, AskedBy, PAGE_SIZE, SECRET_NO_LONGER_VALID,
            SECRET_SENT_BY_MAIL,
        },
    },
    error::AppError,
    server::repo::{
        self,
        audit::{Actor, Entry},
    },
    wire::mail::MailPage,
};

/// A page of the outbox, newest first. `delivers` says whether this instance mails them. Links
/// show their secret only while an admin must pass them on by hand (the instance does not
/// mail) and they still work; every view is in the audit log, since the outbox holds links.
pub async fn page(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    page: u64,
    delivers: bool,
    now: DateTime<Utc>,
) -> Result<MailPage, AppError> {
    super::authorize(&actor, Action::ReadMail)?;
    let page = clamp_page(page);
    let (mut mails, total) = repo::mail::page(db, page, PAGE_SIZE).await?;
    for mail in &mut mails {
        let secrets: Vec<String> = link_secrets(&mail.body)
            .into_iter()
            .map(str::to_string)
            .collect();
        for secret in secrets {
            let marker = if delivers {
                SECRET_SENT_BY_MAIL
            } else if repo::links::find_usable(db, &secret, now).await?.is_none() {
                SECRET_NO_LONGER_VALID
            } else {
                continue;
            };
            mail.body = mail.body.replace(&secret, marker);
        }
    }
    let entry = Entry::new(actor, AuditAction::OutboxViewed, "outgoing_mail")
        .detail(format!("page {}", page + 1));
    repo::audit::record(db, entry, now).await?;
    Ok(MailPage {
        mails,
        total,
        page,
        delivers,
    })
}

/// A password link on its way into the outbox, queued in the caller's transaction.
pub(super) struct PasswordLink<'a> {
    pub token: &'a str,
    pub first_password: bool,
    /// Where the link leads after the password is set.
    pub next: Option<&'a str>,
    pub asked_by: AskedBy<'a>,
}

impl PasswordLink<'_> {
    pub async fn queue(
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
        repo::mail::queue(db, recipient, &subject, &body, now).await?;
        Ok(())
    }
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

#[cfg(test)]
mod tests {
    use super::query_value;

    #[test]
    fn a_next_path_keeps_its_slashes_and_escapes_the_rest() {
        assert_eq!(query_value("/join/team-link"), "/join/team-link");
        assert_eq!(query_value("/a b?c=d&e"), "/a%20b%3Fc%3Dd%26e");
    }
}
