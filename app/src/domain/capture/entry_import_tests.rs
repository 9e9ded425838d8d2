use super::*;
use proptest::prelude::*;

struct Fixture {
    people: HashMap<String, i64>,
    standing: HashMap<i64, Standing>,
    custom: Vec<CustomRange>,
}

fn fixture() -> Fixture {
    Fixture {
        people: HashMap::from([
            ("ana@example.org".to_string(), 1),
            ("ben@example.org".to_string(), 2),
            ("cy@example.org".to_string(), 3),
        ]),
        // Ana consented, Ben did not, Cy is in no team of the pilot.
        standing: HashMap::from([(1, Standing::Consented), (2, Standing::WithoutConsent)]),
        custom: vec![CustomRange {
            key: "mood".into(),
            min: -2.0,
            max: 2.0,
        }],
    }
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn read(fixture: &Fixture, text: &str) -> ParsedEntries {
    let context = EntryFileContext {
        people: &fixture.people,
        standing: &fixture.standing,
        custom: &fixture.custom,
        first_day: day("2026-03-02"),
        last_day: day("2026-05-31"),
    };
    parse(text, context, &|_| {})
}

fn reasons(parsed: &ParsedEntries) -> Vec<(u64, String)> {
    parsed
        .errors
        .iter()
        .map(|error| (error.line, error.message.clone()))
        .collect()
}

const HEADER: &str = "email,date,measure,value,qualifier\n";

#[test]
fn good_lines_of_a_consenting_person_are_kept_with_their_line_numbers() {
    let parsed = read(
        &fixture(),
        &format!(
            "{HEADER}ana@example.org,2026-03-02,energy,4,morning\n\
             ANA@example.org,2026-03-03,meeting_hours,2.5,\n\
             ana@example.org,2026-03-03,custom:mood,-1,\n"
        ),
    );
    assert_eq!(parsed.errors, vec![]);
    assert_eq!(parsed.rows.len(), 3);
    assert_eq!(parsed.rows[1].line, 3);
    assert_eq!(parsed.rows[1].value.value(), 2.5);
    assert_eq!(
        parsed.rows[2].value.measure(),
        &Measure::Custom("mood".into())
    );
}

#[test]
fn each_bad_line_gets_one_reason_the_first_in_the_methods_order() {
    let parsed = read(
        &fixture(),
        &format!(
            "{HEADER}nobody@example.org,1999-01-01,sleep,99,x\n\
             ana@example.org,1999-01-01,sleep,99,x\n\
             ana@example.org,1999-01-01,energy,9,x\n\
             ana@example.org,1999-01-01,energy,3.5,\n\
             ana@example.org,1999-01-01,energy,3,\n\
             ana@example.org,1999-01-01,energy,3,night\n\
             ana@example.org,1999-01-01,meeting_hours,3,chat\n\
             ana@example.org,1999-01-01,meeting_hours,3,\n\
             ana@example.org,2026-06-01,meeting_hours,3,\n\
             ana@example.org,2026-03-05,meeting_hours,3,\n\
             ana@example.org,2026-03-05,meeting_hours,4,\n"
        ),
    );
    let reasons = reasons(&parsed);
    let expect = [
        (2, "unknown email"),
        (3, "unknown measure 'sleep'"),
        (4, "energy: must be a whole number from 1 to 5"),
        (5, "energy: must be a whole number from 1 to 5"),
        (6, "energy needs a qualifier"),
        (7, "'night' is not a qualifier of energy"),
        (8, "meeting_hours takes no qualifier"),
        (9, "before the baseline starts (2026-03-02)"),
        (10, "after the follow-up ends (2026-05-31)"),
        (12, "duplicate of line 11"),
    ];
    assert_eq!(reasons.len(), expect.len(), "{reasons:?}");
    for ((line, message), (want_line, want)) in reasons.iter().zip(expect) {
        assert_eq!(*line, want_line);
        assert!(message.contains(want), "line {line}: {message}");
    }
}

#[test]
fn lines_of_people_without_consent_or_outside_the_teams_are_counted_apart() {
    let parsed = read(
        &fixture(),
        &format!(
            "{HEADER}ben@example.org,2026-03-02,satisfaction,7,\n\
             cy@example.org,2026-03-02,satisfaction,7,\n\
             cy@example.org,2026-03-03,satisfaction,7,\n"
        ),
    );
    assert_eq!(parsed.errors, vec![]);
    assert!(parsed.rows.is_empty());
    assert_eq!(parsed.without_consent, 1);
    assert_eq!(parsed.outside_teams, 2);
}

#[test]
fn a_bad_line_of_someone_who_is_not_stored_is_still_a_bad_line() {
    let parsed = read(
        &fixture(),
        &format!("{HEADER}cy@example.org,2026-03-02,satisfaction,70,\n"),
    );
    assert_eq!(parsed.errors.len(), 1);
    assert_eq!(parsed.outside_teams, 0);
}

#[test]
fn semicolons_crlf_a_bom_and_a_decimal_comma_are_read() {
    let parsed = read(
        &fixture(),
        "\u{feff}email;date;measure;value;qualifier\r\nana@example.org;2026-03-02;focus_planned_hours;2,5;\r\n",
    );
    assert_eq!(parsed.errors, vec![]);
    assert_eq!(parsed.rows[0].value.value(), 2.5);
}

#[test]
fn a_file_without_the_qualifier_column_reads_measures_that_need_none() {
    let parsed = read(
        &fixture(),
        "email,date,measure,value\nana@example.org,2026-03-02,burnout,1\nana@example.org,2026-03-02,energy,3\n",
    );
    assert_eq!(parsed.rows.len(), 1);
    assert_eq!(reasons(&parsed)[0].0, 3);
}

#[test]
fn a_header_without_the_needed_columns_is_a_bad_first_line() {
    let parsed = read(&fixture(), "mail,day\nana@example.org,2026-03-02\n");
    assert_eq!(parsed.errors.len(), 1);
    assert_eq!(parsed.errors[0].line, 1);
    assert!(parsed.errors[0].message.contains("email"));
}

#[test]
fn reimporting_the_same_values_counts_them_unchanged() {
    let parsed = read(
        &fixture(),
        &format!(
            "{HEADER}ana@example.org,2026-03-02,energy,4,morning\n\
             ana@example.org,2026-03-03,energy,4,morning\n\
             ana@example.org,2026-03-04,energy,4,morning\n"
        ),
    );
    let stored = HashMap::from([
        (
            (1, day("2026-03-02"), Measure::Energy, "morning".to_string()),
            4.0,
        ),
        (
            (1, day("2026-03-03"), Measure::Energy, "morning".to_string()),
            2.0,
        ),
    ]);
    let comparison = compare(parsed.rows, &stored);
    assert_eq!(
        (comparison.new, comparison.changed, comparison.unchanged),
        (1, 1, 1)
    );
    assert_eq!(comparison.to_write.len(), 2);
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = read(&fixture(), &format!("{HEADER}{text}"));
        let _ = read(&fixture(), &text);
    }

    #[test]
    fn every_bad_line_names_a_line_of_the_file(
        lines in proptest::collection::vec("[a-z@.,:0-9\"; -]{0,40}", 0..30)
    ) {
        let text = format!("{HEADER}{}", lines.join("\n"));
        let total = text.lines().count() as u64;
        let parsed = read(&fixture(), &text);
        for error in &parsed.errors {
            prop_assert!(error.line >= 2 && error.line <= total, "{error:?} of {total}");
        }
        let stored = parsed.rows.len() as i64 + parsed.outside_teams + parsed.without_consent;
        prop_assert!(stored + parsed.errors.len() as i64 <= lines.len() as i64);
    }
}
