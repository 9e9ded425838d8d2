//! A person's own data: the entries they wrote, listed, deleted one at a time and downloaded as
//! CSV. Only the author ever reaches these; nobody can name someone else's entry (404).

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DatabaseConnection};

use super::authorize;
use crate::{
    domain::{access::Action, capture::measure::Entry, export::spreadsheet_safe},
    error::AppError,
    server::{auth::caller::Caller, repo, repo::audit::Actor, tx},
    wire::checkin::OwnEntry,
};

pub(super) fn to_wire(entry: Entry) -> OwnEntry {
    OwnEntry {
        id: entry.id,
        date: entry.date,
        measure: entry.measure,
        qualifier: entry.qualifier,
        value: entry.value,
        source: entry.source,
    }
}

/// The caller's own entries between two dates (both optional and inclusive), newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    caller: &Caller,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<OwnEntry>, AppError> {
    authorize(&Actor::Caller(caller), Action::UseOwnAccount)?;
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return Err(AppError::validation("from", "must not be after `to`"));
        }
    }
    let entries = repo::own_entries::list(db, caller.person_id, from, to).await?;
    Ok(entries.into_iter().map(to_wire).collect())
}

/// Deletes one of the caller's own entries; 404 for any other id, someone else's included.
pub async fn delete(db: &DatabaseConnection, caller: &Caller, id: i64) -> Result<(), AppError> {
    authorize(&Actor::Caller(caller), Action::WriteOwnEntries)?;
    tx::write(db, async |tx| {
        if repo::own_entries::delete(tx, caller.person_id, id).await? {
            Ok(())
        } else {
            Err(AppError::NotFound(format!("you have no entry {id}")))
        }
    })
    .await
}

/// Everything the caller entered, as CSV: `date,measure,qualifier,value,source`.
pub async fn export_csv(db: &impl ConnectionTrait, caller: &Caller) -> Result<String, AppError> {
    let entries = list(db, caller, None, None).await?;
    Ok(entries_csv(&entries))
}

fn entries_csv(entries: &[OwnEntry]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail for I/O reasons, and every record has five fields.
    let _ = writer.write_record(["date", "measure", "qualifier", "value", "source"]);
    for entry in entries {
        // Values stay numbers (a negative custom value must not gain a quote); the text cells
        // are made safe for spreadsheets.
        let _ = writer.write_record([
            entry.date.to_string(),
            spreadsheet_safe(&entry.measure).into_owned(),
            spreadsheet_safe(&entry.qualifier).into_owned(),
            entry.value.to_string(),
            entry.source.as_str().to_string(),
        ]);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::capture::measure::EntrySource;

    #[test]
    fn the_csv_keeps_negative_values_as_numbers() {
        let entry = OwnEntry {
            id: 1,
            date: "2026-12-01".parse().expect("date"),
            measure: "custom:mood".into(),
            qualifier: String::new(),
            value: -1.5,
            source: EntrySource::Checkin,
        };
        assert_eq!(
            entries_csv(&[entry]),
            "date,measure,qualifier,value,source\n2026-12-01,custom:mood,,-1.5,checkin\n"
        );
    }
}
