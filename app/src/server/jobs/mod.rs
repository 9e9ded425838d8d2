//! Background jobs whose progress lives in the database (row, heartbeat, progress, stale
//! detection), so that any instance can answer a poll. Roster imports use it; metric and
//! calendar imports will too: a kind of job says how its row is written ([`JobKind`]), the
//! runner does the rest. The pure rules (staleness, when to write) are in `domain::jobs`.

use std::{
    future::Future,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use crate::{
    domain::jobs::{write_due, Progress},
    error::AppError,
};

/// How often a running job's progress is written to its row (at most).
const PROGRESS_EVERY: Duration = Duration::from_millis(250);

/// Tries at recording a job's ending.
const FINISH_ATTEMPTS: u32 = 5;

/// A kind of background job: its stages and how its row records progress and the ending.
pub trait JobKind: Send + Sync + 'static {
    /// The job's steps, as its page names them.
    type Stage: Copy + PartialEq + Send + Sync + 'static;
    /// What its row keeps once the job is over, built once and written with retries.
    type Ending: Send + Sync + 'static;

    /// Touches the row (a heartbeat), with the newest progress when there is one.
    fn save_progress(
        db: &DatabaseConnection,
        id: i64,
        progress: Option<Progress<Self::Stage>>,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), AppError>> + Send;

    fn save_ending(
        db: &DatabaseConnection,
        id: i64,
        ending: &Self::Ending,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), AppError>> + Send;
}

/// Hands a running job's progress to the runner. Reporting is cheap (it stores the value; the
/// runner writes it), so work may report as often as it likes.
#[derive(Clone)]
pub struct Reporter<Stage> {
    latest: Arc<Mutex<Option<Progress<Stage>>>>,
}

impl<Stage: Copy> Reporter<Stage> {
    pub fn report(&self, progress: Progress<Stage>) {
        if let Ok(mut latest) = self.latest.lock() {
            *latest = Some(progress);
        }
    }

    fn latest(&self) -> Option<Progress<Stage>> {
        self.latest.lock().ok().and_then(|latest| *latest)
    }
}

/// Runs `work` in the background for the job whose row `id` was just recorded: its progress is
/// written as it moves (and every heartbeat), then its ending, retried so that an import that
/// committed is never recorded as lost to a passing database hiccup.
pub fn spawn<K, W, Fut>(db: DatabaseConnection, id: i64, work: W)
where
    K: JobKind,
    W: FnOnce(Reporter<K::Stage>) -> Fut + Send + 'static,
    Fut: Future<Output = K::Ending> + Send + 'static,
{
    tokio::spawn(async move {
        let reporter = Reporter {
            latest: Arc::new(Mutex::new(None)),
        };
        let stopped = Arc::new(AtomicBool::new(false));
        let writer = tokio::spawn(write_progress::<K>(
            db.clone(),
            id,
            reporter.clone(),
            stopped.clone(),
        ));
        let ending = work(reporter).await;
        stopped.store(true, Ordering::Release);
        // The last progress write must not land after the ending.
        let _ = writer.await;
        for attempt in 1..=FINISH_ATTEMPTS {
            match K::save_ending(&db, id, &ending, Utc::now()).await {
                Ok(()) => break,
                Err(error) => {
                    tracing::error!(%error, job = id, attempt, "could not record the job's ending");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    });
}

/// Writes the newest progress every [`PROGRESS_EVERY`] until the job stops, and at least every
/// heartbeat even when nothing moved, so a long step is never taken for a stopped server. On
/// SQLite a write waits while the job's transaction holds the database, so progress there moves
/// by stages.
async fn write_progress<K: JobKind>(
    db: DatabaseConnection,
    id: i64,
    reporter: Reporter<K::Stage>,
    stopped: Arc<AtomicBool>,
) {
    let mut written = None;
    let mut last_write = tokio::time::Instant::now();
    while !stopped.load(Ordering::Acquire) {
        tokio::time::sleep(PROGRESS_EVERY).await;
        let latest = reporter.latest();
        if !write_due(&latest, &written, last_write.elapsed()) || stopped.load(Ordering::Acquire) {
            continue;
        }
        match K::save_progress(&db, id, latest, Utc::now()).await {
            Ok(()) => {
                written = latest;
                last_write = tokio::time::Instant::now();
            }
            Err(error) => tracing::debug!(%error, job = id, "progress not written"),
        }
    }
}
