use super::*;
use proptest::prelude::*;

const GOOD: &str = "email,name,team,department,manager_email,role,timezone,working_pattern\n\
    lea@example.org,Lea Lead,Platform,Engineering,,participant,Europe/Berlin,full_time\n\
    sam@example.org,Sam Dev,Platform,Engineering,lea@example.org,,Europe/Berlin,part_time\n";

#[test]
fn a_semicolon_separated_file_from_a_european_spreadsheet_is_read_like_a_comma_one() {
    let european = GOOD.replace(',', ";");
    assert_eq!(delimiter_of(&european), b';');
    assert_eq!(delimiter_of(GOOD), b',');
    let parsed = parse(&european);
    assert_eq!(parsed.errors, vec![]);
    assert_eq!(parsed, parse(GOOD));
    // A comma inside a semicolon-separated cell stays in the cell.
    let with_comma = european.replace("Sam Dev", "Dev, Sam");
    assert_eq!(parse(&with_comma).rows[1].name.as_str(), "Dev, Sam");
}

#[test]
fn a_clean_file_gives_rows_with_their_line_numbers() {
    let parsed = parse(GOOD);
    assert_eq!(parsed.errors, vec![]);
    assert_eq!(parsed.rows.len(), 2);
    assert_eq!(parsed.rows[1].line, 3);
    assert_eq!(parsed.rows[1].working_pattern, WorkingPattern::PartTime);
    assert_eq!(parsed.rows[1].role, Role::Participant);
    assert_eq!(
        parsed.rows[1].manager_email.as_ref().map(Email::as_str),
        Some("lea@example.org")
    );
}

#[test]
fn hris_header_variants_are_recognised() {
    let file = "\u{feff}Work Email,Full Name,Team Name,Department,Reports To,Time Zone,Time Type\n\
        ana@example.org,Ana,Data,Engineering,,America/New_York,Part time\n";
    let parsed = parse(file);
    assert_eq!(parsed.errors, vec![]);
    assert_eq!(parsed.rows[0].time_zone.as_str(), "America/New_York");
}

#[test]
fn a_missing_required_column_is_named_on_line_one() {
    let parsed = parse("email,name,team\nx@example.org,X,T\n");
    assert_eq!(parsed.errors.len(), 1);
    assert_eq!(parsed.errors[0].line, 1);
    assert!(parsed.errors[0].message.contains("department"));
}

#[test]
fn every_bad_line_is_reported_with_its_number_and_reason() {
    let file = "email,name,team,department,manager_email,role,timezone,working_pattern\n\
        ,No Email,Platform,Engineering,,,UTC,\n\
        ok@example.org,Fine,Platform,Engineering,,,UTC,\n\
        tz@example.org,Bad Zone,Platform,Engineering,,,Mars/Base,\n\
        ok@example.org,Again,Platform,Engineering,,,UTC,\n\
        dept@example.org,Other Dept,Platform,Sales,,,UTC,\n\
        role@example.org,Role,Platform,Engineering,,boss,UTC,\n";
    let parsed = parse(file);
    let lines: Vec<(u64, &str)> = parsed
        .errors
        .iter()
        .map(|error| (error.line, error.message.as_str()))
        .collect();
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert_eq!(lines[0], (2, "missing email"));
    assert!(lines[1].0 == 4 && lines[1].1.contains("Mars/Base"));
    assert!(
        lines[2].0 == 5
            && lines[2]
                .1
                .contains("duplicate email ok@example.org (first on line 3)")
    );
    assert!(
        lines[3].0 == 6
            && lines[3]
                .1
                .contains("team 'Platform' is in department 'Engineering'")
    );
    assert!(lines[4].0 == 7 && lines[4].1.contains("'boss' is not a role"));
    assert_eq!(parsed.rows.len(), 1);
}

#[test]
fn a_person_listed_as_their_own_manager_is_read_without_one_and_noted() {
    let file = "email,name,team,department,manager_email\n\
        ceo@example.org,Cleo Chief,Board,Leadership,CEO@example.org\n\
        sam@example.org,Sam Dev,Board,Leadership,ceo@example.org\n";
    let parsed = parse(file);
    assert_eq!(parsed.errors, vec![], "a self-reference is not an error");
    assert_eq!(parsed.rows.len(), 2);
    assert_eq!(parsed.rows[0].manager_email, None);
    assert_eq!(
        parsed.rows[1].manager_email.as_ref().map(Email::as_str),
        Some("ceo@example.org")
    );
    let notes: Vec<String> = parsed.notes.iter().map(ToString::to_string).collect();
    assert_eq!(
        notes,
        ["line 2: lists themself as manager; imported without a manager"]
    );
}

#[test]
fn the_email_of_a_bad_line_is_kept_with_its_first_line_number() {
    let file = "email,name,team,department,manager_email,role,timezone\n\
        ok@example.org,Fine,Ops,Operations,,,UTC\n\
        zed@example.org,Zed,Ops,Operations,,,Mars/Base\n\
        yan@example.org,Yan,Ops,Sales,,,UTC\n\
        zed@example.org,Zed Again,Ops,Operations,,boss,UTC\n\
        not-an-email,Nobody,Ops,Operations,,,UTC\n";
    let parsed = parse(file);
    assert_eq!(parsed.errors.len(), 4, "{:?}", parsed.errors);
    assert_eq!(
        parsed.bad_line_of_email,
        HashMap::from([
            ("zed@example.org".to_string(), 3),
            ("yan@example.org".to_string(), 4),
        ])
    );
    assert!(parsed.notes.is_empty());
}

#[test]
fn blank_lines_are_skipped_and_quoted_commas_kept() {
    let file = "email,name,team,department\n\n\"q@example.org\",\"Quinn, Q.\",Ops,Operations\n";
    let parsed = parse(file);
    assert_eq!(parsed.errors, vec![]);
    assert_eq!(parsed.rows[0].name.as_str(), "Quinn, Q.");
    assert_eq!(parsed.rows[0].line, 3);
}

proptest! {
    #[test]
    fn any_input_gives_rows_or_numbered_errors_and_never_panics(text in "\\PC{0,400}") {
        let parsed = parse(&text);
        let lines = text.lines().count() as u64 + 1;
        for error in &parsed.errors {
            prop_assert!(error.line <= lines, "line {} of {}", error.line, lines);
            prop_assert!(!error.message.is_empty());
        }
    }

    #[test]
    fn garbling_one_cell_of_a_good_file_never_loses_the_other_line(
        garbage in "[^\\n\\r\"]{0,30}",
        column in 0usize..8,
    ) {
        let mut cells: Vec<String> = "sam@example.org,Sam Dev,Platform,Engineering,,participant,UTC,full_time"
            .split(',').map(str::to_string).collect();
        cells[column] = garbage.replace(',', " ");
        let file = format!(
            "{}\nlea@example.org,Lea,Platform,Engineering,,,UTC,\n{}\n",
            COLUMNS.join(","),
            cells.join(",")
        );
        let parsed = parse(&file);
        prop_assert!(parsed.rows.iter().any(|row| row.email.as_str() == "lea@example.org"));
        prop_assert_eq!(parsed.rows.len() + parsed.errors.len(), 2);
        for error in &parsed.errors {
            prop_assert_eq!(error.line, 3);
        }
    }
}
