//! Reading the roster CSV an HRIS exports: columns recognised by name (with the usual variants),
//! every line checked, every problem reported with its line number.

use std::collections::HashMap;

use super::{LineError, LineNote, ParsedRoster, RosterRow, COLUMNS};
use crate::domain::{
    account::{DisplayName, Email, Role},
    org::{parse_unit_name, TimeZoneName, WorkingPattern},
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Column {
    Email,
    Name,
    Team,
    Department,
    ManagerEmail,
    Role,
    TimeZone,
    WorkingPattern,
}

/// Header names as HR systems write them, compared without case, spaces or punctuation.
fn column_for(header: &str) -> Option<Column> {
    let key: String = header
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let column = match key.as_str() {
        "email" | "workemail" | "emailaddress" | "workemailaddress" | "businessemail"
        | "primaryemail" | "mail" => Column::Email,
        "name" | "fullname" | "displayname" | "employeename" | "preferredname" | "legalname" => {
            Column::Name
        }
        "team" | "teamname" | "squad" | "group" | "workgroup" => Column::Team,
        "department" | "dept" | "departmentname" | "division" | "businessunit" => {
            Column::Department
        }
        "manageremail" | "manager" | "supervisoremail" | "supervisor" | "reportsto"
        | "reportstoemail" | "linemanager" | "linemanageremail" | "managerworkemail" => {
            Column::ManagerEmail
        }
        "role" | "asyncpilotrole" | "accessrole" | "approle" => Column::Role,
        "timezone" | "tz" | "timezonename" | "worktimezone" => Column::TimeZone,
        "workingpattern" | "pattern" | "worktype" | "employmenttype" | "timetype"
        | "fulltimeparttime" | "schedule" => Column::WorkingPattern,
        _ => return None,
    };
    Some(column)
}

const REQUIRED: [(Column, &str); 4] = [
    (Column::Email, "email"),
    (Column::Name, "name"),
    (Column::Team, "team"),
    (Column::Department, "department"),
];

/// The field separator, read from the header line: spreadsheets in European locales save CSV
/// with semicolons; a header with more semicolons than commas is read that way.
pub fn delimiter_of(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    let count = |wanted: char| header.chars().filter(|&c| c == wanted).count();
    if count(';') > count(',') {
        b';'
    } else {
        b','
    }
}

/// Parses a whole file. Never fails as a whole: problems are collected per line.
pub fn parse(text: &str) -> ParsedRoster {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter_of(text))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut parsed = ParsedRoster::default();
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(error) => {
            parsed.errors.push(LineError {
                line: 1,
                message: format!("the header line cannot be read: {error}"),
            });
            return parsed;
        }
    };
    let mut positions: HashMap<Column, usize> = HashMap::new();
    for (index, header) in headers.iter().enumerate() {
        if let Some(column) = column_for(header) {
            if positions.insert(column, index).is_some() {
                parsed.errors.push(LineError {
                    line: 1,
                    message: format!("the column '{header}' appears twice"),
                });
            }
        }
    }
    let missing: Vec<&str> = REQUIRED
        .iter()
        .filter(|(column, _)| !positions.contains_key(column))
        .map(|(_, name)| *name)
        .collect();
    if !missing.is_empty() {
        parsed.errors.push(LineError {
            line: 1,
            message: format!(
                "missing column{} {} (expected {})",
                if missing.len() > 1 { "s" } else { "" },
                missing.join(", "),
                COLUMNS.join(",")
            ),
        });
    }
    if !parsed.errors.is_empty() {
        return parsed;
    }

    // The reader's own line count skips blank lines; count from the byte offset instead, so the
    // numbers match what an editor shows.
    let newlines: Vec<usize> = text.match_indices('\n').map(|(at, _)| at).collect();
    let line_at = |position: Option<&csv::Position>| {
        position.map_or(0, |position| {
            // A record's position can point at the blank lines before it.
            let mut byte = usize::try_from(position.byte()).unwrap_or(usize::MAX);
            while matches!(text.as_bytes().get(byte), Some(b'\n' | b'\r')) {
                byte += 1;
            }
            newlines.partition_point(|&at| at < byte) as u64 + 1
        })
    };
    let mut first_line_of_email: HashMap<String, u64> = HashMap::new();
    let mut department_of_team: HashMap<String, (String, u64)> = HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = line_at(error.position());
                parsed.errors.push(LineError {
                    line,
                    message: format!("cannot be read as CSV: {error}"),
                });
                continue;
            }
        };
        let line = line_at(record.position());
        if record.iter().all(str::is_empty) {
            continue;
        }
        let cell = |column: Column| {
            undefused(
                positions
                    .get(&column)
                    .and_then(|index| record.get(*index))
                    .unwrap_or(""),
            )
        };
        match parse_row(line, &cell) {
            Ok(row) => {
                let mut problems = Vec::new();
                if let Some(first) = first_line_of_email.get(row.email.as_str()) {
                    problems.push(format!(
                        "duplicate email {} (first on line {first})",
                        row.email.as_str()
                    ));
                }
                match department_of_team.get(&row.team) {
                    Some((department, first)) if *department != row.department => {
                        problems.push(format!(
                            "team '{}' is in department '{department}' on line {first}, not '{}'",
                            row.team, row.department
                        ))
                    }
                    Some(_) => {}
                    None => {
                        department_of_team.insert(row.team.clone(), (row.department.clone(), line));
                    }
                }
                first_line_of_email
                    .entry(row.email.as_str().to_string())
                    .or_insert(line);
                if problems.is_empty() {
                    parsed
                        .rows
                        .push(without_self_as_manager(row, &mut parsed.notes));
                } else {
                    parsed.errors.push(LineError {
                        line,
                        message: problems.join("; "),
                    });
                    note_bad_line(&mut parsed, row.email.as_str(), line);
                }
            }
            Err(message) => {
                parsed.errors.push(LineError { line, message });
                if let Ok(email) = Email::parse(cell(Column::Email)) {
                    note_bad_line(&mut parsed, email.as_str(), line);
                }
            }
        }
    }
    parsed
}

/// HRIS exports list the top of the hierarchy as their own manager: such a person is imported
/// without a manager, and the preview says so.
fn without_self_as_manager(mut row: RosterRow, notes: &mut Vec<LineNote>) -> RosterRow {
    if row.manager_email.as_ref() == Some(&row.email) {
        row.manager_email = None;
        notes.push(LineNote {
            line: row.line,
            message: "lists themself as manager; imported without a manager".into(),
        });
    }
    row
}

fn note_bad_line(parsed: &mut ParsedRoster, email: &str, line: u64) {
    parsed
        .bad_line_of_email
        .entry(email.to_string())
        .or_insert(line);
}

/// A cell as this product's own exports defuse it for spreadsheets (`'` before `=`, `+`, `-`,
/// `@`, a tab or a carriage return) reads back as it was: re-importing an exported roster
/// keeps `+Name` as `+Name`, not `'+Name`.
fn undefused(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

fn parse_row<'a>(line: u64, cell: &dyn Fn(Column) -> &'a str) -> Result<RosterRow, String> {
    let mut problems = Vec::new();
    let mut note = |result: Result<(), String>| {
        if let Err(problem) = result {
            problems.push(problem);
        }
    };
    let email = if cell(Column::Email).is_empty() {
        note(Err("missing email".into()));
        None
    } else {
        Email::parse(cell(Column::Email))
            .map_err(|error| note(Err(error.message)))
            .ok()
    };
    let name = DisplayName::parse(cell(Column::Name))
        .map_err(|error| note(Err(format!("name {}", error.message))))
        .ok();
    let team = parse_unit_name("team", cell(Column::Team))
        .map_err(|error| note(Err(format!("team {}", error.message))))
        .ok();
    let department = parse_unit_name("department", cell(Column::Department))
        .map_err(|error| note(Err(format!("department {}", error.message))))
        .ok();
    let manager_email = match cell(Column::ManagerEmail) {
        "" => Some(None),
        text => Email::parse(text)
            .map(Some)
            .map_err(|error| note(Err(format!("manager email: {}", error.message))))
            .ok(),
    };
    let role = match cell(Column::Role) {
        "" => Some(Role::Participant),
        text => Role::parse(&text.to_lowercase())
            .map_err(|error| note(Err(error.message)))
            .ok(),
    };
    let time_zone = TimeZoneName::parse(cell(Column::TimeZone))
        .map_err(|error| note(Err(error.message)))
        .ok();
    let working_pattern = WorkingPattern::parse(cell(Column::WorkingPattern))
        .map_err(|error| note(Err(error.message)))
        .ok();
    match (
        email,
        name,
        team,
        department,
        manager_email,
        role,
        time_zone,
        working_pattern,
    ) {
        (
            Some(email),
            Some(name),
            Some(team),
            Some(department),
            Some(manager_email),
            Some(role),
            Some(time_zone),
            Some(working_pattern),
        ) if problems.is_empty() => Ok(RosterRow {
            line,
            email,
            name,
            team,
            department,
            manager_email,
            role,
            time_zone,
            working_pattern,
        }),
        _ => Err(problems.join("; ")),
    }
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;

#[cfg(test)]
mod undefuse_tests {
    use super::undefused;

    #[test]
    fn a_defused_cell_reads_back_as_exported_and_other_apostrophes_stay() {
        assert_eq!(undefused("'+Name"), "+Name");
        assert_eq!(undefused("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(undefused("'Neill"), "'Neill");
        assert_eq!(undefused("O'Brien"), "O'Brien");
    }
}
