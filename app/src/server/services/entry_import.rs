//! Importing a pilot's metric entries or decisions from a CSV file: read and check every line,
//! compare with what is stored, and write — all of it in one transaction, or nothing when any
//! line is bad. A dry run does everything but the writing.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use crate::{
    domain::{
        access::Action,
        audit::AuditAction,
        capture::{
            decision_import::{self, DecisionFileContext, DecisionKey, ImportedDecision},
            entry_import::{self, EntryFileContext},
            import::{ImportKind, ImportPreview},
            measure::EntrySource,
        },
        pilot::Pilot,
        roster::{ImportProgress, ImportStage},
    },
    error::AppError,
    server::{
        repo::{
            self,
            audit::{Actor, Entry},
            entries::NewEntry,
            import_facts,
        },
        tx,
    },
    wire::entry_imports::SHOWN,
};

/// Receives an import's progress. Called often, so it must be cheap (store the value, no I/O).
pub type Report<'a> = &'a (dyn Fn(ImportProgress) + Sync);

/// Rows per write between two progress reports.
const WRITE_STEP: usize = 10_000;

/// Both checking and importing a file are HR's: a preview names people and their consent.
pub const ACTION: Action = Action::ChangeCapture;

/// Checks (`dry_run`) or imports `text` into the pilot. The preview lists the first bad lines;
/// with any bad line nothing is written.
///
/// The file is checked before the transaction opens, and the transaction starts with its first
/// write: on SQLite a transaction that read first could not take the write lock once another
/// connection (the job's own progress, a check-in) had committed in the meantime, and the
/// database stays open to others while a million lines are read. A value changed by someone
/// else in between is simply written over or left, as any later write would.
#[allow(clippy::too_many_arguments)]
pub async fn run(
    db: &DatabaseConnection,
    kind: ImportKind,
    pilot_id: i64,
    text: &str,
    dry_run: bool,
    actor: Actor<'_>,
    now: DateTime<Utc>,
    report: Report<'_>,
) -> Result<ImportPreview, AppError> {
    super::authorize(&actor, ACTION)?;
    let pilot = repo::pilots::get(db, pilot_id).await?;
    let (preview, writes) = check(db, kind, &pilot, text, report).await?;
    if dry_run || preview.bad_lines > 0 || writes.is_empty() {
        return Ok(preview);
    }
    let author = match &actor {
        Actor::Caller(caller) => Some(caller.person_id),
        _ => None,
    };
    tx::write(db, async |tx| {
        match writes {
            Writes::Entries(rows) => {
                let total = rows.len() as i64;
                for (step, chunk) in rows.chunks(WRITE_STEP).enumerate() {
                    report(ImportProgress {
                        stage: ImportStage::Writing,
                        done: (step * WRITE_STEP) as i64,
                        total,
                    });
                    repo::entries::upsert(tx, chunk, EntrySource::Import, author, now).await?;
                }
            }
            Writes::Decisions(groups) => {
                report(ImportProgress {
                    stage: ImportStage::Writing,
                    done: 0,
                    total: groups.iter().map(|(_, rows)| rows.len() as i64).sum(),
                });
                import_facts::replace_decisions(tx, pilot.id, &groups, author, now).await?;
            }
        }
        let entry = Entry::new(actor, AuditAction::CaptureImported, "pilot")
            .object(pilot.id)
            .detail(preview.summary(kind));
        repo::audit::record(tx, entry, now).await?;
        Ok(())
    })
    .await?;
    Ok(preview)
}

/// What an import writes once its file is clean.
enum Writes {
    Entries(Vec<NewEntry>),
    /// Per key, the decisions that replace the ones stored under it.
    Decisions(Vec<(DecisionKey, Vec<ImportedDecision>)>),
}

impl Writes {
    fn is_empty(&self) -> bool {
        match self {
            Self::Entries(rows) => rows.is_empty(),
            Self::Decisions(groups) => groups.is_empty(),
        }
    }
}

async fn check(
    db: &DatabaseConnection,
    kind: ImportKind,
    pilot: &Pilot,
    text: &str,
    report: Report<'_>,
) -> Result<(ImportPreview, Writes), AppError> {
    let lines = text.lines().count() as i64;
    let reading = |done: u64| {
        report(ImportProgress {
            stage: ImportStage::Reading,
            done: done as i64,
            total: lines,
        })
    };
    reading(0);
    match kind {
        ImportKind::Entries => entries(db, pilot, text, &reading, report).await,
        ImportKind::Decisions => decisions(db, pilot, text, &reading, report).await,
    }
}

async fn entries(
    db: &DatabaseConnection,
    pilot: &Pilot,
    text: &str,
    reading: &(dyn Fn(u64) + Sync),
    report: Report<'_>,
) -> Result<(ImportPreview, Writes), AppError> {
    let windows = pilot.protocol.plan.windows();
    let (first_day, last_day) = (windows[0].first_day, windows[2].last_day);
    let people = import_facts::people_by_email(db).await?;
    let standing = import_facts::standing_in_pilot(db, pilot).await?;
    let custom = repo::custom_metrics::ranges(db).await?;
    let context = EntryFileContext {
        people: &people,
        standing: &standing,
        custom: &custom,
        first_day,
        last_day,
    };
    let parsed = entry_import::parse(text, context, reading);
    report(ImportProgress {
        stage: ImportStage::Checking,
        done: 0,
        total: parsed.rows.len() as i64,
    });
    let mut person_ids: Vec<i64> = parsed.rows.iter().map(|row| row.person_id).collect();
    person_ids.sort_unstable();
    person_ids.dedup();
    let stored = import_facts::stored_values(db, &person_ids, first_day, last_day, &custom).await?;
    let comparison = entry_import::compare(parsed.rows, &stored);
    let preview = ImportPreview {
        new: comparison.new,
        changed: comparison.changed,
        unchanged: comparison.unchanged,
        outside_teams: parsed.outside_teams,
        without_consent: parsed.without_consent,
        bad_lines: parsed.errors.len() as i64,
        errors: parsed.errors,
    }
    .cut(SHOWN);
    let rows = comparison
        .to_write
        .into_iter()
        .map(|row| NewEntry {
            person_id: row.person_id,
            date: row.date,
            value: row.value,
        })
        .collect();
    Ok((preview, Writes::Entries(rows)))
}

/// The stored decisions under a key are the file's, in any order.
fn same_decisions(stored: &[import_facts::StoredDecision], file: &[ImportedDecision]) -> bool {
    let mut old: Vec<_> = stored
        .iter()
        .map(|row| (row.decided_at, row.documented, row.title.as_str()))
        .collect();
    let mut new: Vec<_> = file
        .iter()
        .map(|row| (row.decided_at, row.documented, row.title.as_str()))
        .collect();
    old.sort();
    new.sort();
    old == new
}

async fn decisions(
    db: &DatabaseConnection,
    pilot: &Pilot,
    text: &str,
    reading: &(dyn Fn(u64) + Sync),
    report: Report<'_>,
) -> Result<(ImportPreview, Writes), AppError> {
    let teams = import_facts::teams_by_name(db, pilot.id).await?;
    let context = DecisionFileContext { teams: &teams };
    let parsed = decision_import::parse(text, context, reading);
    report(ImportProgress {
        stage: ImportStage::Checking,
        done: 0,
        total: parsed.rows.len() as i64,
    });
    let stored = import_facts::imported_decisions(db, pilot.id).await?;
    let mut preview = ImportPreview {
        bad_lines: parsed.errors.len() as i64,
        errors: parsed.errors,
        outside_teams: parsed.outside_teams,
        ..Default::default()
    }
    .cut(SHOWN);
    // The file's decisions per key, in file order.
    let mut groups: Vec<(DecisionKey, Vec<ImportedDecision>)> = Vec::new();
    let mut position: HashMap<DecisionKey, usize> = HashMap::new();
    for row in parsed.rows {
        let key = row.key();
        match position.get(&key) {
            Some(&index) => groups[index].1.push(row),
            None => {
                position.insert(key.clone(), groups.len());
                groups.push((key, vec![row]));
            }
        }
    }
    let mut to_write = Vec::new();
    for (key, rows) in groups {
        let count = rows.len() as i64;
        match stored.get(&key) {
            Some(old) if same_decisions(old, &rows) => preview.unchanged += count,
            Some(_) => {
                preview.changed += count;
                to_write.push((key, rows));
            }
            None => {
                preview.new += count;
                to_write.push((key, rows));
            }
        }
    }
    Ok((preview, Writes::Decisions(to_write)))
}
