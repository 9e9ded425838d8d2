//! A roster import (or dry run) running in the background: where it is, and what came of it.
//! The page polls it, so a file of tens of thousands of lines never waits on one request.

use serde::{Deserialize, Serialize};

use super::roster::RosterPreview;

/// The steps of an import, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportStage {
    /// Parsing the file; `done`/`total` count lines.
    Reading,
    /// Comparing with the organisation; `total` counts valid lines.
    Checking,
    /// Writing people; `done`/`total` count new and changed people.
    Writing,
    Finished,
}

impl ImportStage {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reading => "reading",
            Self::Checking => "checking",
            Self::Writing => "writing",
            Self::Finished => "finished",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Reading, Self::Checking, Self::Writing, Self::Finished]
            .into_iter()
            .find(|stage| stage.as_str() == value)
    }
}

/// A step and how far into it the import is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportProgress {
    pub stage: ImportStage,
    pub done: i64,
    pub total: i64,
}

/// Whether the job still runs; a finished job's preview says whether it was clean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Running,
    Finished,
    /// Stopped by something other than the file (the database, a restart): nothing was written.
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

/// At most this many people and bad lines are kept in a finished job's preview.
pub const SHOWN: usize = 200;

/// One import as its page and the API show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportJob {
    pub id: i64,
    /// A preview only: nothing is written.
    pub dry_run: bool,
    pub state: JobState,
    pub stage: ImportStage,
    pub done: i64,
    pub total: i64,
    /// Lines in the file, the header included.
    pub lines: i64,
    /// Once finished: what changed (or would), with every list cut to its first [`SHOWN`] rows.
    pub preview: Option<RosterPreview>,
    /// Once finished: the full counts, e.g. "3 new, 1 changed, …".
    pub summary: Option<String>,
    /// Once finished: how many lines are bad, new and changed people (the preview lists the
    /// first of each).
    pub bad_lines: i64,
    pub new_people: i64,
    pub changed_people: i64,
    /// Active people the file does not list.
    pub missing_people: i64,
    pub failure: Option<String>,
}

impl ImportJob {
    /// True when the file was clean and (unless a dry run) has been written.
    pub fn succeeded(&self) -> bool {
        self.state == JobState::Finished
            && self
                .preview
                .as_ref()
                .is_some_and(|preview| preview.errors.is_empty())
    }

    /// The share done, 0–100, when the stage has a meaningful count.
    pub fn percent(&self) -> Option<i64> {
        (self.state == JobState::Running && self.total > 0)
            .then(|| (self.done.clamp(0, self.total) * 100) / self.total)
    }

    /// One line for the progress bar.
    pub fn progress_text(&self) -> String {
        match (self.state, self.stage) {
            (JobState::Failed, _) => format!(
                "Stopped: {}",
                self.failure.as_deref().unwrap_or("unknown problem")
            ),
            (JobState::Finished, _) | (_, ImportStage::Finished) => "Finished".into(),
            (JobState::Running, ImportStage::Reading) => {
                format!("Reading {} lines…", self.lines)
            }
            (JobState::Running, ImportStage::Checking) => {
                format!("Checking {} people against the organisation…", self.total)
            }
            (JobState::Running, ImportStage::Writing) => {
                format!("Writing people: {} of {}…", self.done, self.total)
            }
        }
    }
}

impl RosterPreview {
    /// The same preview with every list cut to its first `shown` rows.
    pub fn cut(mut self, shown: usize) -> Self {
        self.new_people.truncate(shown);
        self.changed_people.truncate(shown);
        self.errors.truncate(shown);
        self.missing.truncate(shown);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::roster::{LineError, RosterChange};

    fn job(state: JobState, stage: ImportStage, done: i64, total: i64) -> ImportJob {
        ImportJob {
            id: 1,
            dry_run: false,
            state,
            stage,
            done,
            total,
            lines: 50_001,
            preview: None,
            summary: None,
            bad_lines: 0,
            new_people: 0,
            changed_people: 0,
            missing_people: 0,
            failure: None,
        }
    }

    #[test]
    fn stages_and_states_round_trip_through_their_names() {
        for stage in [
            ImportStage::Reading,
            ImportStage::Checking,
            ImportStage::Writing,
            ImportStage::Finished,
        ] {
            assert_eq!(ImportStage::parse(stage.as_str()), Some(stage));
        }
        for state in [JobState::Running, JobState::Finished, JobState::Failed] {
            assert_eq!(JobState::parse(state.as_str()), Some(state));
        }
        assert_eq!(ImportStage::parse("sleeping"), None);
    }

    #[test]
    fn progress_reads_as_a_share_and_a_sentence() {
        let writing = job(JobState::Running, ImportStage::Writing, 12_500, 50_000);
        assert_eq!(writing.percent(), Some(25));
        assert_eq!(writing.progress_text(), "Writing people: 12500 of 50000…");
        let reading = job(JobState::Running, ImportStage::Reading, 0, 0);
        assert_eq!(reading.percent(), None);
        assert_eq!(reading.progress_text(), "Reading 50001 lines…");
        let finished = job(JobState::Finished, ImportStage::Finished, 50_000, 50_000);
        assert_eq!(finished.percent(), None);
        let failed = ImportJob {
            failure: Some("the database is unreachable".into()),
            ..job(JobState::Failed, ImportStage::Writing, 10, 50_000)
        };
        assert_eq!(
            failed.progress_text(),
            "Stopped: the database is unreachable"
        );
        assert!(!failed.succeeded());
    }

    #[test]
    fn a_cut_preview_keeps_the_first_rows_of_each_list() {
        let change = |line| RosterChange {
            line,
            email: format!("p{line}@example.org"),
            name: "P".into(),
            changes: Vec::new(),
        };
        let preview = RosterPreview {
            new_people: (2..300).map(change).collect(),
            errors: (2..5)
                .map(|line| LineError {
                    line,
                    message: "bad".into(),
                })
                .collect(),
            ..Default::default()
        }
        .cut(SHOWN);
        assert_eq!(preview.new_people.len(), SHOWN);
        assert_eq!(preview.new_people[0].line, 2);
        assert_eq!(preview.errors.len(), 3);
        let done = ImportJob {
            preview: Some(preview),
            ..job(JobState::Finished, ImportStage::Finished, 1, 1)
        };
        assert!(!done.succeeded(), "bad lines mean nothing was imported");
    }
}
