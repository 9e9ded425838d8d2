//! Background jobs, the pure part: a job's state, its progress through stages, when its row is
//! due a write, and when a running job is taken for stopped.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A running job's row is touched at least this often, however long a step takes…
pub const HEARTBEAT: Duration = Duration::from_secs(30);

/// …so a running job whose row has not moved for this long was stopped with its server.
pub const STALE_AFTER_MINUTES: i64 = 10;

/// Whether the job still runs; a finished job's outcome says how it went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Running,
    Finished,
    /// Stopped by something other than its input (the database, a restart): nothing was written.
    Failed,
}

impl JobState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Finished => "finished",
            Self::Failed => "failed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Running, Self::Finished, Self::Failed]
            .into_iter()
            .find(|state| state.as_str() == value)
    }
}

/// A step of a job (each kind of job names its own stages) and how far into it the job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress<Stage> {
    pub stage: Stage,
    pub done: i64,
    pub total: i64,
}

/// The share done, 0–100, while running and when the stage has a meaningful count.
pub fn percent(state: JobState, done: i64, total: i64) -> Option<i64> {
    (state == JobState::Running && total > 0).then(|| (done.clamp(0, total) * 100) / total)
}

/// Rows of running jobs last touched before this are stale.
pub fn stale_before(now: DateTime<Utc>) -> DateTime<Utc> {
    now - chrono::Duration::minutes(STALE_AFTER_MINUTES)
}

/// A job the row says is running, but whose row has not moved for [`STALE_AFTER_MINUTES`]: its
/// server went away (and any transaction with it).
pub fn is_stale(state: JobState, updated_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    state == JobState::Running && updated_at < stale_before(now)
}

/// Whether the progress writer should write now: the progress moved since the last write, or
/// the heartbeat is due even though nothing moved.
pub fn write_due<Stage: PartialEq>(
    latest: &Option<Progress<Stage>>,
    written: &Option<Progress<Stage>>,
    since_last_write: Duration,
) -> bool {
    latest != written || since_last_write >= HEARTBEAT
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minutes: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).expect("time")
            + chrono::Duration::minutes(minutes)
    }

    #[test]
    fn states_round_trip_through_their_names() {
        for state in [JobState::Running, JobState::Finished, JobState::Failed] {
            assert_eq!(JobState::parse(state.as_str()), Some(state));
        }
        assert_eq!(JobState::parse("done"), None);
    }

    #[test]
    fn a_running_job_is_stale_only_after_ten_quiet_minutes() {
        assert!(!is_stale(JobState::Running, at(0), at(10)));
        assert!(is_stale(JobState::Running, at(0), at(11)));
        assert!(
            !is_stale(JobState::Finished, at(0), at(60)),
            "a finished job is never stale"
        );
    }

    #[test]
    fn percent_counts_only_while_running_with_a_total() {
        assert_eq!(percent(JobState::Running, 12_500, 50_000), Some(25));
        assert_eq!(percent(JobState::Running, 0, 0), None);
        assert_eq!(percent(JobState::Running, 70, 50), Some(100), "clamped");
        assert_eq!(percent(JobState::Finished, 50, 50), None);
    }

    #[test]
    fn progress_is_written_when_it_moves_or_the_heartbeat_is_due() {
        let step = |done| {
            Some(Progress {
                stage: 1,
                done,
                total: 10,
            })
        };
        let quiet = Duration::from_secs(1);
        assert!(write_due(&step(2), &step(1), quiet));
        assert!(!write_due(&step(1), &step(1), quiet));
        assert!(write_due(&step(1), &step(1), HEARTBEAT));
        assert!(write_due(&None::<Progress<u8>>, &None, HEARTBEAT));
    }
}
