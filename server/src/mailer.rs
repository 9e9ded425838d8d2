//! Delivers the outbox over SMTP. Every instance with a mail server runs one; a message is
//! claimed by one instance before it is sent, so two instances never send it twice.

use std::time::Duration;

use anyhow::Context;
use app::server::repo::mail::{self, ClaimedMail};
use chrono::Utc;
use lettre::{
    message::{header::ContentType, Mailbox},
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use sea_orm::DatabaseConnection;

/// How often an instance looks for waiting mail.
const POLL_EVERY: Duration = Duration::from_secs(5);

/// Messages claimed per round.
const BATCH: u64 = 20;

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// `smtp_url` as lettre reads it: `smtps://user:pass@host` (TLS), `smtp://…?tls=required`
    /// (STARTTLS), or `smtp://host:port` (plain, for a relay on the same machine).
    pub fn new(smtp_url: &str, from: &str) -> anyhow::Result<Self> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .context("reading the SMTP URL (smtps://user:pass@host or smtp://host:port)")?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        let from = from
            .parse()
            .with_context(|| format!("'{from}' is not a mail address for the From line"))?;
        Ok(Self { transport, from })
    }

    /// One round: claims waiting messages one at a time, each just before sending it (so a
    /// slow server never lets a claim run out mid-round); returns how many went out.
    pub async fn deliver_waiting(&self, db: &DatabaseConnection) -> anyhow::Result<usize> {
        let mut sent = 0;
        for _ in 0..BATCH {
            let Some(message) = mail::claim(db, 1, Utc::now())
                .await
                .context("claiming waiting mail")?
                .pop()
            else {
                break;
            };
            match self.send(&message).await {
                Ok(()) => {
                    mail::mark_sent(db, message.id, Utc::now()).await?;
                    sent += 1;
                }
                Err(error) => {
                    let error = format!("{error:#}");
                    tracing::warn!(mail = message.id, %error, "could not deliver a message");
                    mail::mark_failed(db, &message, &error, Utc::now()).await?;
                }
            }
        }
        Ok(sent)
    }

    async fn send(&self, message: &ClaimedMail) -> anyhow::Result<()> {
        let email = Message::builder()
            .from(self.from.clone())
            .to(message
                .recipient
                .parse()
                .context("the recipient's address")?)
            .subject(message.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(message.body.clone())
            .context("building the message")?;
        self.transport
            .send(email)
            .await
            .context("the mail server refused the message")?;
        Ok(())
    }

    /// Delivers in the background for as long as the server runs.
    pub fn spawn(self, db: DatabaseConnection) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                if let Err(error) = self.deliver_waiting(&db).await {
                    tracing::warn!(error = %format!("{error:#}"), "mail delivery round failed");
                }
                tokio::time::sleep(POLL_EVERY).await;
            }
        })
    }
}
