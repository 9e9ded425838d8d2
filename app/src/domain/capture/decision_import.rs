//! The decisions CSV of METHOD.md section 2 (`team,process_type,raised_at,decided_at,
//! documented`, and an optional `title`) for one pilot. Timestamps are ISO 8601: a bare date
//! means 12:00 UTC, a time without an offset means UTC, an empty `decided_at` an open decision.
//!
//! METHOD.md: the only bad decision line is one decided before it was raised (and, necessarily,
//! a value that cannot be read). Two decisions of one team and type raised at the same instant
//! are two decisions (a bare date makes that common). Lines of teams the organisation does not
//! have, or that are not in the pilot, are counted apart and not stored, like metric lines of
//! people outside the pilot's teams. Re-importing replaces, per pilot, team, process type and
//! raised-at instant, the decisions stored under that key with the file's, so importing the
//! same file twice changes nothing.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, SubsecRound, TimeZone, Utc};

use super::import_csv::{self, PROGRESS_EVERY};
use crate::domain::roster::LineError;

pub const COLUMNS: [&str; 6] = [
    "team",
    "process_type",
    "raised_at",
    "decided_at",
    "documented",
    "title",
];
const REQUIRED: [&str; 4] = ["team", "process_type", "raised_at", "documented"];

/// The title an imported decision gets when the file has none (titles are not in the method's
/// columns; the log still shows something).
pub const UNTITLED: &str = "Imported decision";

/// A team as the file names it: known in the organisation, and whether it is in the pilot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TeamStanding {
    pub team_id: i64,
    pub in_pilot: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct DecisionFileContext<'a> {
    /// Every team of the organisation by lower-case name.
    pub teams: &'a HashMap<String, TeamStanding>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedDecision {
    pub line: u64,
    pub team_id: i64,
    pub process_type: String,
    pub title: String,
    pub raised_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub documented: bool,
}

/// The key that identifies an imported decision within its pilot.
pub type DecisionKey = (i64, String, DateTime<Utc>);

impl ImportedDecision {
    pub fn key(&self) -> DecisionKey {
        (self.team_id, self.process_type.clone(), self.raised_at)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedDecisions {
    pub rows: Vec<ImportedDecision>,
    pub errors: Vec<LineError>,
    /// Good lines of teams unknown to the organisation or not in the pilot: not stored.
    pub outside_teams: i64,
}

/// Why a line is not imported.
enum Refusal {
    /// A bad line, with its reason.
    Bad(String),
    /// A team outside the pilot: counted apart.
    Outside,
}

impl From<String> for Refusal {
    fn from(reason: String) -> Self {
        Self::Bad(reason)
    }
}

pub fn parse(
    text: &str,
    context: DecisionFileContext<'_>,
    progress: &dyn Fn(u64),
) -> ParsedDecisions {
    let mut parsed = ParsedDecisions::default();
    let mut read = 0u64;
    let header = import_csv::read(text, &COLUMNS, &REQUIRED, |columns, line, record| {
        read += 1;
        if read.is_multiple_of(PROGRESS_EVERY) {
            progress(read);
        }
        let record = match record {
            Ok(record) => record,
            Err(message) => return parsed.errors.push(LineError { line, message }),
        };
        let cell = |column: &'static str| columns.cell(record, column).to_string();
        match check_line(line, &cell, context) {
            Err(Refusal::Bad(message)) => parsed.errors.push(LineError { line, message }),
            Err(Refusal::Outside) => parsed.outside_teams += 1,
            Ok(decision) => parsed.rows.push(decision),
        }
    });
    if let Err(problem) = header {
        parsed.errors.push(problem);
    }
    progress(read);
    parsed
}

fn check_line(
    line: u64,
    cell: &dyn Fn(&'static str) -> String,
    context: DecisionFileContext<'_>,
) -> Result<ImportedDecision, Refusal> {
    let team = cell("team");
    let standing = context.teams.get(&team.to_lowercase()).copied();
    // METHOD.md: decided before raised is the only bad line of a decision; a process type
    // neither built in nor defined by HR is kept as written (HR may define it later).
    let process_type = cell("process_type").to_lowercase();
    if process_type.is_empty() {
        return Err("the process_type is missing".to_string().into());
    }
    let raised_at = parse_instant(&cell("raised_at")).map_err(|why| format!("raised_at {why}"))?;
    let decided_at = match cell("decided_at").as_str() {
        "" => None,
        text => Some(parse_instant(text).map_err(|why| format!("decided_at {why}"))?),
    };
    let documented = parse_documented(&cell("documented"))?;
    if let Some(decided_at) = decided_at {
        if decided_at < raised_at {
            return Err(format!(
                "decided_at {} is before raised_at {}",
                decided_at.format("%Y-%m-%d %H:%M UTC"),
                raised_at.format("%Y-%m-%d %H:%M UTC")
            )
            .into());
        }
    }
    // Only a readable line of a team in the pilot is stored; any other is counted apart.
    let Some(standing) = standing.filter(|standing| standing.in_pilot) else {
        return Err(Refusal::Outside);
    };
    let title = match cell("title").chars().take(200).collect::<String>() {
        title if title.is_empty() => UNTITLED.to_string(),
        title => title,
    };
    Ok(ImportedDecision {
        line,
        team_id: standing.team_id,
        process_type,
        title,
        raised_at,
        decided_at,
        documented,
    })
}

/// An ISO 8601 date or timestamp: a bare date is 12:00 UTC, a timestamp without an offset is
/// UTC. `Err` says what is wrong, after the column's name.
pub fn parse_instant(raw: &str) -> Result<DateTime<Utc>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("is missing".into());
    }
    if let Ok(date) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        return Ok(Utc.from_utc_datetime(&date.and_hms_opt(12, 0, 0).unwrap_or_default()));
    }
    // A space between date and time is as common as the `T`.
    let text = match raw.as_bytes().get(10) {
        Some(b' ') => format!("{}T{}", &raw[..10], &raw[11..]),
        _ => raw.to_string(),
    };
    let naive = |text: &str| {
        ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"]
            .iter()
            .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
            .map(|time| Utc.from_utc_datetime(&time))
    };
    let parsed = match text.strip_suffix(['Z', 'z']) {
        Some(utc) => naive(utc),
        None => naive(&text).or_else(|| {
            [
                "%Y-%m-%dT%H:%M:%S%.f%:z",
                "%Y-%m-%dT%H:%M%:z",
                "%Y-%m-%dT%H:%M:%S%.f%z",
                "%Y-%m-%dT%H:%M%z",
            ]
            .iter()
            .find_map(|format| DateTime::parse_from_str(&text, format).ok())
            .map(|time| time.with_timezone(&Utc))
        }),
    };
    // PostgreSQL keeps microseconds: finer input would never read back equal, and a re-import
    // would count its decisions as changed.
    parsed.map(|instant| instant.trunc_subsecs(6)).ok_or_else(|| {
        format!(
            "'{}' is not an ISO 8601 date or timestamp (e.g. 2026-03-02 or 2026-03-02T14:30:00+01:00)",
            crate::domain::audit::clip(raw.to_string(), 40)
        )
    })
}

/// `yes`/`no`, `true`/`false` or `1`/`0`, in any case.
pub fn parse_documented(raw: &str) -> Result<bool, String> {
    match raw.trim().to_lowercase().as_str() {
        "yes" | "true" | "1" => Ok(true),
        "no" | "false" | "0" => Ok(false),
        "" => Err("documented is missing (yes or no)".into()),
        other => Err(format!(
            "documented '{}' is not yes, no, true, false, 1 or 0",
            crate::domain::audit::clip(other.to_string(), 40)
        )),
    }
}

#[cfg(test)]
#[path = "decision_import_tests.rs"]
pub(crate) mod tests;
