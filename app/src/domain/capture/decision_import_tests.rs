use super::*;
use proptest::prelude::*;

/// Two teams: Platform in the pilot, Sales not (the fuzzer reads its decision files against them too).
pub(crate) fn teams() -> HashMap<String, TeamStanding> {
    HashMap::from([
        (
            "platform".to_string(),
            TeamStanding {
                team_id: 7,
                in_pilot: true,
            },
        ),
        (
            "sales".to_string(),
            TeamStanding {
                team_id: 8,
                in_pilot: false,
            },
        ),
    ])
}

fn read(text: &str) -> ParsedDecisions {
    let teams = teams();
    parse(text, DecisionFileContext { teams: &teams }, &|_| {})
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("time")
        .with_timezone(&Utc)
}

const HEADER: &str = "team,process_type,raised_at,decided_at,documented\n";

#[test]
fn a_bare_date_is_noon_utc_and_a_time_without_offset_is_utc() {
    assert_eq!(parse_instant("2026-03-02"), Ok(at("2026-03-02T12:00:00Z")));
    assert_eq!(
        parse_instant("2026-03-02T09:30"),
        Ok(at("2026-03-02T09:30:00Z"))
    );
    assert_eq!(
        parse_instant("2026-03-02 09:30:15"),
        Ok(at("2026-03-02T09:30:15Z"))
    );
    assert_eq!(
        parse_instant("2026-03-02T09:30:00Z"),
        Ok(at("2026-03-02T09:30:00Z"))
    );
    assert_eq!(
        parse_instant("2026-03-02T10:30:00+01:00"),
        Ok(at("2026-03-02T09:30:00Z"))
    );
    assert_eq!(
        parse_instant("2026-03-02T10:30+0100"),
        Ok(at("2026-03-02T09:30:00Z"))
    );
    assert!(parse_instant("02/03/2026")
        .expect_err("not ISO")
        .contains("ISO 8601"));
    assert!(parse_instant("").is_err());
}

#[test]
fn documented_takes_yes_no_true_false_one_and_zero() {
    for yes in ["yes", "TRUE", "1"] {
        assert_eq!(parse_documented(yes), Ok(true));
    }
    for no in ["No", "false", "0"] {
        assert_eq!(parse_documented(no), Ok(false));
    }
    assert!(parse_documented("maybe").is_err());
}

#[test]
fn good_lines_become_decisions_open_ones_without_a_decision_time() {
    let parsed = read(&format!(
        "{HEADER}Platform,hiring,2026-03-02,2026-03-04T15:00:00Z,yes\n\
         platform,vendor,2026-03-03T08:00,,no\n"
    ));
    assert_eq!(parsed.errors, vec![]);
    assert_eq!(parsed.rows.len(), 2);
    assert_eq!(parsed.rows[0].team_id, 7);
    assert_eq!(parsed.rows[0].title, UNTITLED);
    assert_eq!(parsed.rows[1].decided_at, None);
    assert_eq!(parsed.rows[1].line, 3);
    assert!(!parsed.rows[1].documented);
}

#[test]
fn decided_before_raised_and_unreadable_values_are_the_only_bad_lines() {
    let parsed = read(&format!(
        "{HEADER}Platform,hiring,2026-03-05,2026-03-04,yes\n\
         Marketing,hiring,2026-03-05,,yes\n\
         Sales,hiring,2026-03-05,,yes\n\
         Platform,lunch,2026-03-05,,yes\n\
         Platform,budget,yesterday,,yes\n\
         Platform,budget,2026-03-05,soon,yes\n\
         Platform,budget,2026-03-05,,perhaps\n\
         Platform,budget,2026-03-05,,yes\n\
         Platform,budget,2026-03-05T12:00:00Z,2026-03-06,no\n"
    ));
    let expect = [
        (2, "is before raised_at"),
        (6, "raised_at 'yesterday' is not an ISO 8601"),
        (7, "decided_at 'soon'"),
        (8, "documented 'perhaps'"),
    ];
    assert_eq!(parsed.errors.len(), expect.len(), "{:?}", parsed.errors);
    for (error, (line, want)) in parsed.errors.iter().zip(expect) {
        assert_eq!(error.line, line);
        assert!(error.message.contains(want), "{error}");
    }
    // Marketing (unknown) and Sales (not in the pilot) are counted apart, not stored.
    assert_eq!(parsed.outside_teams, 2);
    // Two budget decisions raised at the same instant (a bare date is 12:00 UTC) are two
    // decisions, as are lunch decisions of a kind HR has not defined.
    let kinds: Vec<&str> = parsed
        .rows
        .iter()
        .map(|row| row.process_type.as_str())
        .collect();
    assert_eq!(kinds, ["lunch", "budget", "budget"]);
    assert_eq!(parsed.rows[1].key(), parsed.rows[2].key());
}

#[test]
fn a_title_column_is_used_when_present() {
    let parsed = read(
        "team;process_type;raised_at;decided_at;documented;title\r\nPlatform;other;2026-03-02;;1;\"Move standup; async\"\r\n",
    );
    assert_eq!(parsed.errors, vec![]);
    assert_eq!(parsed.rows[0].title, "Move standup; async");
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = read(&format!("{HEADER}{text}"));
        let _ = read(&text);
    }

    #[test]
    fn every_bad_line_names_a_line_of_the_file(
        lines in proptest::collection::vec("[A-Za-z0-9:+ ,;-]{0,50}", 0..30)
    ) {
        let text = format!("{HEADER}{}", lines.join("\n"));
        let total = text.lines().count() as u64;
        for error in &read(&text).errors {
            prop_assert!(error.line >= 2 && error.line <= total, "{error:?} of {total}");
        }
    }

    #[test]
    fn any_instant_written_in_rfc3339_reads_back(seconds in 0i64..4_000_000_000) {
        let instant = DateTime::from_timestamp(seconds, 0).expect("time");
        prop_assert_eq!(parse_instant(&instant.to_rfc3339()), Ok(instant));
    }
}
