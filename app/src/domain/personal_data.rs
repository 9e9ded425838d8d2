//! Everything held about one person, as the tables of their download (GDPR article 15): one CSV
//! file per table, columns as stored, secrets left out.

use super::export::spreadsheet_safe;

/// Columns never handed out, even to their owner: hashes of passwords and of session, link,
/// token and unsubscribe secrets (`…_hash`; a copy helps nobody read their data, and could help
/// an attacker).
pub fn is_withheld(column: &str) -> bool {
    column.ends_with("_hash")
}

/// One file of the download: a table's rows about the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataFile {
    /// The file name inside the ZIP, e.g. `entries.csv`.
    pub name: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl DataFile {
    /// A table's rows, each a list of (column, value as text) in the table's column order,
    /// without the withheld columns.
    pub fn from_rows(table: &str, columns: &[&str], rows: Vec<Vec<String>>) -> Self {
        let kept: Vec<usize> = (0..columns.len())
            .filter(|&index| !is_withheld(columns[index]))
            .collect();
        Self {
            name: format!("{table}.csv"),
            columns: kept
                .iter()
                .map(|&index| columns[index].to_string())
                .collect(),
            rows: rows
                .into_iter()
                .map(|row| {
                    kept.iter()
                        .map(|&index| row.get(index).cloned().unwrap_or_default())
                        .collect()
                })
                .collect(),
        }
    }

    /// RFC 4180 CSV with a header; cells a spreadsheet would run as a formula get a `'`.
    pub fn to_csv(&self) -> String {
        let mut writer = csv::Writer::from_writer(Vec::new());
        // Writing to memory cannot fail for I/O reasons; every record has the header's width.
        let _ = writer.write_record(&self.columns);
        for row in &self.rows {
            let _ = writer.write_record(row.iter().map(|cell| spreadsheet_safe(cell).into_owned()));
        }
        String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_withheld_and_the_other_columns_kept_in_order() {
        let file = DataFile::from_rows(
            "people",
            &[
                "id",
                "email",
                "password_hash",
                "display_name",
                "unsubscribe_token_hash",
            ],
            vec![vec![
                "7".into(),
                "ann@example.org".into(),
                "$argon2id$…".into(),
                "=Ann".into(),
                "ab12".into(),
            ]],
        );
        assert_eq!(file.name, "people.csv");
        assert_eq!(file.columns, ["id", "email", "display_name"]);
        assert_eq!(
            file.to_csv(),
            "id,email,display_name\n7,ann@example.org,'=Ann\n"
        );
    }

    #[test]
    fn a_table_without_rows_still_has_its_header() {
        let file = DataFile::from_rows("consents", &["pilot_id", "person_id"], vec![]);
        assert_eq!(file.to_csv(), "pilot_id,person_id\n");
    }
}
