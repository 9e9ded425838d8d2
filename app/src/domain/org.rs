//! The organisation's vocabulary: working patterns, time zones, team and department names.
//! (The lists and forms that carry them over the network are in `wire::{departments, teams}`.)

use serde::{Deserialize, Serialize};

use super::ParseError;

/// How someone works, for the equity checks later (part-timers must not be left behind).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WorkingPattern {
    FullTime,
    PartTime,
    Other,
}

impl WorkingPattern {
    pub const ALL: [WorkingPattern; 3] = [Self::FullTime, Self::PartTime, Self::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::FullTime => "full_time",
            Self::PartTime => "part_time",
            Self::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::FullTime => "Full-time",
            Self::PartTime => "Part-time",
            Self::Other => "Other",
        }
    }

    /// Accepts the spellings HR systems export ("Full time", "FT", "part-time"…); empty means
    /// full-time, the common case.
    pub fn parse(value: &str) -> Result<Self, ParseError> {
        let key: String = value
            .trim()
            .to_lowercase()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        match key.as_str() {
            "" | "fulltime" | "ft" | "full" | "regularfulltime" => Ok(Self::FullTime),
            "parttime" | "pt" | "part" | "regularparttime" => Ok(Self::PartTime),
            "other" | "flexible" | "contractor" | "shift" | "compressed" => Ok(Self::Other),
            _ => Err(ParseError::new(
                "working_pattern",
                format!(
                    "'{}' is not a working pattern (full_time, part_time or other)",
                    value.trim()
                ),
            )),
        }
    }
}

/// An IANA time zone name such as `Europe/Berlin`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TimeZoneName(String);

impl TimeZoneName {
    /// Empty means UTC.
    pub fn parse(value: &str) -> Result<Self, ParseError> {
        let value = value.trim();
        if value.is_empty() {
            return Ok(Self("UTC".into()));
        }
        value
            .parse::<chrono_tz::Tz>()
            .map(|zone| Self(zone.name().to_string()))
            .map_err(|_| {
                ParseError::new(
                    "timezone",
                    format!("'{value}' is not a known time zone (use a name like Europe/Berlin)"),
                )
            })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A team or department name: trimmed, 1 to 80 characters.
pub fn parse_unit_name(field: &'static str, value: &str) -> Result<String, ParseError> {
    let name = value.trim();
    if name.is_empty() {
        return Err(ParseError::new(field, "is required"));
    }
    if name.chars().count() > 80 {
        return Err(ParseError::new(field, "is longer than 80 characters"));
    }
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hr_spellings_of_working_patterns_are_understood() {
        assert_eq!(
            WorkingPattern::parse("Full time"),
            Ok(WorkingPattern::FullTime)
        );
        assert_eq!(
            WorkingPattern::parse("PART-TIME"),
            Ok(WorkingPattern::PartTime)
        );
        assert_eq!(WorkingPattern::parse(""), Ok(WorkingPattern::FullTime));
        assert!(WorkingPattern::parse("weekends only").is_err());
    }

    #[test]
    fn time_zones_are_iana_names() {
        assert_eq!(
            TimeZoneName::parse(" Europe/Berlin ").map(|z| z.0),
            Ok("Europe/Berlin".into())
        );
        assert_eq!(TimeZoneName::parse("").map(|z| z.0), Ok("UTC".into()));
        let error = TimeZoneName::parse("Mars/Olympus").expect_err("unknown");
        assert!(error.message.contains("Mars/Olympus"));
    }
}
