//! A team's decision as a member logs it: what was decided, by which process, when it was
//! raised and decided (open until then), and whether it is written down (METHOD.md section 2:
//! decisions are team entries feeding `decision_velocity` and `documented_decisions`).

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::domain::ParseError;

/// The process types every organisation has; HR adds its own beside them.
pub const BUILT_IN_PROCESS_TYPES: [(&str, &str); 5] = [
    ("hiring", "Hiring"),
    ("budget", "Budget"),
    ("product", "Product"),
    ("operations", "Operations"),
    ("other", "Other"),
];

/// The longest title.
pub const MAX_TITLE_CHARS: usize = 200;
/// The most a documentation link or text may say.
pub const MAX_DOCUMENTATION_CHARS: usize = 2_000;
/// The longest process type key and label.
pub const MAX_PROCESS_KEY_CHARS: usize = 40;
pub const MAX_PROCESS_LABEL_CHARS: usize = 80;

/// The title of a decision: trimmed, 1 to 200 characters.
pub fn parse_title(raw: &str) -> Result<String, ParseError> {
    let title = raw.trim();
    if title.is_empty() {
        return Err(ParseError::new(
            "title",
            "say in a few words what was decided",
        ));
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(ParseError::new(
            "title",
            format!("may have at most {MAX_TITLE_CHARS} characters"),
        ));
    }
    Ok(title.to_string())
}

/// A process type key: a built-in one or one of `custom` (the keys HR defined).
pub fn parse_process_type(raw: &str, custom: &[String]) -> Result<String, ParseError> {
    let key = raw.trim();
    let known = BUILT_IN_PROCESS_TYPES
        .iter()
        .any(|(built_in, _)| *built_in == key)
        || custom.iter().any(|defined| defined == key);
    if known {
        Ok(key.to_string())
    } else {
        Err(ParseError::new(
            "process_type",
            format!(
                "'{}' is not a process type (hiring, budget, product, operations, other, or one HR defined)",
                crate::domain::audit::clip(key.to_string(), 40)
            ),
        ))
    }
}

/// A new process type as HR defines it: a key like a channel name that is not built in, and a
/// label of 1 to 80 characters.
pub fn parse_new_process_type(key: &str, label: &str) -> Result<(String, String), ParseError> {
    let key = key.trim();
    let valid_key = !key.is_empty()
        && key.chars().count() <= MAX_PROCESS_KEY_CHARS
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid_key {
        return Err(ParseError::new(
            "key",
            format!(
                "use lower-case letters, digits and '_', starting with a letter, at most {MAX_PROCESS_KEY_CHARS} characters"
            ),
        ));
    }
    if BUILT_IN_PROCESS_TYPES
        .iter()
        .any(|(built_in, _)| *built_in == key)
    {
        return Err(ParseError::new(
            "key",
            format!("'{key}' is built in already"),
        ));
    }
    let label = label.trim();
    if label.is_empty() || label.chars().count() > MAX_PROCESS_LABEL_CHARS {
        return Err(ParseError::new(
            "label",
            format!("must have 1 to {MAX_PROCESS_LABEL_CHARS} characters"),
        ));
    }
    Ok((key.to_string(), label.to_string()))
}

/// An instant as ISO 8601: with an offset it is that instant; without one it is wall-clock time
/// in `zone`; a bare date is 12:00 in `zone`. (The API and the import pass UTC, as METHOD.md
/// section 2 says; the form passes the team's time zone, which is what people type in.)
pub fn parse_instant(
    field: &'static str,
    raw: &str,
    zone: Tz,
) -> Result<DateTime<Utc>, ParseError> {
    let text = raw.trim();
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Ok(instant.with_timezone(&Utc));
    }
    let wall_clock = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
    .or_else(|| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .map(|date| date.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()))
    });
    let Some(wall_clock) = wall_clock else {
        return Err(ParseError::new(
            field,
            "must be a date and time like 2026-12-01T14:30 (or 2026-12-01T14:30:00+01:00)",
        ));
    };
    // A time skipped by a clock change does not exist; a repeated one is taken the first time.
    zone.from_local_datetime(&wall_clock)
        .earliest()
        .map(|instant| instant.with_timezone(&Utc))
        .ok_or_else(|| {
            ParseError::new(
                field,
                format!(
                    "{wall_clock} does not exist in {} (the clocks changed)",
                    zone.name()
                ),
            )
        })
}

/// Where a decision is written down: a link or a few words; empty means it is not.
pub fn parse_documentation(raw: Option<&str>) -> Result<Option<String>, ParseError> {
    let Some(text) = raw.map(str::trim).filter(|text| !text.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > MAX_DOCUMENTATION_CHARS {
        return Err(ParseError::new(
            "documentation",
            format!("may have at most {MAX_DOCUMENTATION_CHARS} characters"),
        ));
    }
    Ok(Some(text.to_string()))
}

/// When a decision was decided: never before it was raised, never in the future.
pub fn check_decided(
    raised_at: DateTime<Utc>,
    decided_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), ParseError> {
    if decided_at < raised_at {
        return Err(ParseError::new(
            "decided_at",
            "a decision cannot be decided before it was raised",
        ));
    }
    if decided_at > now + chrono::Duration::minutes(5) {
        return Err(ParseError::new("decided_at", "cannot be in the future"));
    }
    Ok(())
}

/// A decision as logged, valid once held.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDecision {
    pub title: String,
    pub process_type: String,
    pub raised_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    /// The link or text; `None` when it is not written down.
    pub documentation: Option<String>,
}

/// What a decision form or request holds, as typed.
pub struct DecisionDraft<'a> {
    pub title: &'a str,
    pub process_type: &'a str,
    pub raised_at: &'a str,
    /// Empty while the decision is open.
    pub decided_at: &'a str,
    pub documentation: Option<&'a str>,
}

impl NewDecision {
    /// Parses every field (the first problem is reported): `custom` are HR's process type keys,
    /// `zone` the time zone of times typed without an offset.
    pub fn parse(
        draft: &DecisionDraft<'_>,
        custom: &[String],
        zone: Tz,
        now: DateTime<Utc>,
    ) -> Result<Self, ParseError> {
        let title = parse_title(draft.title)?;
        let process_type = parse_process_type(draft.process_type, custom)?;
        let raised_at = parse_instant("raised_at", draft.raised_at, zone)?;
        if raised_at > now + chrono::Duration::minutes(5) {
            return Err(ParseError::new("raised_at", "cannot be in the future"));
        }
        let decided_at = match draft.decided_at.trim() {
            "" => None,
            text => {
                let decided_at = parse_instant("decided_at", text, zone)?;
                check_decided(raised_at, decided_at, now)?;
                Some(decided_at)
            }
        };
        let documentation = parse_documentation(draft.documentation)?;
        Ok(Self {
            title,
            process_type,
            raised_at,
            decided_at,
            documentation,
        })
    }
}

/// Hours from raised to decided.
pub fn hours_to_decide(raised_at: DateTime<Utc>, decided_at: DateTime<Utc>) -> f64 {
    (decided_at - raised_at).num_milliseconds() as f64 / 3_600_000.0
}

/// The median (the mean of the two middle values for an even count), or none of nothing.
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[middle - 1] + values[middle]) / 2.0
    } else {
        values[middle]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("instant")
            .with_timezone(&Utc)
    }

    fn now() -> DateTime<Utc> {
        at("2026-12-10T12:00:00Z")
    }

    fn draft<'a>(raised_at: &'a str, decided_at: &'a str) -> DecisionDraft<'a> {
        DecisionDraft {
            title: "Move stand-up to a written update",
            process_type: "operations",
            raised_at,
            decided_at,
            documentation: None,
        }
    }

    #[test]
    fn a_title_has_one_to_two_hundred_characters() {
        assert!(parse_title("  ").is_err());
        assert!(parse_title(&"x".repeat(201)).is_err());
        assert_eq!(
            parse_title(" Hire a designer "),
            Ok("Hire a designer".into())
        );
    }

    #[test]
    fn process_types_are_the_built_in_ones_or_those_hr_defined() {
        assert_eq!(parse_process_type("budget", &[]), Ok("budget".into()));
        let error = parse_process_type("security", &[]).expect_err("unknown");
        assert_eq!(error.field, "process_type");
        assert_eq!(
            parse_process_type("security", &["security".into()]),
            Ok("security".into())
        );
    }

    #[test]
    fn a_new_process_type_has_a_lower_case_key_that_is_not_built_in() {
        assert_eq!(
            parse_new_process_type(" security_review ", " Security review "),
            Ok(("security_review".into(), "Security review".into()))
        );
        assert_eq!(
            parse_new_process_type("Security", "S")
                .expect_err("case")
                .field,
            "key"
        );
        assert_eq!(
            parse_new_process_type("hiring", "H")
                .expect_err("built in")
                .field,
            "key"
        );
        assert_eq!(
            parse_new_process_type("legal", " ")
                .expect_err("label")
                .field,
            "label"
        );
    }

    #[test]
    fn an_instant_without_an_offset_is_wall_clock_time_in_the_given_zone() {
        let berlin: Tz = "Europe/Berlin".parse().expect("zone");
        assert_eq!(
            parse_instant("raised_at", "2026-12-01T14:30", berlin),
            Ok(at("2026-12-01T13:30:00Z"))
        );
        assert_eq!(
            parse_instant("raised_at", "2026-12-01T14:30", Tz::UTC),
            Ok(at("2026-12-01T14:30:00Z"))
        );
        assert_eq!(
            parse_instant("raised_at", "2026-12-01T14:30:00+01:00", Tz::UTC),
            Ok(at("2026-12-01T13:30:00Z"))
        );
    }

    #[test]
    fn a_bare_date_means_noon_and_nonsense_names_the_field() {
        assert_eq!(
            parse_instant("raised_at", "2026-12-01", Tz::UTC),
            Ok(at("2026-12-01T12:00:00Z"))
        );
        assert_eq!(
            parse_instant("decided_at", "yesterday", Tz::UTC)
                .expect_err("words")
                .field,
            "decided_at"
        );
    }

    #[test]
    fn a_time_the_clocks_skipped_is_refused() {
        let berlin: Tz = "Europe/Berlin".parse().expect("zone");
        assert!(parse_instant("raised_at", "2026-03-29T02:30", berlin).is_err());
    }

    #[test]
    fn a_decision_may_stay_open() {
        let decision =
            NewDecision::parse(&draft("2026-12-01T09:00", ""), &[], Tz::UTC, now()).expect("valid");
        assert_eq!(decision.decided_at, None);
        assert_eq!(decision.documentation, None);
    }

    #[test]
    fn a_decision_decided_before_it_was_raised_is_refused() {
        let error = NewDecision::parse(
            &draft("2026-12-02T09:00", "2026-12-01T09:00"),
            &[],
            Tz::UTC,
            now(),
        )
        .expect_err("before");
        assert_eq!(error.field, "decided_at");
        assert!(NewDecision::parse(
            &draft("2026-12-02T09:00", "2026-12-02T09:00"),
            &[],
            Tz::UTC,
            now()
        )
        .is_ok());
    }

    #[test]
    fn a_decision_raised_or_decided_in_the_future_is_refused() {
        let later = NewDecision::parse(&draft("2026-12-11T09:00", ""), &[], Tz::UTC, now());
        assert_eq!(later.expect_err("future").field, "raised_at");
        let decided = NewDecision::parse(
            &draft("2026-12-01T09:00", "2026-12-11T09:00"),
            &[],
            Tz::UTC,
            now(),
        );
        assert_eq!(decided.expect_err("future").field, "decided_at");
    }

    #[test]
    fn documentation_is_a_link_or_text_and_blank_means_not_documented() {
        assert_eq!(parse_documentation(None), Ok(None));
        assert_eq!(parse_documentation(Some("  ")), Ok(None));
        assert_eq!(
            parse_documentation(Some(" https://wiki.example.org/adr/12 ")),
            Ok(Some("https://wiki.example.org/adr/12".into()))
        );
        assert!(parse_documentation(Some(&"x".repeat(2_001))).is_err());
    }

    #[test]
    fn hours_to_decide_and_their_median() {
        assert_eq!(
            hours_to_decide(at("2026-12-01T09:00:00Z"), at("2026-12-02T10:30:00Z")),
            25.5
        );
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn any_text_is_an_instant_or_an_error_naming_its_field(text in ".{0,40}") {
                if let Err(error) = parse_instant("raised_at", &text, Tz::UTC) {
                    prop_assert_eq!(error.field, "raised_at");
                }
            }

            #[test]
            fn an_instant_written_with_its_offset_reads_back_unchanged(
                seconds in 0i64..4_000_000_000,
                offset_minutes in -720i32..=840,
            ) {
                let instant = DateTime::from_timestamp(seconds, 0).expect("in range");
                let offset = chrono::FixedOffset::east_opt(offset_minutes * 60).expect("offset");
                let text = instant.with_timezone(&offset).to_rfc3339();
                prop_assert_eq!(parse_instant("raised_at", &text, Tz::UTC), Ok(instant));
            }
        }
    }
}
