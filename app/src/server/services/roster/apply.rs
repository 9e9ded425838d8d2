//! Writing an import that was checked clean: departments, teams, new and changed people, their
//! managers, and who leaves. Called inside the import's transaction; every query is in `repo`.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use super::Report;
use crate::{
    domain::{
        audit::AuditAction,
        roster::{
            diff::{differences, team_manager, Organisation},
            ImportProgress, ImportStage, RosterPreview, RosterRow,
        },
    },
    error::AppError,
    server::repo::{
        self,
        audit::{Actor, Entry},
    },
};

/// Rows per multi-row INSERT: well under every backend's limit on bound parameters.
const BATCH: usize = 500;

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

pub(super) async fn apply(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    rows: &[RosterRow],
    mut organisation: Organisation,
    preview: &RosterPreview,
    now: DateTime<Utc>,
    report: Report<'_>,
) -> Result<(), AppError> {
    let mut written = Written {
        done: 0,
        total: (preview.new_people.len()
            + preview.changed_people.len()
            + preview.deactivated().len()) as i64,
        report,
    };
    written.add(0);
    let leaving: Vec<(i64, &str)> = preview
        .deactivated()
        .iter()
        .map(|person| (organisation.people[&person.email].id, person.email.as_str()))
        .collect();
    // One entry per person changed, beside the import's summary line: who got which role, who
    // moved or came back, each under their own id.
    let mut audited = Vec::new();
    departments_and_teams(db, rows, &mut organisation, now).await?;
    let mut ids: HashMap<String, i64> = organisation
        .people
        .iter()
        .map(|(email, current)| (email.clone(), current.id))
        .collect();
    let new_rows: Vec<&RosterRow> = rows
        .iter()
        .filter(|row| !organisation.people.contains_key(row.email.as_str()))
        .collect();
    let managed_at_insert = insert_new_people(
        db,
        new_rows,
        &organisation.teams,
        &mut ids,
        now,
        &mut written,
    )
    .await?;
    for row in rows {
        let Some(current) = organisation.people.get(row.email.as_str()) else {
            continue;
        };
        let changes = differences(row, current);
        if changes.is_empty() {
            continue;
        }
        audited.push(
            Entry::new(actor, AuditAction::RosterPersonChanged, "person")
                .object(current.id)
                .detail(format!("{}: {}", row.email.as_str(), changes.join("; "))),
        );
        written.add(1);
        repo::roster::update_person(db, current.id, row, now).await?;
        if current.team.as_deref() != Some(row.team.as_str()) {
            let team_id = organisation.teams[&row.team].0;
            repo::memberships::move_to(db, current.id, Some(team_id), now).await?;
        }
    }
    managers(db, rows, &organisation, &ids, &managed_at_insert).await?;
    for (id, email, ended) in deactivate(db, &leaving, now, &mut written).await? {
        audited.push(
            Entry::new(actor, AuditAction::RosterPersonChanged, "person")
                .object(id)
                .detail(format!(
                    "{email}: deactivated, not in the file ({ended} sessions ended)"
                )),
        );
    }
    repo::audit::record_all(db, audited, now).await
}

/// Creates the departments and teams the file names, reactivates its inactive departments, and
/// moves teams the file puts in another department.
async fn departments_and_teams(
    db: &impl ConnectionTrait,
    rows: &[RosterRow],
    organisation: &mut Organisation,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    for row in rows {
        if !organisation.departments.contains_key(&row.department) {
            let id = repo::departments::insert(db, &row.department, now).await?;
            organisation.departments.insert(row.department.clone(), id);
        }
    }
    for name in &organisation.inactive_departments {
        if rows.iter().any(|row| &row.department == name) {
            repo::departments::set_active(db, organisation.departments[name], true).await?;
        }
    }
    for row in rows {
        let department_id = organisation.departments[&row.department];
        match organisation.teams.get(&row.team).copied() {
            None => {
                let id = repo::roster::insert_team(
                    db,
                    &row.team,
                    department_id,
                    row.time_zone.as_str(),
                    now,
                )
                .await?;
                organisation
                    .teams
                    .insert(row.team.clone(), (id, department_id));
            }
            Some((id, current)) if current != department_id => {
                repo::teams::set_department(db, id, department_id, now).await?;
                organisation
                    .teams
                    .insert(row.team.clone(), (id, department_id));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Sets each person's manager where it changed (new people mostly got theirs at insert), then
/// each team's manager: the person most of its members report to.
async fn managers(
    db: &impl ConnectionTrait,
    rows: &[RosterRow],
    organisation: &Organisation,
    ids: &HashMap<String, i64>,
    managed_at_insert: &BTreeSet<String>,
) -> Result<(), AppError> {
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
            repo::roster::set_manager(db, ids[row.email.as_str()], manager_id).await?;
        }
        if let Some(manager_id) = manager_id {
            *managers_of_team
                .entry(&row.team)
                .or_default()
                .entry(manager_id)
                .or_default() += 1;
        }
    }
    for (team_name, counts) in managers_of_team {
        let team_id = organisation.teams[team_name].0;
        repo::teams::set_manager(db, team_id, team_manager(&counts)).await?;
    }
    Ok(())
}

/// People who left the organisation: inactive, out of their teams (the history keeps when),
/// signed out everywhere. Returns each with how many sessions ended.
async fn deactivate<'a>(
    db: &impl ConnectionTrait,
    people: &[(i64, &'a str)],
    now: DateTime<Utc>,
    written: &mut Written<'_>,
) -> Result<Vec<(i64, &'a str, u64)>, AppError> {
    let mut left = Vec::with_capacity(people.len());
    for &(id, email) in people {
        repo::people::set_active(db, id, false, now).await?;
        repo::memberships::move_to(db, id, None, now).await?;
        let ended = repo::sessions::delete_for_person(db, id).await?;
        written.add(1);
        left.push((id, email, ended));
    }
    Ok(left)
}

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
            let batch: Vec<(&RosterRow, Option<i64>, i64)> = chunk
                .iter()
                .map(|row| {
                    let manager_id = row
                        .manager_email
                        .as_ref()
                        .filter(|_| !stuck)
                        .and_then(|email| ids.get(email.as_str()).copied());
                    (*row, manager_id, teams[&row.team].0)
                })
                .collect();
            ids.extend(repo::roster::insert_people(db, &batch, now).await?);
            written.add(chunk.len());
            if !stuck {
                managed.extend(chunk.iter().map(|row| row.email.as_str().to_string()));
            }
        }
    }
    Ok(managed)
}
