//! The daily check-in reminder: each person's setting, the one-click unsubscribe link, and the
//! periodic task that queues today's reminders (claimed in the database, so two instances never
//! send the same one).

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use super::authorize;
use crate::{
    domain::{
        access::Action,
        capture::{
            calendar::{local_now, WorkingDays},
            reminder::{self, DEFAULT_TIME},
        },
    },
    error::AppError,
    server::{
        auth::caller::Caller,
        mail::MailSettings,
        repo::{self, audit::Actor},
        secrets::{hash_secret, new_secret},
        tx,
    },
    wire::checkin::ReminderSettings,
};

/// A person's setting: off at 16:30 until they change it.
pub(super) async fn settings_of(
    db: &impl ConnectionTrait,
    person_id: i64,
) -> Result<ReminderSettings, AppError> {
    Ok(match repo::checkin_reminders::find(db, person_id).await? {
        Some(row) => ReminderSettings {
            enabled: row.enabled,
            local_time: row.local_time,
        },
        None => ReminderSettings {
            enabled: false,
            local_time: DEFAULT_TIME.into(),
        },
    })
}

pub async fn settings(
    db: &impl ConnectionTrait,
    caller: &Caller,
) -> Result<ReminderSettings, AppError> {
    authorize(&Actor::Caller(caller), Action::UseOwnAccount)?;
    settings_of(db, caller.person_id).await
}

/// Turns the caller's reminder on or off and sets its local time (`HH:MM`).
pub async fn save(
    db: &DatabaseConnection,
    caller: &Caller,
    settings: &ReminderSettings,
    now: DateTime<Utc>,
) -> Result<ReminderSettings, AppError> {
    authorize(&Actor::Caller(caller), Action::WriteOwnEntries)?;
    let local_time = reminder::parse_time(&settings.local_time)?;
    tx::write(db, async |tx| {
        repo::checkin_reminders::save(tx, caller.person_id, settings.enabled, &local_time, now)
            .await
    })
    .await?;
    Ok(ReminderSettings {
        enabled: settings.enabled,
        local_time,
    })
}

/// Turns off the reminder whose latest mail carried `token`. Anyone holding the link may: it
/// only ever turns a reminder off. Each reminder carries a new link, so 404 for older ones.
pub async fn unsubscribe(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let found = tx::write(db, async |tx| {
        repo::checkin_reminders::unsubscribe(tx, &hash_secret(token.trim()), now).await
    })
    .await?;
    if found {
        Ok(())
    } else {
        Err(AppError::NotFound(
            "this link is out of date; use the one in your latest reminder, or turn reminders off on the check-in page".into(),
        ))
    }
}

/// Queues today's reminder for everyone due one (see [`reminder::is_due`]) who has an active
/// consent in a pilot collecting check-ins; returns how many were queued. Each is claimed by a
/// conditional update in the transaction that queues its mail, so a second instance running
/// at the same minute finds nothing left to claim.
pub async fn send_due_checkin_reminders(
    db: &DatabaseConnection,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let mut due = Vec::new();
    for candidate in repo::checkin_reminders::candidates(db).await? {
        let clock = local_now(&candidate.time_zone, now);
        let working = WorkingDays::parse(&candidate.working_days);
        if reminder::is_due(
            clock,
            &candidate.local_time,
            working,
            candidate.last_sent_on,
            false,
        ) {
            due.push((candidate, clock.date()));
        }
    }
    if due.is_empty() {
        return Ok(0);
    }
    let ids: Vec<i64> = due
        .iter()
        .map(|(candidate, _)| candidate.person_id)
        .collect();
    let first = due
        .iter()
        .map(|(_, today)| *today)
        .min()
        .unwrap_or_default();
    let last = due
        .iter()
        .map(|(_, today)| *today)
        .max()
        .unwrap_or_default();
    let checked_in: HashSet<(i64, chrono::NaiveDate)> =
        repo::checkins::checkin_days(db, &ids, first, last)
            .await?
            .into_iter()
            .collect();
    let base = mail.public_url.trim_end_matches('/');
    let mut queued = 0;
    for (candidate, today) in due {
        if checked_in.contains(&(candidate.person_id, today)) {
            continue;
        }
        let token = new_secret()?;
        let sent = tx::write(db, async |tx| {
            if !repo::checkin_reminders::claim(tx, candidate.person_id, today, &hash_secret(&token))
                .await?
            {
                return Ok(false);
            }
            let (subject, body) = reminder::message(
                &candidate.name,
                &format!("{base}/checkin"),
                &format!("{base}/checkin/unsubscribe?token={token}"),
            );
            repo::mail::queue(tx, &candidate.email, &subject, &body, now).await?;
            Ok(true)
        })
        .await?;
        queued += usize::from(sent);
    }
    Ok(queued)
}
