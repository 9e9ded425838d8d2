//! Reading the capture import files (metrics and decisions) the way the roster import reads its
//! own: a UTF-8 BOM, CRLF, quoted fields and a semicolon delimiter are all accepted, and every
//! record carries the line number an editor shows (the header is line 1).

use std::collections::HashMap;

use crate::domain::roster::{parse::delimiter_of, LineError};

/// How often (in records) a parser tells its caller how far it is.
pub const PROGRESS_EVERY: u64 = 4_096;

/// The positions of the named columns in a file's header (names compared trimmed, without case).
#[derive(Debug, Clone, Default)]
pub struct Columns(HashMap<&'static str, usize>);

impl Columns {
    /// The cell of `column` in `record`, trimmed; "" when the file has no such column.
    pub fn cell<'r>(&self, record: &'r csv::StringRecord, column: &str) -> &'r str {
        self.0
            .get(column)
            .and_then(|index| record.get(*index))
            .unwrap_or("")
    }

    pub fn has(&self, column: &str) -> bool {
        self.0.contains_key(column)
    }
}

/// Reads `text`: maps the header onto `known` columns (all of `required` must be present), then
/// hands every non-blank record to `each` with its line number, or why it cannot be read.
/// `Err` is the header's problem: then no record was read.
pub fn read(
    text: &str,
    known: &[&'static str],
    required: &[&'static str],
    mut each: impl FnMut(&Columns, u64, Result<&csv::StringRecord, String>),
) -> Result<(), LineError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header_problem = |message: String| LineError { line: 1, message };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter_of(text))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|error| header_problem(format!("the header line cannot be read: {error}")))?
        .clone();
    let mut columns = Columns::default();
    for (index, header) in headers.iter().enumerate() {
        let name = header.trim().to_lowercase();
        if let Some(column) = known.iter().find(|column| **column == name) {
            if columns.0.insert(column, index).is_some() {
                return Err(header_problem(format!("the column '{name}' appears twice")));
            }
        }
    }
    let missing: Vec<&str> = required
        .iter()
        .filter(|column| !columns.has(column))
        .copied()
        .collect();
    if !missing.is_empty() {
        return Err(header_problem(format!(
            "missing column{} {} (expected {})",
            if missing.len() > 1 { "s" } else { "" },
            missing.join(", "),
            known.join(",")
        )));
    }
    // The reader's own line count skips blank lines; count from the byte offset instead, so
    // the numbers match what an editor shows.
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
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                if record.iter().all(str::is_empty) {
                    continue;
                }
                each(&columns, line_at(record.position()), Ok(&record));
            }
            Err(error) => {
                let line = line_at(error.position());
                each(
                    &columns,
                    line,
                    Err(format!("cannot be read as CSV: {error}")),
                );
                // A reader error that does not move on would repeat forever.
                if !matches!(
                    error.kind(),
                    csv::ErrorKind::Utf8 { .. } | csv::ErrorKind::UnequalLengths { .. }
                ) {
                    break;
                }
            }
        }
    }
    Ok(())
}

/// A number as spreadsheets write it: `2.5`, or `2,5` in locales with a decimal comma.
pub fn parse_number(raw: &str) -> Option<f64> {
    let raw = raw.trim();
    let normal = if raw.contains('.') {
        raw.to_string()
    } else {
        raw.replacen(',', ".", 1)
    };
    normal.parse::<f64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(u64, Result<Vec<String>, String>)> {
        let mut seen = Vec::new();
        read(text, &["a", "b"], &["a"], |_, line, record| {
            seen.push((
                line,
                record.map(|record| record.iter().map(String::from).collect()),
            ));
        })
        .expect("header");
        seen
    }

    #[test]
    fn line_numbers_count_blank_lines_and_the_header() {
        let seen = lines("a,b\r\n1,2\r\n\r\n3,4\r\n");
        assert_eq!(seen[0].0, 2);
        assert_eq!(seen[1].0, 4);
    }

    #[test]
    fn a_quoted_cell_keeps_its_delimiter_and_a_bom_is_ignored() {
        let seen = lines("\u{feff}A;B\n\"x;y\";2\n");
        assert_eq!(seen[0].1, Ok(vec!["x;y".to_string(), "2".to_string()]));
    }

    #[test]
    fn a_missing_required_column_is_a_problem_of_line_one() {
        let error = read("b\n1\n", &["a", "b"], &["a"], |_, _, _| {}).expect_err("missing a");
        assert_eq!(error.line, 1);
        assert!(
            error.message.contains("missing column a"),
            "{}",
            error.message
        );
    }

    #[test]
    fn a_decimal_comma_is_read_as_a_point() {
        assert_eq!(parse_number("2,5"), Some(2.5));
        assert_eq!(parse_number(" 3 "), Some(3.0));
        assert_eq!(parse_number("1,000.5"), None);
        assert_eq!(parse_number("many"), None);
    }
}
