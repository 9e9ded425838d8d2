//! Writing CSV that is safe to open in a spreadsheet.

/// Writes a header and rows as CSV (RFC 4180 quoting). Cells that a spreadsheet would run as a
/// formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) get a leading `'`.
pub fn to_csv<const N: usize>(
    header: [&str; N],
    rows: impl IntoIterator<Item = [String; N]>,
) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail for I/O reasons, and every record has N fields.
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(row.iter().map(|cell| spreadsheet_safe(cell).into_owned()));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commas_quotes_and_newlines_are_quoted() {
        let csv = to_csv(
            ["a", "b"],
            [["x, y".to_string(), "say \"hi\"\nthere".to_string()]],
        );
        assert_eq!(csv, "a,b\n\"x, y\",\"say \"\"hi\"\"\nthere\"\n");
    }

    #[test]
    fn formulas_are_defused() {
        let csv = to_csv(["a"], [["=HYPERLINK(\"http://x\")".to_string()]]);
        assert!(csv.contains("'=HYPERLINK"), "{csv}");
        assert_eq!(spreadsheet_safe("plain"), "plain");
    }
}
