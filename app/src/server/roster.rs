//! Roster import and export: compare a parsed roster with the organisation, show the difference,
//! and apply it in one transaction — or nothing at all.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};

use super::{
    entities::{department, person, team, team_membership},
    repo::{
        self,
        audit::{Actor, Entry},
    },
};
use crate::{
    domain::{
        account::Role,
        audit::AuditAction,
        export::to_csv,
        import_job::{ImportProgress, ImportStage},
        org::TeamSummary,
        roster::{
            self, LineError, ParsedRoster, RosterChange, RosterOptions, RosterPreview, RosterRow,
            COLUMNS,
        },
    },
    error::AppError,
};

/// A person as the roster describes them, read from the database.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Current {
    id: i64,
    name: String,
    team: Option<String>,
    department: Option<String>,
    manager_email: Option<String>,
    role: String,
    time_zone: String,
    working_pattern: String,
    active: bool,
}

struct Organisation {
    people: HashMap<String, Current>,
    teams: HashMap<String, (i64, i64)>,
    departments: HashMap<String, i64>,
    inactive_departments: BTreeSet<String>,
}

async fn load(db: &impl ConnectionTrait) -> Result<Organisation, AppError> {
    let department_rows = department::Entity::find().all(db).await?;
    let inactive_departments = department_rows
        .iter()
        .filter(|row| !row.active)
        .map(|row| row.name.clone())
        .collect();
    let departments: HashMap<i64, String> = department_rows
        .into_iter()
        .map(|row| (row.id, row.name))
        .collect();
    let teams: HashMap<i64, team::Model> = team::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    let current_team: HashMap<i64, i64> = team_membership::Entity::find()
        .filter(team_membership::Column::LeftAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.person_id, row.team_id))
        .collect();
    let rows = person::Entity::find().all(db).await?;
    let email_of: HashMap<i64, String> =
        rows.iter().map(|row| (row.id, row.email.clone())).collect();
    let people = rows
        .into_iter()
        .map(|row| {
            let team = current_team.get(&row.id).and_then(|id| teams.get(id));
            let current = Current {
                id: row.id,
                name: row.display_name,
                team: team.map(|team| team.name.clone()),
                department: team.and_then(|team| departments.get(&team.department_id).cloned()),
                manager_email: row.manager_id.and_then(|id| email_of.get(&id).cloned()),
                role: row.role,
                time_zone: row.time_zone,
                working_pattern: row.working_pattern,
                active: row.active,
            };
            (row.email, current)
        })
        .collect();
    Ok(Organisation {
        people,
        teams: teams
            .values()
            .map(|team| (team.name.clone(), (team.id, team.department_id)))
            .collect(),
        departments: departments
            .into_iter()
            .map(|(id, name)| (name, id))
            .collect(),
        inactive_departments,
    })
}

/// What importing `parsed` would change. Errors found only against the organisation (an unknown
/// manager, no admin left, the importing admin deactivated) are added to the parse errors.
fn compare(
    parsed: &ParsedRoster,
    organisation: &Organisation,
    options: RosterOptions,
    actor: &Actor<'_>,
) -> RosterPreview {
    let mut preview = RosterPreview {
        errors: parsed.errors.clone(),
        deactivate_missing: options.deactivate_missing,
        ..Default::default()
    };
    let in_file: BTreeSet<&str> = parsed.rows.iter().map(|row| row.email.as_str()).collect();
    let mut missing: Vec<(&String, &Current)> = organisation
        .people
        .iter()
        .filter(|(email, current)| current.active && !in_file.contains(email.as_str()))
        .collect();
    missing.sort_by_key(|(email, _)| email.as_str());
    preview.missing = missing
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
        .collect();
    if let Some(own) = actor.email().filter(|_| options.deactivate_missing) {
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
                preview.errors.push(LineError {
                    line: row.line,
                    message: format!(
                        "manager {} not found in the file or the organisation",
                        manager.as_str()
                    ),
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
    let role_in_file: HashMap<&str, Role> = parsed
        .rows
        .iter()
        .map(|row| (row.email.as_str(), row.role))
        .collect();
    let admins_staying = organisation
        .people
        .iter()
        .filter(|(email, current)| {
            !options.deactivate_missing
                && !role_in_file.contains_key(email.as_str())
                && current.active
                && current.role == Role::Admin.as_str()
        })
        .count();
    let admins_in_file = role_in_file
        .values()
        .filter(|role| **role == Role::Admin)
        .count();
    let admins_after = admins_staying + admins_in_file;
    if admins_after == 0 && preview.errors.is_empty() {
        preview.errors.push(LineError {
            line: 1,
            message: "this file would leave the organisation without an admin".into(),
        });
    }
    preview.errors.sort_by_key(|error| error.line);
    preview.new_teams = new_teams.into_iter().collect();
    preview.new_departments = new_departments.into_iter().collect();
    preview
}

fn differences(row: &RosterRow, current: &Current) -> Vec<String> {
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

/// Receives an import's progress. Called often, so it must be cheap (store the value, no I/O).
pub type Report<'a> = &'a (dyn Fn(ImportProgress) + Sync);

fn parse_reporting(text: &str, report: Report<'_>) -> ParsedRoster {
    report(ImportProgress {
        stage: ImportStage::Reading,
        done: 0,
        total: text.lines().count() as i64,
    });
    let parsed = roster::parse(text);
    report(ImportProgress {
        stage: ImportStage::Checking,
        done: 0,
        total: parsed.rows.len() as i64,
    });
    parsed
}

/// Parses and compares without writing anything (the default options, no actor).
pub async fn preview(db: &impl ConnectionTrait, text: &str) -> Result<RosterPreview, AppError> {
    preview_with(db, text, RosterOptions::default(), Actor::System, &|_| {}).await
}

/// [`preview`] with options, for `actor`, telling `report` how far it is.
pub async fn preview_with(
    db: &impl ConnectionTrait,
    text: &str,
    options: RosterOptions,
    actor: Actor<'_>,
    report: Report<'_>,
) -> Result<RosterPreview, AppError> {
    let parsed = parse_reporting(text, report);
    Ok(compare(&parsed, &load(db).await?, options, &actor))
}

/// Imports the roster if it has no errors, all in one transaction; returns what it did. With
/// errors nothing is written and the preview (with the errors) is returned as `Err`.
pub async fn import(
    db: &DatabaseConnection,
    text: &str,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<Result<RosterPreview, RosterPreview>, AppError> {
    import_with(db, text, RosterOptions::default(), actor, now, &|_| {}).await
}

/// [`import`] with options, telling `report` how far it is.
pub async fn import_with(
    db: &DatabaseConnection,
    text: &str,
    options: RosterOptions,
    actor: Actor<'_>,
    now: DateTime<Utc>,
    report: Report<'_>,
) -> Result<Result<RosterPreview, RosterPreview>, AppError> {
    let parsed = parse_reporting(text, report);
    let transaction = db.begin().await?;
    let organisation = load(&transaction).await?;
    let preview = compare(&parsed, &organisation, options, &actor);
    if !preview.errors.is_empty() {
        return Ok(Err(preview));
    }
    if !preview.changes_anything() {
        return Ok(Ok(preview));
    }
    let mut written = Written {
        done: 0,
        total: (preview.new_people.len()
            + preview.changed_people.len()
            + preview.deactivated().len()) as i64,
        report,
    };
    written.add(0);
    let leaving: Vec<i64> = preview
        .deactivated()
        .iter()
        .map(|person| organisation.people[&person.email].id)
        .collect();
    apply(&transaction, &parsed.rows, organisation, now, &mut written).await?;
    deactivate(&transaction, &leaving, now, &mut written).await?;
    let entry = Entry::new(actor, AuditAction::RosterImported, "roster").detail(preview.summary());
    repo::audit::record(&transaction, entry, now).await?;
    transaction.commit().await?;
    Ok(Ok(preview))
}

/// Counts the people written so far and reports it.
struct Written<'a> {
    done: i64,
    total: i64,
    report: Report<'a>,
}

impl Written<'_> {
    fn add(&mut self, people: usize) {
        self.done += people as i64;
        (self.report)(ImportProgress {
            stage: ImportStage::Writing,
            done: self.done,
            total: self.total,
        });
    }
}

async fn apply(
    db: &impl ConnectionTrait,
    rows: &[RosterRow],
    mut organisation: Organisation,
    now: DateTime<Utc>,
    written: &mut Written<'_>,
) -> Result<(), AppError> {
    for row in rows {
        if !organisation.departments.contains_key(&row.department) {
            let created = department::ActiveModel {
                name: Set(row.department.clone()),
                active: Set(true),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
            organisation
                .departments
                .insert(row.department.clone(), created.id);
        }
    }
    for name in &organisation.inactive_departments {
        if rows.iter().any(|row| &row.department == name) {
            department::ActiveModel {
                id: Set(organisation.departments[name]),
                active: Set(true),
                ..Default::default()
            }
            .update(db)
            .await?;
        }
    }
    for row in rows {
        let department_id = organisation.departments[&row.department];
        match organisation.teams.get(&row.team).copied() {
            None => {
                let created = team::ActiveModel {
                    name: Set(row.team.clone()),
                    department_id: Set(department_id),
                    manager_id: Set(None),
                    time_zone: Set(row.time_zone.as_str().to_string()),
                    active: Set(true),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                organisation
                    .teams
                    .insert(row.team.clone(), (created.id, department_id));
            }
            Some((id, current)) if current != department_id => {
                team::ActiveModel {
                    id: Set(id),
                    department_id: Set(department_id),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .update(db)
                .await?;
                organisation
                    .teams
                    .insert(row.team.clone(), (id, department_id));
            }
            Some(_) => {}
        }
    }

    let mut ids: HashMap<String, i64> = organisation
        .people
        .iter()
        .map(|(email, current)| (email.clone(), current.id))
        .collect();
    let new_rows: Vec<&RosterRow> = rows
        .iter()
        .filter(|row| !organisation.people.contains_key(row.email.as_str()))
        .collect();
    let managed_at_insert =
        insert_new_people(db, new_rows, &organisation.teams, &mut ids, now, written).await?;

    for row in rows {
        let Some(current) = organisation.people.get(row.email.as_str()) else {
            continue;
        };
        if differences(row, current).is_empty() {
            continue;
        }
        written.add(1);
        person::ActiveModel {
            id: Set(current.id),
            display_name: Set(row.name.as_str().to_string()),
            role: Set(row.role.as_str().to_string()),
            active: Set(true),
            time_zone: Set(row.time_zone.as_str().to_string()),
            working_pattern: Set(row.working_pattern.as_str().to_string()),
            updated_at: Set(now),
            ..Default::default()
        }
        .update(db)
        .await?;
        if current.team.as_deref() != Some(row.team.as_str()) {
            let team_id = organisation.teams[&row.team].0;
            repo::memberships::move_to(db, current.id, Some(team_id), now).await?;
        }
    }

    let mut managers_of_team: HashMap<&str, HashMap<i64, usize>> = HashMap::new();
    for row in rows {
        let manager_id = row
            .manager_email
            .as_ref()
            .and_then(|email| ids.get(email.as_str()).copied());
        let current = organisation.people.get(row.email.as_str());
        let before = current.and_then(|current| current.manager_email.as_deref());
        let already_set = managed_at_insert.contains(row.email.as_str());
        if !already_set && before != row.manager_email.as_ref().map(|email| email.as_str()) {
            person::ActiveModel {
                id: Set(ids[row.email.as_str()]),
                manager_id: Set(manager_id),
                ..Default::default()
            }
            .update(db)
            .await?;
        }
        if let Some(manager_id) = manager_id {
            *managers_of_team
                .entry(&row.team)
                .or_default()
                .entry(manager_id)
                .or_default() += 1;
        }
    }
    // A team's manager is the person most of its members report to.
    for (team_name, counts) in managers_of_team {
        let manager = counts
            .into_iter()
            .max_by_key(|(id, count)| (*count, -id))
            .map(|(id, _)| id);
        team::ActiveModel {
            id: Set(organisation.teams[team_name].0),
            manager_id: Set(manager),
            ..Default::default()
        }
        .update(db)
        .await?;
    }
    Ok(())
}

/// People who left the organisation: inactive, out of their teams (the history keeps when),
/// signed out everywhere.
async fn deactivate(
    db: &impl ConnectionTrait,
    people: &[i64],
    now: DateTime<Utc>,
    written: &mut Written<'_>,
) -> Result<(), AppError> {
    for &id in people {
        repo::people::set_active(db, id, false, now).await?;
        repo::memberships::move_to(db, id, None, now).await?;
        repo::sessions::delete_for_person(db, id).await?;
        written.add(1);
    }
    Ok(())
}

/// Rows per multi-row INSERT: well under every backend's limit on bound parameters.
const BATCH: usize = 500;

/// Inserts new people in batches, managers before the people who report to them, so that most
/// get their manager in the same INSERT; returns the emails whose manager is already set.
async fn insert_new_people(
    db: &impl ConnectionTrait,
    mut pending: Vec<&RosterRow>,
    teams: &HashMap<String, (i64, i64)>,
    ids: &mut HashMap<String, i64>,
    now: DateTime<Utc>,
    written: &mut Written<'_>,
) -> Result<BTreeSet<String>, AppError> {
    let mut managed = BTreeSet::new();
    while !pending.is_empty() {
        let (mut ready, waiting): (Vec<&RosterRow>, Vec<&RosterRow>) =
            pending.into_iter().partition(|row| {
                row.manager_email
                    .as_ref()
                    .is_none_or(|manager| ids.contains_key(manager.as_str()))
            });
        // A reporting cycle: insert the rest without managers; the manager pass links them.
        let stuck = ready.is_empty();
        pending = if stuck {
            ready = waiting;
            Vec::new()
        } else {
            waiting
        };
        for chunk in ready.chunks(BATCH) {
            let models = chunk.iter().map(|row| {
                let manager_id = if stuck {
                    None
                } else {
                    row.manager_email
                        .as_ref()
                        .and_then(|email| ids.get(email.as_str()).copied())
                };
                person::ActiveModel {
                    email: Set(row.email.as_str().to_string()),
                    display_name: Set(row.name.as_str().to_string()),
                    role: Set(row.role.as_str().to_string()),
                    active: Set(true),
                    password_hash: Set(None),
                    manager_id: Set(manager_id),
                    time_zone: Set(row.time_zone.as_str().to_string()),
                    working_pattern: Set(row.working_pattern.as_str().to_string()),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
            });
            person::Entity::insert_many(models).exec(db).await?;
            let emails: Vec<&str> = chunk.iter().map(|row| row.email.as_str()).collect();
            let inserted = person::Entity::find()
                .filter(person::Column::Email.is_in(emails))
                .all(db)
                .await?;
            for row in inserted {
                ids.insert(row.email, row.id);
            }
            let memberships = chunk.iter().map(|row| team_membership::ActiveModel {
                person_id: Set(ids[row.email.as_str()]),
                team_id: Set(teams[&row.team].0),
                joined_at: Set(now),
                left_at: Set(None),
                ..Default::default()
            });
            team_membership::Entity::insert_many(memberships)
                .exec(db)
                .await?;
            written.add(chunk.len());
            if !stuck {
                managed.extend(chunk.iter().map(|row| row.email.as_str().to_string()));
            }
        }
    }
    Ok(managed)
}

/// The active people who are in a team, as a roster file in the default columns. Every export
/// is recorded in the audit log.
pub async fn export(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let organisation = load(db).await?;
    let mut people: Vec<(&String, &Current)> = organisation
        .people
        .iter()
        .filter(|(_, current)| current.active && current.team.is_some())
        .collect();
    people.sort_by(|a, b| (&a.1.team, a.0).cmp(&(&b.1.team, b.0)));
    let csv = to_csv(
        COLUMNS,
        people.into_iter().map(|(email, current)| {
            [
                email.clone(),
                current.name.clone(),
                current.team.clone().unwrap_or_default(),
                current.department.clone().unwrap_or_default(),
                current.manager_email.clone().unwrap_or_default(),
                current.role.clone(),
                current.time_zone.clone(),
                current.working_pattern.clone(),
            ]
        }),
    );
    let entry = Entry::new(actor, AuditAction::RosterExported, "roster")
        .detail(format!("{} people", csv.lines().count().saturating_sub(1)));
    repo::audit::record(db, entry, now).await?;
    Ok(csv)
}

/// Every team with its department, manager and current number of members, by name.
pub async fn teams(db: &impl ConnectionTrait) -> Result<Vec<TeamSummary>, AppError> {
    let organisation = load(db).await?;
    let mut members: HashMap<&str, i64> = HashMap::new();
    for current in organisation
        .people
        .values()
        .filter(|current| current.active)
    {
        if let Some(team) = &current.team {
            *members.entry(team.as_str()).or_default() += 1;
        }
    }
    let departments: HashMap<i64, &String> = organisation
        .departments
        .iter()
        .map(|(name, id)| (*id, name))
        .collect();
    let emails: HashMap<i64, &String> = organisation
        .people
        .iter()
        .map(|(email, current)| (current.id, email))
        .collect();
    let rows = team::Entity::find()
        .order_by_asc(team::Column::Name)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| TeamSummary {
            id: row.id,
            department: departments
                .get(&row.department_id)
                .map(|name| name.to_string())
                .unwrap_or_default(),
            manager: row
                .manager_id
                .and_then(|id| emails.get(&id).map(|email| email.to_string())),
            time_zone: row.time_zone,
            members: members.get(row.name.as_str()).copied().unwrap_or(0),
            active: row.active,
            name: row.name,
        })
        .collect())
}
