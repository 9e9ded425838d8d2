//! Roster import and export: parse the file, compare it with the organisation (`domain::roster`),
//! show the difference, and apply it in one transaction — or nothing at all.

mod apply;

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use crate::{
    domain::{
        access::Action,
        audit::AuditAction,
        export::to_csv,
        roster::{
            self, diff::compare, ImportProgress, ImportStage, ParsedRoster, RosterOptions,
            RosterPreview, COLUMNS,
        },
    },
    error::AppError,
    server::{
        repo::{
            self,
            audit::{Actor, Entry},
        },
        tx,
    },
};

/// Receives an import's progress. Called often, so it must be cheap (store the value, no I/O).
pub type Report<'a> = &'a (dyn Fn(ImportProgress) + Sync);

/// The access a roster file needs: checking one is reading people (a read token may preview),
/// importing one changes the organisation.
pub fn action(dry_run: bool) -> Action {
    if dry_run {
        Action::ReadPeople
    } else {
        Action::ChangeOrganisation
    }
}

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

/// What importing `text` would change, for `actor`, telling `report` how far it is. Writes
/// nothing.
pub async fn preview_with(
    db: &DatabaseConnection,
    text: &str,
    options: RosterOptions,
    actor: Actor<'_>,
    report: Report<'_>,
) -> Result<RosterPreview, AppError> {
    super::authorize(&actor, action(true))?;
    let parsed = parse_reporting(text, report);
    let organisation = repo::roster::organisation(db).await?;
    Ok(compare(&parsed, &organisation, options, actor.email()))
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
    super::authorize(&actor, action(false))?;
    let parsed = parse_reporting(text, report);
    tx::write(db, async |tx| {
        // Compared inside the transaction, so the preview describes what is written.
        let organisation = repo::roster::organisation(tx).await?;
        let preview = compare(&parsed, &organisation, options, actor.email());
        if !preview.errors.is_empty() {
            return Ok(Err(preview));
        }
        if !preview.changes_anything() {
            return Ok(Ok(preview));
        }
        apply::apply(tx, actor, &parsed.rows, organisation, &preview, now, report).await?;
        let entry =
            Entry::new(actor, AuditAction::RosterImported, "roster").detail(preview.summary());
        repo::audit::record(tx, entry, now).await?;
        Ok(Ok(preview))
    })
    .await
}

/// The active people who are in a team, as a roster file in the default columns. Every export
/// is recorded in the audit log.
pub async fn export(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    super::authorize(&actor, Action::ReadPeople)?;
    let organisation = repo::roster::organisation(db).await?;
    let mut people: Vec<_> = organisation
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
