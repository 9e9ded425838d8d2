//! The roster: the file an HRIS exports (`parse`), and what importing it would change in the
//! organisation (`diff`). Pure: the services load the organisation and write the changes.

pub mod diff;
pub mod parse;

pub use parse::parse;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{
    account::{DisplayName, Email, Role},
    org::{TimeZoneName, WorkingPattern},
};

/// The columns of the roster, in the order exports write them.
pub const COLUMNS: [&str; 8] = [
    "email",
    "name",
    "team",
    "department",
    "manager_email",
    "role",
    "timezone",
    "working_pattern",
];

/// One valid line of the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRow {
    pub line: u64,
    pub email: Email,
    pub name: DisplayName,
    pub team: String,
    pub department: String,
    pub manager_email: Option<Email>,
    pub role: Role,
    pub time_zone: TimeZoneName,
    pub working_pattern: WorkingPattern,
}

/// A problem on one line (line 1 is the header).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LineError {
    pub line: u64,
    pub message: String,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "line {}: {}", self.line, self.message)
    }
}

/// Something on a good line that the import reads differently from how the file writes it (a
/// person listed as their own manager is imported without one): shown in the preview, never
/// blocking.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LineNote {
    pub line: u64,
    pub message: String,
}

impl std::fmt::Display for LineNote {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "line {}: {}", self.line, self.message)
    }
}

/// One person the import would add or change.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RosterChange {
    pub line: u64,
    pub email: String,
    pub name: String,
    /// What changes, e.g. `team: Platform → Data`; empty for a new person.
    pub changes: Vec<String>,
}

/// What an import would do (or did): shown before anything is written.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RosterPreview {
    pub new_people: Vec<RosterChange>,
    pub changed_people: Vec<RosterChange>,
    pub unchanged: i64,
    pub new_teams: Vec<String>,
    pub new_departments: Vec<String>,
    pub errors: Vec<LineError>,
    /// Good lines the import reads differently from the file, e.g. a person listed as their own
    /// manager, imported without one.
    #[serde(default)]
    pub notes: Vec<LineNote>,
    /// Active people the file does not list (line 0), by email.
    #[serde(default)]
    pub missing: Vec<RosterChange>,
    /// Whether the import deactivates [`Self::missing`] (otherwise they are left as they are).
    #[serde(default)]
    pub deactivate_missing: bool,
}

/// What an import does beyond the file's own lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RosterOptions {
    /// Deactivate active people the file does not list: they leave their teams, their sessions
    /// end, and nothing about them is deleted.
    pub deactivate_missing: bool,
}

impl RosterPreview {
    pub fn changes_anything(&self) -> bool {
        !(self.new_people.is_empty()
            && self.changed_people.is_empty()
            && self.new_teams.is_empty()
            && self.new_departments.is_empty()
            && self.deactivated().is_empty())
    }

    /// The people this import deactivates.
    pub fn deactivated(&self) -> &[RosterChange] {
        if self.deactivate_missing {
            &self.missing
        } else {
            &[]
        }
    }

    /// One line for people and logs: "3 new, 1 changed, 40 unchanged, 2 new teams".
    pub fn summary(&self) -> String {
        let mut summary = format!(
            "{} new, {} changed, {} unchanged, {} new teams, {} new departments",
            self.new_people.len(),
            self.changed_people.len(),
            self.unchanged,
            self.new_teams.len(),
            self.new_departments.len()
        );
        if self.deactivate_missing {
            summary.push_str(&format!(", {} deactivated", self.missing.len()));
        }
        summary
    }
}

/// The valid lines and the problems of a file: it may be imported only without problems.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedRoster {
    pub rows: Vec<RosterRow>,
    pub errors: Vec<LineError>,
    pub notes: Vec<LineNote>,
    /// The first bad line of each email that could be read on one, so that the people
    /// reporting to someone whose own line is bad are told that, not "manager not found".
    pub bad_line_of_email: HashMap<String, u64>,
}

impl RosterPreview {
    /// The same preview with every list cut to its first `shown` rows.
    pub fn cut(mut self, shown: usize) -> Self {
        self.new_people.truncate(shown);
        self.changed_people.truncate(shown);
        self.errors.truncate(shown);
        self.notes.truncate(shown);
        self.missing.truncate(shown);
        self
    }
}

/// The steps of a roster import, in order.
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

/// A roster import's step and how far into it it is.
pub type ImportProgress = super::jobs::Progress<ImportStage>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_round_trip_through_their_names() {
        for stage in [
            ImportStage::Reading,
            ImportStage::Checking,
            ImportStage::Writing,
            ImportStage::Finished,
        ] {
            assert_eq!(ImportStage::parse(stage.as_str()), Some(stage));
        }
        assert_eq!(ImportStage::parse("sleeping"), None);
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
        .cut(200);
        assert_eq!(preview.new_people.len(), 200);
        assert_eq!(preview.new_people[0].line, 2);
        assert_eq!(preview.errors.len(), 3);
    }
}
