//! The training CSV (`email,module,status,completed_on`): read like the other imports (a BOM,
//! CRLF, quotes and `;` accepted), every bad line reported with its number, and nothing kept
//! unless every line is good.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;

use super::training::ModuleProgress;
use crate::domain::{capture::import_csv, roster::LineError};

pub const COLUMNS: [&str; 4] = ["email", "module", "status", "completed_on"];

/// One good line: whose status, in which module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingRow {
    pub line: u64,
    pub person_id: i64,
    pub module: String,
    pub progress: ModuleProgress,
}

/// Someone the file may name: their id, and whether they manage a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownPerson {
    pub id: i64,
    pub manager: bool,
}

/// Reads the file against the organisation (people by lower-case email) and the catalogue's
/// module keys. Every line's first problem, in the order: unreadable, unknown email, not a
/// manager, unknown module, status or date, a second line for the same person and module.
pub fn parse(
    text: &str,
    people: &HashMap<String, KnownPerson>,
    modules: &BTreeSet<String>,
    today: NaiveDate,
) -> Result<Vec<TrainingRow>, Vec<LineError>> {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashSet<(i64, String)> = HashSet::new();
    let header = import_csv::read(text, &COLUMNS, &COLUMNS[..3], |columns, line, record| {
        let record = match record {
            Ok(record) => record,
            Err(message) => {
                errors.push(LineError { line, message });
                return;
            }
        };
        let cell = |name| columns.cell(record, name);
        let problem = |message: String| LineError { line, message };
        let email = cell("email").to_lowercase();
        let Some(person) = people.get(&email) else {
            errors.push(problem(format!(
                "unknown email '{email}' (not in the organisation)"
            )));
            return;
        };
        if !person.manager {
            errors.push(problem(format!(
                "{email} does not manage a team (training is tracked for team managers)"
            )));
            return;
        }
        let module = cell("module").trim().to_lowercase();
        if !modules.contains(&module) {
            errors.push(problem(format!(
                "unknown module '{module}' (known: {})",
                modules.iter().cloned().collect::<Vec<_>>().join(", ")
            )));
            return;
        }
        let progress = match ModuleProgress::parse(cell("status"), cell("completed_on"), today) {
            Ok(progress) => progress,
            Err(error) => {
                errors.push(problem(format!("{}: {}", error.field, error.message)));
                return;
            }
        };
        if !seen.insert((person.id, module.clone())) {
            errors.push(problem(format!("a second line for {email} and {module}")));
            return;
        }
        rows.push(TrainingRow {
            line,
            person_id: person.id,
            module,
            progress,
        });
    });
    if let Err(error) = header {
        return Err(vec![error]);
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        errors.sort_by_key(|error| error.line);
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::champions::training::TrainingStatus;

    fn people() -> HashMap<String, KnownPerson> {
        HashMap::from([
            (
                "lea@example.org".to_string(),
                KnownPerson {
                    id: 1,
                    manager: true,
                },
            ),
            (
                "sam@example.org".to_string(),
                KnownPerson {
                    id: 2,
                    manager: false,
                },
            ),
        ])
    }

    fn modules() -> BTreeSet<String> {
        BTreeSet::from(["context_rich_writing".to_string(), "coaching".to_string()])
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).expect("date")
    }

    #[test]
    fn a_clean_file_gives_one_row_per_line() {
        let file = "\u{feff}email;module;status;completed_on\r\n\
                    LEA@example.org;context_rich_writing;completed;2026-11-02\r\n\
                    lea@example.org;coaching;in_progress;\r\n";
        let rows = parse(file, &people(), &modules(), today()).expect("clean");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].progress.status, TrainingStatus::Completed);
        assert_eq!(rows[1].progress.completed_on, None);
    }

    #[test]
    fn every_bad_line_is_reported_with_its_number_and_its_first_problem() {
        let file = "email,module,status,completed_on\n\
                    ghost@example.org,coaching,completed,2026-11-01\n\
                    sam@example.org,coaching,completed,2026-11-01\n\
                    lea@example.org,juggling,completed,2026-11-01\n\
                    \n\
                    lea@example.org,coaching,finished,\n\
                    lea@example.org,coaching,completed,\n\
                    lea@example.org,context_rich_writing,completed,2027-01-01\n\
                    lea@example.org,context_rich_writing,in_progress,\n\
                    lea@example.org,context_rich_writing,completed,2026-11-01\n";
        let errors = parse(file, &people(), &modules(), today()).expect_err("bad lines");
        let lines: Vec<u64> = errors.iter().map(|error| error.line).collect();
        assert_eq!(lines, [2, 3, 4, 6, 7, 8, 10]);
        assert!(errors[0].message.starts_with("unknown email"));
        assert!(errors[1].message.contains("does not manage a team"));
        assert!(errors[2].message.starts_with("unknown module"));
        assert!(errors[3].message.starts_with("status:"));
        assert!(errors[4].message.starts_with("completed_on:"));
        assert!(errors[5].message.contains("in the future"));
        assert!(errors[6].message.starts_with("a second line"));
    }

    #[test]
    fn a_file_without_the_needed_columns_is_refused_at_its_header() {
        let errors = parse(
            "email,module\nlea@example.org,coaching\n",
            &people(),
            &modules(),
            today(),
        )
        .expect_err("header");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 1);
    }
}
