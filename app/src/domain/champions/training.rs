//! Manager training: the method's three required modules, HR's own, and a manager's status per
//! module (not started, in progress, completed on a date).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::ParseError;

/// The method's modules (DESIGN.md, phase 3): always in the catalogue, always required.
pub const BUILT_IN_MODULES: [(&str, &str); 3] = [
    ("context_rich_writing", "Context-rich written communication"),
    (
        "outcome_based_management",
        "Outcome-based performance management",
    ),
    (
        "psychological_safety",
        "Psychological safety in distributed teams",
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TrainingStatus {
    NotStarted,
    InProgress,
    Completed,
}

impl TrainingStatus {
    pub const ALL: [TrainingStatus; 3] = [Self::NotStarted, Self::InProgress, Self::Completed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotStarted => "not_started",
            Self::InProgress => "in_progress",
            Self::Completed => "completed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim().to_lowercase().replace([' ', '-'], "_");
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::NotStarted => "Not started",
            Self::InProgress => "In progress",
            Self::Completed => "Completed",
        }
    }
}

/// A status as it is stored: completed always with its date, the others never with one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModuleProgress {
    pub status: TrainingStatus,
    pub completed_on: Option<NaiveDate>,
}

impl ModuleProgress {
    /// Parses a status and a date (`YYYY-MM-DD`, empty for none). A completion needs a date,
    /// not after `today`; the other statuses take none.
    pub fn parse(status: &str, completed_on: &str, today: NaiveDate) -> Result<Self, ParseError> {
        let status = TrainingStatus::parse(status).ok_or_else(|| {
            ParseError::new(
                "status",
                format!(
                    "'{}' is not a status (not_started, in_progress or completed)",
                    status.trim()
                ),
            )
        })?;
        let date = completed_on.trim();
        match (status, date.is_empty()) {
            (TrainingStatus::Completed, true) => Err(ParseError::new(
                "completed_on",
                "a completed module needs the date it was completed",
            )),
            (TrainingStatus::Completed, false) => {
                let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| {
                    ParseError::new("completed_on", format!("'{date}' is not a YYYY-MM-DD date"))
                })?;
                if day > today {
                    return Err(ParseError::new(
                        "completed_on",
                        format!("{day} is in the future"),
                    ));
                }
                Ok(Self {
                    status,
                    completed_on: Some(day),
                })
            }
            (_, false) => Err(ParseError::new(
                "completed_on",
                "only a completed module has a completion date",
            )),
            (_, true) => Ok(Self {
                status,
                completed_on: None,
            }),
        }
    }
}

/// A module key HR chooses: lower-case letters, digits and `_`, 2 to 40 characters.
pub fn parse_module_key(raw: &str) -> Result<String, ParseError> {
    let key = raw.trim().to_lowercase();
    let fits = (2..=40).contains(&key.len())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !fits {
        return Err(ParseError::new(
            "key",
            "2 to 40 lower-case letters, digits or _ (e.g. async_onboarding)",
        ));
    }
    if BUILT_IN_MODULES
        .iter()
        .any(|(built_in, _)| *built_in == key)
    {
        return Err(ParseError::new("key", "that module is built in"));
    }
    Ok(key)
}

/// A module title: 1 to 120 characters.
pub fn parse_module_title(raw: &str) -> Result<String, ParseError> {
    let title = raw.trim();
    if title.is_empty() || title.chars().count() > 120 {
        return Err(ParseError::new("title", "1 to 120 characters"));
    }
    Ok(title.to_string())
}

/// Required modules not in `completed`, in the order given.
pub fn missing<'a>(required: &'a [String], completed: &BTreeSet<String>) -> Vec<&'a str> {
    required
        .iter()
        .filter(|module| !completed.contains(module.as_str()))
        .map(String::as_str)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).expect("date")
    }

    #[test]
    fn a_completion_needs_a_past_date_and_other_statuses_none() {
        let done = ModuleProgress::parse("completed", "2026-11-01", today()).expect("done");
        assert_eq!(done.completed_on, NaiveDate::from_ymd_opt(2026, 11, 1));
        assert_eq!(
            ModuleProgress::parse("Completed", "", today())
                .expect_err("no date")
                .field,
            "completed_on"
        );
        assert!(ModuleProgress::parse("completed", "2026-12-01", today()).is_err());
        assert!(ModuleProgress::parse("in progress", "2026-11-01", today()).is_err());
        assert_eq!(
            ModuleProgress::parse("in progress", "", today())
                .expect("ok")
                .status,
            TrainingStatus::InProgress
        );
        assert_eq!(
            ModuleProgress::parse("done", "", today())
                .expect_err("status")
                .field,
            "status"
        );
    }

    #[test]
    fn module_keys_are_plain_and_never_a_built_in() {
        assert_eq!(
            parse_module_key(" Async_Onboarding ").expect("key"),
            "async_onboarding"
        );
        assert!(parse_module_key("a").is_err());
        assert!(parse_module_key("has space").is_err());
        assert!(parse_module_key("psychological_safety").is_err());
        assert!(parse_module_title("").is_err());
    }

    #[test]
    fn missing_lists_the_required_modules_not_completed() {
        let required = vec!["a".to_string(), "b".to_string()];
        let completed = BTreeSet::from(["b".to_string()]);
        assert_eq!(missing(&required, &completed), ["a"]);
    }
}
