//! The metric CSV of METHOD.md section 2 (`email,date,measure,value,qualifier`) for one pilot:
//! every line checked against the organisation, the measures and the pilot's span; each bad line
//! gets one reason, the first in the method's order; lines of people who cannot be stored (outside
//! the pilot's teams, no consent) are counted apart. Pure: the service loads what it needs.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{
    import_csv::{self, parse_number, PROGRESS_EVERY},
    measure::{CustomRange, EntryValue, Measure},
};
use crate::domain::roster::LineError;

/// The columns of the metric file; `qualifier` may be left out when no line needs one.
pub const COLUMNS: [&str; 5] = ["email", "date", "measure", "value", "qualifier"];
const REQUIRED: [&str; 4] = ["email", "date", "measure", "value"];

/// Where a person of the organisation stands in the pilot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// In one of the pilot's teams, consented and not withdrawn: their lines are stored.
    Consented,
    /// In one of the pilot's teams, but never consented or withdrawn.
    WithoutConsent,
}

/// What the file is checked against.
#[derive(Debug, Clone, Copy)]
pub struct EntryFileContext<'a> {
    /// Every person of the organisation, by lower-case email.
    pub people: &'a HashMap<String, i64>,
    /// People in the pilot's teams; anyone else is outside them.
    pub standing: &'a HashMap<i64, Standing>,
    pub custom: &'a [CustomRange],
    /// The first day of the baseline and the last of the follow-up.
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
}

/// One line to store.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedEntry {
    pub line: u64,
    pub person_id: i64,
    pub date: NaiveDate,
    pub value: EntryValue,
}

/// The file read: lines to store, bad lines, and the good lines that are not stored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedEntries {
    pub rows: Vec<ImportedEntry>,
    pub errors: Vec<LineError>,
    pub outside_teams: i64,
    pub without_consent: i64,
}

/// The identity of an entry: a second line with the same one is a duplicate.
pub type EntryKey = (i64, NaiveDate, Measure, String);

/// Reads the whole file; `progress` hears how many records were read now and then.
pub fn parse(text: &str, context: EntryFileContext<'_>, progress: &dyn Fn(u64)) -> ParsedEntries {
    let mut parsed = ParsedEntries::default();
    let mut first_line_of: HashMap<EntryKey, u64> = HashMap::new();
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
        let cell = |column| columns.cell(record, column);
        match check_line(
            [
                cell("email"),
                cell("date"),
                cell("measure"),
                cell("value"),
                cell("qualifier"),
            ],
            context,
        ) {
            Err(message) => parsed.errors.push(LineError { line, message }),
            Ok((person_id, date, value)) => {
                let key = (
                    person_id,
                    date,
                    value.measure().clone(),
                    value.qualifier().to_string(),
                );
                if let Some(first) = first_line_of.get(&key) {
                    return parsed.errors.push(LineError {
                        line,
                        message: format!(
                            "duplicate of line {first}: the same email, date, measure and qualifier"
                        ),
                    });
                }
                first_line_of.insert(key, line);
                match context.standing.get(&person_id) {
                    Some(Standing::Consented) => parsed.rows.push(ImportedEntry {
                        line,
                        person_id,
                        date,
                        value,
                    }),
                    Some(Standing::WithoutConsent) => parsed.without_consent += 1,
                    None => parsed.outside_teams += 1,
                }
            }
        }
    });
    if let Err(problem) = header {
        parsed.errors.push(problem);
    }
    progress(read);
    parsed
}

/// One line's person, date and value, or its first problem in METHOD.md's order: email,
/// measure, value, qualifier, date (the duplicate key is checked by the caller, last).
fn check_line(
    [email, date, measure, value, qualifier]: [&str; 5],
    context: EntryFileContext<'_>,
) -> Result<(i64, NaiveDate, EntryValue), String> {
    let clip = |text: &str| crate::domain::audit::clip(text.to_string(), 60);
    let person_id = match context.people.get(&email.to_lowercase()) {
        Some(id) => *id,
        None if email.is_empty() => return Err("the email is missing".into()),
        None => {
            return Err(format!(
                "unknown email {}: nobody in the organisation has it",
                clip(email)
            ))
        }
    };
    let measure = Measure::parse(measure, context.custom).ok_or_else(|| {
        if measure.is_empty() {
            "the measure is missing".to_string()
        } else {
            format!("unknown measure '{}'", clip(measure))
        }
    })?;
    let number = parse_number(value).ok_or_else(|| {
        if value.is_empty() {
            "the value is missing".to_string()
        } else {
            format!("the value '{}' is not a number", clip(value))
        }
    })?;
    measure
        .check_value(number, context.custom)
        .map_err(|reason| format!("{}: {reason}", measure.key()))?;
    let entry = EntryValue::new(measure, qualifier, number, context.custom)?;
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_err(|_| format!("the date '{}' is not in the form YYYY-MM-DD", clip(date)))?;
    if date < context.first_day {
        return Err(format!(
            "the date {date} is before the baseline starts ({})",
            context.first_day
        ));
    }
    if date > context.last_day {
        return Err(format!(
            "the date {date} is after the follow-up ends ({})",
            context.last_day
        ));
    }
    Ok((person_id, date, entry))
}

/// How the lines to store compare with what is stored: new, replacing another value, or the
/// same value again (re-importing a file changes nothing).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Comparison {
    pub to_write: Vec<ImportedEntry>,
    pub new: i64,
    pub changed: i64,
    pub unchanged: i64,
}

pub fn compare(rows: Vec<ImportedEntry>, stored: &HashMap<EntryKey, f64>) -> Comparison {
    let mut comparison = Comparison::default();
    for row in rows {
        let key = (
            row.person_id,
            row.date,
            row.value.measure().clone(),
            row.value.qualifier().to_string(),
        );
        match stored.get(&key) {
            Some(value) if *value == row.value.value() => comparison.unchanged += 1,
            Some(_) => {
                comparison.changed += 1;
                comparison.to_write.push(row);
            }
            None => {
                comparison.new += 1;
                comparison.to_write.push(row);
            }
        }
    }
    comparison
}

#[cfg(test)]
#[path = "entry_import_tests.rs"]
mod tests;
