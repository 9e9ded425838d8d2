//! A team's communication charter: its channels, what each is for and how fast a reply is
//! expected. Every save is a new dated version; the report compares felt reply times with the
//! version in force on each day (METHOD.md section 3, `response_expectation_gap`).

use super::measure::is_channel_name;
use crate::domain::ParseError;
use chrono::NaiveDate;

/// The most a purpose may say.
pub const MAX_PURPOSE_CHARS: usize = 500;
/// The most a note on a version may say.
pub const MAX_NOTE_CHARS: usize = 1_000;
/// The longest expected reply time: 30 days.
pub const MAX_REPLY_HOURS: f64 = 720.0;
/// The most channels one charter names.
pub const MAX_CHANNELS: usize = 20;

/// One channel of a charter: a valid name, its purpose and the expected reply time.
#[derive(Debug, Clone, PartialEq)]
pub struct Channel {
    name: String,
    purpose: String,
    reply_hours: f64,
}

impl Channel {
    /// Parses the channel at `position` (counting from 1, for the message).
    pub fn new(
        position: usize,
        name: &str,
        purpose: &str,
        reply_hours: f64,
    ) -> Result<Self, ParseError> {
        let name = name.trim();
        if !is_channel_name(name) {
            return Err(ParseError::new(
                "channels",
                format!(
                    "channel {position}: the name must be lower-case letters, digits, '-' or '_', \
                     starting with a letter (like chat or email)"
                ),
            ));
        }
        let purpose = purpose.trim();
        if purpose.chars().count() > MAX_PURPOSE_CHARS {
            return Err(ParseError::new(
                "channels",
                format!("channel {position} ({name}): the purpose may have at most {MAX_PURPOSE_CHARS} characters"),
            ));
        }
        if !(reply_hours.is_finite() && reply_hours > 0.0 && reply_hours <= MAX_REPLY_HOURS) {
            return Err(ParseError::new(
                "channels",
                format!("channel {position} ({name}): the reply time must be more than 0 and at most {MAX_REPLY_HOURS} hours"),
            ));
        }
        Ok(Self {
            name: name.to_string(),
            purpose: purpose.to_string(),
            reply_hours,
        })
    }

    /// Lower-case, as felt reply times name it (`chat`, `email`, `doc-comments`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What the channel is for (may be empty).
    pub fn purpose(&self) -> &str {
        &self.purpose
    }

    /// Hours within which a reply is expected: more than 0, at most 720.
    pub fn reply_hours(&self) -> f64 {
        self.reply_hours
    }
}

/// Reply hours as typed in a form: a number, with a comma accepted as the decimal mark.
pub fn parse_reply_hours(position: usize, raw: &str) -> Result<f64, ParseError> {
    raw.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|hours| hours.is_finite())
        .ok_or_else(|| {
            ParseError::new(
                "channels",
                format!("channel {position}: the reply time must be a number of hours"),
            )
        })
}

/// A version of a charter as a manager saved it: valid once held.
#[derive(Debug, Clone, PartialEq)]
pub struct CharterVersion {
    effective_from: NaiveDate,
    current_norms: bool,
    note: String,
    channels: Vec<Channel>,
}

impl CharterVersion {
    /// At least one channel, none twice, a note of at most 1,000 characters.
    pub fn new(
        effective_from: NaiveDate,
        current_norms: bool,
        note: &str,
        channels: Vec<Channel>,
    ) -> Result<Self, ParseError> {
        if channels.is_empty() {
            return Err(ParseError::new(
                "channels",
                "name at least one channel (for example chat) with its reply time",
            ));
        }
        if channels.len() > MAX_CHANNELS {
            return Err(ParseError::new(
                "channels",
                format!("a charter names at most {MAX_CHANNELS} channels"),
            ));
        }
        for (index, channel) in channels.iter().enumerate() {
            if channels[..index]
                .iter()
                .any(|earlier| earlier.name == channel.name)
            {
                return Err(ParseError::new(
                    "channels",
                    format!("channel {}: {} is named twice", index + 1, channel.name),
                ));
            }
        }
        let note = note.trim();
        if note.chars().count() > MAX_NOTE_CHARS {
            return Err(ParseError::new(
                "note",
                format!("may have at most {MAX_NOTE_CHARS} characters"),
            ));
        }
        Ok(Self {
            effective_from,
            current_norms,
            note: note.to_string(),
            channels,
        })
    }

    pub fn effective_from(&self) -> NaiveDate {
        self.effective_from
    }

    /// True when this version records the norms the team already had (a baseline charter).
    pub fn current_norms(&self) -> bool {
        self.current_norms
    }

    pub fn note(&self) -> &str {
        &self.note
    }

    pub fn channels(&self) -> &[Channel] {
        &self.channels
    }
}

/// An effective-from date as typed: `YYYY-MM-DD`.
pub fn parse_effective_from(raw: &str) -> Result<NaiveDate, ParseError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
        ParseError::new(
            "effective_from",
            "must be a date (YYYY-MM-DD) from which the charter applies",
        )
    })
}

/// What [`in_force_on`] needs to know of a stored version.
pub trait Dated {
    fn version(&self) -> i32;
    fn effective_from(&self) -> NaiveDate;
}

/// The version in force on `date`: the latest `effective_from` on or before it, and of
/// versions effective the same day the later saved one (the higher version number), so a
/// correction made the same day wins.
pub fn in_force_on<V: Dated>(versions: &[V], date: NaiveDate) -> Option<&V> {
    versions
        .iter()
        .filter(|version| version.effective_from() <= date)
        .max_by_key(|version| (version.effective_from(), version.version()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn chat() -> Channel {
        Channel::new(1, "chat", "quick questions", 4.0).expect("valid")
    }

    struct Stored(i32, &'static str);

    impl Dated for Stored {
        fn version(&self) -> i32 {
            self.0
        }
        fn effective_from(&self) -> NaiveDate {
            day(self.1)
        }
    }

    #[test]
    fn a_channel_needs_a_lower_case_name() {
        assert!(Channel::new(1, "Chat", "", 4.0).is_err());
        assert!(Channel::new(1, "", "", 4.0).is_err());
        assert!(Channel::new(1, "doc comments", "", 4.0).is_err());
        let channel = Channel::new(1, " doc-comments ", " reviews ", 24.0).expect("valid");
        assert_eq!(channel.name, "doc-comments");
        assert_eq!(channel.purpose, "reviews");
    }

    #[test]
    fn reply_hours_must_be_more_than_zero_and_at_most_thirty_days() {
        assert!(Channel::new(1, "chat", "", 0.0).is_err());
        assert!(Channel::new(1, "chat", "", -1.0).is_err());
        assert!(Channel::new(1, "chat", "", 720.5).is_err());
        assert!(Channel::new(1, "chat", "", f64::NAN).is_err());
        assert!(Channel::new(1, "chat", "", 0.25).is_ok());
        assert!(Channel::new(1, "chat", "", 720.0).is_ok());
    }

    #[test]
    fn a_purpose_longer_than_500_characters_is_refused_and_the_message_names_the_channel() {
        let error = Channel::new(2, "email", &"x".repeat(501), 24.0).expect_err("too long");
        assert_eq!(error.field, "channels");
        assert!(error.message.contains("channel 2 (email)"), "{error}");
        assert!(Channel::new(2, "email", &"x".repeat(500), 24.0).is_ok());
    }

    #[test]
    fn typed_reply_hours_accept_a_decimal_comma_and_refuse_words() {
        assert_eq!(parse_reply_hours(1, " 1,5 "), Ok(1.5));
        assert_eq!(parse_reply_hours(1, "24"), Ok(24.0));
        assert!(parse_reply_hours(3, "soon").is_err());
        assert!(parse_reply_hours(3, "inf").is_err());
    }

    #[test]
    fn a_charter_needs_at_least_one_channel_and_no_channel_twice() {
        let from = day("2026-12-01");
        assert_eq!(
            CharterVersion::new(from, false, "", vec![])
                .expect_err("empty")
                .field,
            "channels"
        );
        let twice = CharterVersion::new(from, false, "", vec![chat(), chat()]).expect_err("twice");
        assert!(twice.message.contains("chat is named twice"), "{twice}");
        let charter =
            CharterVersion::new(from, true, " as we work today ", vec![chat()]).expect("valid");
        assert!(charter.current_norms());
        assert_eq!(charter.note(), "as we work today");
        assert_eq!(charter.effective_from(), from);
    }

    #[test]
    fn the_effective_date_must_be_a_calendar_date() {
        assert_eq!(parse_effective_from("2026-12-01"), Ok(day("2026-12-01")));
        assert!(parse_effective_from("2026-02-30").is_err());
        assert!(parse_effective_from("").is_err());
    }

    #[test]
    fn the_version_in_force_is_the_latest_effective_on_or_before_the_day() {
        let versions = [
            Stored(1, "2026-01-01"),
            Stored(2, "2026-03-01"),
            Stored(3, "2026-02-01"),
        ];
        assert!(in_force_on(&versions, day("2025-12-31")).is_none());
        assert_eq!(
            in_force_on(&versions, day("2026-01-31")).map(|v| v.0),
            Some(1)
        );
        assert_eq!(
            in_force_on(&versions, day("2026-02-01")).map(|v| v.0),
            Some(3)
        );
        assert_eq!(
            in_force_on(&versions, day("2026-03-01")).map(|v| v.0),
            Some(2)
        );
    }

    #[test]
    fn of_two_versions_effective_the_same_day_the_higher_version_is_in_force() {
        let versions = [Stored(2, "2026-01-01"), Stored(1, "2026-01-01")];
        assert_eq!(
            in_force_on(&versions, day("2026-01-01")).map(|v| v.0),
            Some(2)
        );
    }
}
