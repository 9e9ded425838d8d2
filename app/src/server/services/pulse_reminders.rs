//! Pulse reminders by mail, at opening and three days before closing, to the consenting members
//! who have not answered. Every app instance runs this each minute; a pulse's reminder is
//! claimed in the database first, so it goes out once however many instances run.

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use crate::{
    domain::capture::pulse::{reminder_due, reminder_message},
    error::AppError,
    server::{mail::MailSettings, repo, tx},
};

/// Queues the reminders due now; returns how many mails were queued. Days are UTC days: a
/// reminder a few hours early or late for someone far from UTC is harmless.
pub async fn send_due_pulse_reminders(
    db: &DatabaseConnection,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let today = now.date_naive();
    let url = format!("{}/pulse", mail.public_url.trim_end_matches('/'));
    let mut queued = 0;
    for pulse in repo::pulses::running_around(db, today).await? {
        let closed = pulse.closed_at.is_some();
        let Some(reminder) = reminder_due(
            pulse.opens_on,
            pulse.closes_on,
            closed,
            pulse.last_reminder_on,
            today,
        ) else {
            continue;
        };
        let due_from = reminder.due_from(pulse.opens_on, pulse.closes_on);
        let pilot = repo::pilots::get(db, pulse.pilot_id).await?;
        queued += tx::write(db, async |tx| {
            if !repo::pulses::claim_reminder(tx, pulse.id, due_from, today).await? {
                return Ok(0);
            }
            let recipients = repo::pulses::not_answered(tx, &pulse).await?;
            for recipient in &recipients {
                let (subject, body) = reminder_message(
                    &recipient.name,
                    &pilot.protocol.name,
                    pulse.closes_on,
                    &url,
                    reminder,
                );
                repo::mail::queue(tx, &recipient.email, &subject, &body, now).await?;
            }
            Ok(recipients.len())
        })
        .await?;
    }
    Ok(queued)
}
