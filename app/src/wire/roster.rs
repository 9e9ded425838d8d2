//! The roster on the wire: an import's preview (what changes, the bad lines) and a background
//! import as its page and the API poll it.

use serde::{Deserialize, Serialize};

pub use crate::domain::{
    jobs::JobState,
    roster::{ImportStage, LineError, LineNote, RosterChange, RosterPreview},
};

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
    /// Once finished: how many good lines carry a note (e.g. a person listed as their own
    /// manager, imported without one).
    #[serde(default)]
    pub noted_lines: i64,
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
        crate::domain::jobs::percent(self.state, self.done, self.total)
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

#[cfg(test)]
mod tests {
    use super::*;

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
            noted_lines: 0,
            new_people: 0,
            changed_people: 0,
            missing_people: 0,
            failure: None,
        }
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
    fn a_finished_job_with_bad_lines_did_not_succeed() {
        let preview = RosterPreview {
            errors: vec![LineError {
                line: 2,
                message: "bad".into(),
            }],
            ..Default::default()
        };
        let done = ImportJob {
            preview: Some(preview),
            ..job(JobState::Finished, ImportStage::Finished, 1, 1)
        };
        assert!(!done.succeeded(), "bad lines mean nothing was imported");
    }
}
