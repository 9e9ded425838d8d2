//! Phase 3 of the method: champion candidates (consented, explained, scored), champion coverage
//! of pilot teams, and manager training. Pure rules; the server reads and writes the rows.

pub mod coverage;
pub mod nomination;
pub mod score;
#[cfg(feature = "ssr")]
pub mod signals;
pub mod training;
pub mod training_csv;

pub use coverage::{Coverage, TeamCoverage, TrainingCoverage};

use serde::{Deserialize, Serialize};

/// HR's decision on a candidate, or the champion's own step-down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChampionStatus {
    Confirmed,
    Dismissed,
    SteppedDown,
}

impl ChampionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::Dismissed => "dismissed",
            Self::SteppedDown => "stepped_down",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Confirmed, Self::Dismissed, Self::SteppedDown]
            .into_iter()
            .find(|status| status.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Confirmed => "Confirmed champion",
            Self::Dismissed => "Dismissed",
            Self::SteppedDown => "Stepped down",
        }
    }
}

/// What HR can decide about a candidate (stepping down is the champion's own act).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CandidateDecision {
    Confirm,
    Dismiss,
}

impl CandidateDecision {
    pub fn status(self) -> ChampionStatus {
        match self {
            Self::Confirm => ChampionStatus::Confirmed,
            Self::Dismiss => ChampionStatus::Dismissed,
        }
    }
}

/// Who appears on HR's candidate list: people who opted in, and people a colleague nominated
/// unless they turned the option off themselves (turning it off takes them off at once).
/// `opted_in` is None when the person never chose.
pub fn is_candidate(opted_in: Option<bool>, nominations: i64) -> bool {
    match opted_in {
        Some(true) => true,
        Some(false) => false,
        None => nominations > 0,
    }
}

/// HR's optional note on a decision: at most this many characters.
pub const MAX_NOTE_CHARS: usize = 500;

/// An optional note, trimmed; empty means none.
pub fn parse_note(raw: Option<&str>) -> Result<Option<String>, super::ParseError> {
    let note = raw.map(str::trim).filter(|note| !note.is_empty());
    match note {
        Some(note) if note.chars().count() > MAX_NOTE_CHARS => Err(super::ParseError::new(
            "note",
            format!("at most {MAX_NOTE_CHARS} characters"),
        )),
        note => Ok(note.map(str::to_string)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turning_the_option_off_removes_a_person_even_when_nominated() {
        assert!(is_candidate(Some(true), 0));
        assert!(is_candidate(None, 1));
        assert!(!is_candidate(None, 0));
        assert!(!is_candidate(Some(false), 3));
    }

    #[test]
    fn statuses_round_trip_and_notes_are_trimmed_and_bounded() {
        for status in [
            ChampionStatus::Confirmed,
            ChampionStatus::Dismissed,
            ChampionStatus::SteppedDown,
        ] {
            assert_eq!(ChampionStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(parse_note(Some("  ")), Ok(None));
        assert_eq!(parse_note(Some(" ok ")), Ok(Some("ok".into())));
        assert!(parse_note(Some(&"x".repeat(MAX_NOTE_CHARS + 1))).is_err());
    }
}
