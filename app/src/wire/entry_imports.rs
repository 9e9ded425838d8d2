//! Metric and decision imports on the wire: a background import as its page and the API poll it.

use serde::{Deserialize, Serialize};

pub use crate::domain::{
    capture::import::{ImportKind, ImportPreview},
    jobs::JobState,
    roster::{ImportStage, LineError},
};

/// At most this many bad lines are kept in a finished job's preview (`bad_lines` counts all).
pub const SHOWN: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EntryImportJob {
    pub id: i64,
    pub pilot_id: i64,
    pub kind: ImportKind,
    /// A preview only: nothing is written.
    pub dry_run: bool,
    pub state: JobState,
    pub stage: ImportStage,
    pub done: i64,
    pub total: i64,
    /// Lines in the file, the header included.
    pub lines: i64,
    /// Once finished: what the file would do (dry run) or did; with bad lines nothing was
    /// written.
    pub preview: Option<ImportPreview>,
    pub summary: Option<String>,
    /// Why the job stopped without an outcome (the database, a restart): nothing was written.
    pub failure: Option<String>,
}

impl EntryImportJob {
    /// Whether the job wrote what it previewed.
    pub fn applied(&self) -> bool {
        !self.dry_run
            && self.state == JobState::Finished
            && self
                .preview
                .as_ref()
                .is_some_and(|preview| preview.bad_lines == 0)
    }
}

impl EntryImportJob {
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
                format!("Reading line {} of {}…", self.done, self.lines)
            }
            (JobState::Running, ImportStage::Checking) => {
                format!("Comparing {} lines with what is stored…", self.total)
            }
            (JobState::Running, ImportStage::Writing) => format!(
                "Writing {}: {} of {}…",
                self.kind.noun(),
                self.done,
                self.total
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(state: JobState, stage: ImportStage, bad_lines: i64) -> EntryImportJob {
        EntryImportJob {
            id: 1,
            pilot_id: 2,
            kind: ImportKind::Entries,
            dry_run: false,
            state,
            stage,
            done: 5_000,
            total: 20_000,
            lines: 20_001,
            preview: (state == JobState::Finished).then(|| ImportPreview {
                bad_lines,
                ..Default::default()
            }),
            summary: None,
            failure: None,
        }
    }

    #[test]
    fn a_job_applied_only_when_it_finished_writing_without_bad_lines() {
        assert!(job(JobState::Finished, ImportStage::Finished, 0).applied());
        assert!(!job(JobState::Finished, ImportStage::Finished, 2).applied());
        assert!(!job(JobState::Running, ImportStage::Writing, 0).applied());
    }

    #[test]
    fn progress_names_the_stage_and_counts() {
        let writing = job(JobState::Running, ImportStage::Writing, 0);
        assert_eq!(writing.progress_text(), "Writing values: 5000 of 20000…");
        assert_eq!(writing.percent(), Some(25));
    }
}
