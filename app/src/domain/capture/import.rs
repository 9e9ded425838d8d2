//! A metric or decision import for one pilot: what kind of file it is, and what it would do (or
//! did), counted, with its bad lines.

use serde::{Deserialize, Serialize};

use crate::domain::roster::LineError;

/// The two files HR imports into a pilot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// `email,date,measure,value,qualifier`.
    Entries,
    /// `team,process_type,raised_at,decided_at,documented`.
    Decisions,
}

impl ImportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Entries => "entries",
            Self::Decisions => "decisions",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Entries, Self::Decisions]
            .into_iter()
            .find(|kind| kind.as_str() == value)
    }

    /// What one stored line is, for summaries.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Entries => "values",
            Self::Decisions => "decisions",
        }
    }
}

/// What an import would do, or did. Nothing is written when `bad_lines` > 0.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportPreview {
    /// Lines that add a value (or decision) not stored before.
    pub new: i64,
    /// Lines that replace a different stored value (or decision time, documented flag).
    pub changed: i64,
    /// Lines already stored exactly so: importing them again changes nothing.
    pub unchanged: i64,
    /// Good lines of people in none of the pilot's teams: not stored.
    pub outside_teams: i64,
    /// Good lines of people in the pilot's teams who have not consented or have withdrawn: not
    /// stored.
    pub without_consent: i64,
    pub bad_lines: i64,
    /// The first bad lines (all of them up to the shown limit), in file order.
    pub errors: Vec<LineError>,
}

impl ImportPreview {
    /// Lines that would be written.
    pub fn to_store(&self) -> i64 {
        self.new + self.changed
    }

    /// One line for people and logs.
    pub fn summary(&self, kind: ImportKind) -> String {
        let mut summary = format!(
            "{} new, {} changed, {} unchanged {}",
            self.new,
            self.changed,
            self.unchanged,
            kind.noun()
        );
        match kind {
            ImportKind::Entries => summary.push_str(&format!(
                "; not stored: {} outside the pilot's teams, {} without consent",
                self.outside_teams, self.without_consent
            )),
            ImportKind::Decisions if self.outside_teams > 0 => summary.push_str(&format!(
                "; not stored: {} of teams outside the pilot",
                self.outside_teams
            )),
            ImportKind::Decisions => {}
        }
        if self.bad_lines > 0 {
            summary.push_str(&format!("; {} bad lines", self.bad_lines));
        }
        summary
    }

    /// The same preview with its list of bad lines cut to the first `shown`.
    pub fn cut(mut self, shown: usize) -> Self {
        self.errors.truncate(shown);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in [ImportKind::Entries, ImportKind::Decisions] {
            assert_eq!(ImportKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(ImportKind::parse("people"), None);
    }

    #[test]
    fn the_summary_counts_what_is_not_stored_for_entries_only() {
        let preview = ImportPreview {
            new: 3,
            changed: 1,
            unchanged: 2,
            outside_teams: 4,
            without_consent: 5,
            ..Default::default()
        };
        assert_eq!(preview.to_store(), 4);
        let entries = preview.summary(ImportKind::Entries);
        assert!(
            entries.contains("4 outside the pilot's teams, 5 without consent"),
            "{entries}"
        );
        assert!(!preview.summary(ImportKind::Decisions).contains("consent"));
    }
}
