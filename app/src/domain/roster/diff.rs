//! What importing a roster would change: the file's rows compared with the organisation as it
//! is, person by person. Pure, so the same comparison serves previews, imports and tests.

use std::collections::{BTreeSet, HashMap};

use super::{LineError, ParsedRoster, RosterChange, RosterOptions, RosterPreview, RosterRow};
use crate::domain::account::Role;

/// A person as the roster describes them, as the organisation has them now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Current {
    pub id: i64,
    pub name: String,
    pub team: Option<String>,
    pub department: Option<String>,
    pub manager_email: Option<String>,
    pub role: String,
    pub time_zone: String,
    pub working_pattern: String,
    pub active: bool,
}

/// The organisation as an import sees it, keyed by the names a roster uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Organisation {
    /// Everyone, active or not, by email.
    pub people: HashMap<String, Current>,
    /// Team name → (team id, department id).
    pub teams: HashMap<String, (i64, i64)>,
    /// Department name → id.
    pub departments: HashMap<String, i64>,
    pub inactive_departments: BTreeSet<String>,
}

/// What importing `parsed` would change. Errors found only against the organisation (an unknown
/// manager, no admin left, the importing person deactivated) are added to the parse errors.
/// `importer` is the email of who imports (none for the system).
pub fn compare(
    parsed: &ParsedRoster,
    organisation: &Organisation,
    options: RosterOptions,
    importer: Option<&str>,
) -> RosterPreview {
    let mut preview = RosterPreview {
        errors: parsed.errors.clone(),
        notes: parsed.notes.clone(),
        deactivate_missing: options.deactivate_missing,
        ..Default::default()
    };
    let in_file: BTreeSet<&str> = parsed.rows.iter().map(|row| row.email.as_str()).collect();
    preview.missing = missing(organisation, &in_file);
    if let Some(own) = importer.filter(|_| options.deactivate_missing) {
        if preview.missing.iter().any(|person| person.email == own) {
            preview.errors.push(LineError {
                line: 1,
                message: format!(
                    "your own account ({own}) is not in the file: importing would deactivate it"
                ),
            });
        }
    }
    let mut new_teams = BTreeSet::new();
    let mut new_departments = BTreeSet::new();
    for row in &parsed.rows {
        if let Some(manager) = &row.manager_email {
            if !in_file.contains(manager.as_str())
                && !organisation.people.contains_key(manager.as_str())
            {
                // One mistake on a manager's line is reported there, not again as "not found"
                // on the line of everyone reporting to them.
                let message = match parsed.bad_line_of_email.get(manager.as_str()) {
                    Some(line) => format!("manager's line {line} has an error"),
                    None => format!(
                        "manager {} not found in the file or the organisation",
                        manager.as_str()
                    ),
                };
                preview.errors.push(LineError {
                    line: row.line,
                    message,
                });
            }
        }
        if !organisation.teams.contains_key(&row.team) {
            new_teams.insert(row.team.clone());
        }
        if !organisation.departments.contains_key(&row.department) {
            new_departments.insert(row.department.clone());
        } else if organisation.inactive_departments.contains(&row.department) {
            new_departments.insert(format!("{} (reactivated)", row.department));
        }
        let change = |changes| RosterChange {
            line: row.line,
            email: row.email.as_str().to_string(),
            name: row.name.as_str().to_string(),
            changes,
        };
        match organisation.people.get(row.email.as_str()) {
            None => preview.new_people.push(change(Vec::new())),
            Some(current) => {
                let differences = differences(row, current);
                if differences.is_empty() {
                    preview.unchanged += 1;
                } else {
                    preview.changed_people.push(change(differences));
                }
            }
        }
    }
    if admins_after(parsed, organisation, options) == 0 && preview.errors.is_empty() {
        preview.errors.push(LineError {
            line: 1,
            message: "this file would leave the organisation without an admin: give someone the admin role in the file, or create one first with `async-pilot create-admin`".into(),
        });
    }
    preview.errors.sort_by_key(|error| error.line);
    preview.new_teams = new_teams.into_iter().collect();
    preview.new_departments = new_departments.into_iter().collect();
    preview
}

/// Active people the file does not list, by email (line 0), with the team they are in.
fn missing(organisation: &Organisation, in_file: &BTreeSet<&str>) -> Vec<RosterChange> {
    let mut missing: Vec<(&String, &Current)> = organisation
        .people
        .iter()
        .filter(|(email, current)| current.active && !in_file.contains(email.as_str()))
        .collect();
    missing.sort_by_key(|(email, _)| email.as_str());
    missing
        .into_iter()
        .map(|(email, current)| RosterChange {
            line: 0,
            email: email.clone(),
            name: current.name.clone(),
            changes: current
                .team
                .iter()
                .map(|team| format!("team: {team}"))
                .collect(),
        })
        .collect()
}

/// Active admins once the file is imported: the file's own, plus (when nobody missing is
/// deactivated) the active admins it does not list.
fn admins_after(
    parsed: &ParsedRoster,
    organisation: &Organisation,
    options: RosterOptions,
) -> usize {
    let role_in_file: HashMap<&str, Role> = parsed
        .rows
        .iter()
        .map(|row| (row.email.as_str(), row.role))
        .collect();
    let staying = organisation
        .people
        .iter()
        .filter(|(email, current)| {
            !options.deactivate_missing
                && !role_in_file.contains_key(email.as_str())
                && current.active
                && current.role == Role::Admin.as_str()
        })
        .count();
    staying
        + role_in_file
            .values()
            .filter(|role| **role == Role::Admin)
            .count()
}

/// How `row` differs from the person as they are, one "field: before → after" each; empty when
/// the import leaves them as they are.
pub fn differences(row: &RosterRow, current: &Current) -> Vec<String> {
    let mut changes = Vec::new();
    let mut compare = |field: &str, before: Option<&str>, after: Option<&str>| {
        if before != after {
            changes.push(format!(
                "{field}: {} → {}",
                before.unwrap_or("none"),
                after.unwrap_or("none")
            ));
        }
    };
    compare("name", Some(&current.name), Some(row.name.as_str()));
    compare("team", current.team.as_deref(), Some(&row.team));
    compare(
        "department",
        current.department.as_deref(),
        Some(&row.department),
    );
    compare(
        "manager",
        current.manager_email.as_deref(),
        row.manager_email.as_ref().map(|email| email.as_str()),
    );
    compare("role", Some(&current.role), Some(row.role.as_str()));
    compare(
        "timezone",
        Some(&current.time_zone),
        Some(row.time_zone.as_str()),
    );
    compare(
        "working_pattern",
        Some(&current.working_pattern),
        Some(row.working_pattern.as_str()),
    );
    if !current.active {
        changes.push("reactivated".into());
    }
    changes
}

/// A team's manager after an import: the person most of its members report to (on a tie, the
/// one with the lowest id, so the choice is stable).
pub fn team_manager(reports_per_manager: &HashMap<i64, usize>) -> Option<i64> {
    reports_per_manager
        .iter()
        .max_by_key(|(id, count)| (**count, -**id))
        .map(|(id, _)| *id)
}

#[cfg(test)]
#[path = "diff_tests.rs"]
mod tests;
