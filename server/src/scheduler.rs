//! Periodic work that every app instance runs once a minute: reminders and the like. Each task
//! claims what it does in the database (a conditional update), so two instances never do the
//! same thing twice and no instance keeps state another would need.

use std::time::Duration;

use app::server::{mail::MailSettings, services};
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use tokio::{task::JoinHandle, time::MissedTickBehavior};

const EVERY: Duration = Duration::from_secs(60);

pub fn spawn(db: DatabaseConnection, mail: MailSettings) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(EVERY);
        ticker.set_missed_tick_behavior(MissedTickBehavior::Skip);
        loop {
            ticker.tick().await;
            run_due(&db, &mail, Utc::now()).await;
        }
    })
}

/// One round of every periodic task. A failing task is logged and tried again next round; it
/// never stops the others.
pub async fn run_due(db: &DatabaseConnection, mail: &MailSettings, now: DateTime<Utc>) {
    // One line per task, each `report("name", task(db, mail, now).await)`.
    report(
        "checkin_reminders",
        services::checkin_reminders::send_due_checkin_reminders(db, mail, now).await,
    );
    report(
        "pulse_reminders",
        services::pulse_reminders::send_due_pulse_reminders(db, mail, now).await,
    );
    report("retention", services::retention::apply_due(db, now).await);
}

/// Logs what a task did, or why it failed.
fn report<E: std::fmt::Display>(task: &str, outcome: Result<usize, E>) {
    match outcome {
        Ok(0) => {}
        Ok(done) => tracing::info!(task, done, "periodic task"),
        Err(error) => {
            tracing::warn!(task, %error, "periodic task failed; trying again next minute")
        }
    }
}
