//! The raw measures of METHOD.md section 2: their keys, qualifiers and allowed values. Every
//! writer (the check-in form, pulses, the metric import, calendar import) goes through
//! [`EntryValue::new`], so a value out of range cannot reach the database from any side.

use chrono::{NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

/// A built-in measure, or an HR-defined one (`custom:<key>`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Measure {
    Energy,
    FocusPlannedHours,
    FocusAchievedHours,
    MeetingHours,
    Meetings,
    AsyncableMeetings,
    CalendarFocusHours,
    FeltReplyHours,
    ContributionQuality,
    CulturalAlignment,
    Satisfaction,
    Burnout,
    /// The key after `custom:`.
    Custom(String),
}

/// What a measure's qualifier must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QualifierRule {
    /// No qualifier (stored as '').
    None,
    /// `morning`, `afternoon` or `evening`.
    PartOfDay,
    /// Any lower-case channel name: `chat`, `email`, `phone`…
    Channel,
    /// `self` or `manager`.
    Rater,
    /// `s1` … `s6`.
    Statement,
}

/// The allowed values of an HR-defined metric, as the import and the form check them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomRange {
    pub key: String,
    pub min: f64,
    pub max: f64,
}

impl Measure {
    pub const BUILT_IN: [Measure; 12] = [
        Self::Energy,
        Self::FocusPlannedHours,
        Self::FocusAchievedHours,
        Self::MeetingHours,
        Self::Meetings,
        Self::AsyncableMeetings,
        Self::CalendarFocusHours,
        Self::FeltReplyHours,
        Self::ContributionQuality,
        Self::CulturalAlignment,
        Self::Satisfaction,
        Self::Burnout,
    ];

    /// The spelling of the CSV, the database and the API.
    pub fn key(&self) -> String {
        match self {
            Self::Custom(key) => format!("custom:{key}"),
            built_in => built_in.built_in_key().to_string(),
        }
    }

    fn built_in_key(&self) -> &'static str {
        match self {
            Self::Energy => "energy",
            Self::FocusPlannedHours => "focus_planned_hours",
            Self::FocusAchievedHours => "focus_achieved_hours",
            Self::MeetingHours => "meeting_hours",
            Self::Meetings => "meetings",
            Self::AsyncableMeetings => "asyncable_meetings",
            Self::CalendarFocusHours => "calendar_focus_hours",
            Self::FeltReplyHours => "felt_reply_hours",
            Self::ContributionQuality => "contribution_quality",
            Self::CulturalAlignment => "cultural_alignment",
            Self::Satisfaction => "satisfaction",
            Self::Burnout => "burnout",
            Self::Custom(_) => "custom",
        }
    }

    /// A stored or imported key; `custom:<key>` only when HR defined that key.
    pub fn parse(key: &str, custom: &[CustomRange]) -> Option<Measure> {
        if let Some(custom_key) = key.strip_prefix("custom:") {
            return custom
                .iter()
                .any(|range| range.key == custom_key)
                .then(|| Self::Custom(custom_key.to_string()));
        }
        Self::BUILT_IN
            .into_iter()
            .find(|measure| measure.built_in_key() == key)
    }

    pub fn qualifier_rule(&self) -> QualifierRule {
        match self {
            Self::Energy => QualifierRule::PartOfDay,
            Self::FeltReplyHours => QualifierRule::Channel,
            Self::ContributionQuality => QualifierRule::Rater,
            Self::CulturalAlignment => QualifierRule::Statement,
            _ => QualifierRule::None,
        }
    }

    /// A value of this measure on a day makes it a check-in day (METHOD.md section 2).
    pub fn makes_checkin_day(&self) -> bool {
        matches!(
            self,
            Self::Energy
                | Self::FocusPlannedHours
                | Self::FocusAchievedHours
                | Self::FeltReplyHours
        )
    }

    /// Why `value` is not allowed for this measure, if it is not.
    pub fn check_value(&self, value: f64, custom: &[CustomRange]) -> Result<(), String> {
        if !value.is_finite() {
            return Err("the value is not a number".into());
        }
        let whole = |low: f64, high: f64| {
            if value.fract() != 0.0 || value < low || value > high {
                Err(format!("must be a whole number from {low} to {high}"))
            } else {
                Ok(())
            }
        };
        let within = |low: f64, high: f64| {
            if value < low || value > high {
                Err(format!("must be from {low} to {high}"))
            } else {
                Ok(())
            }
        };
        match self {
            Self::Energy | Self::ContributionQuality | Self::CulturalAlignment => whole(1.0, 5.0),
            Self::Satisfaction => whole(0.0, 10.0),
            Self::Burnout => whole(0.0, 1.0).map_err(|_| "must be 0 or 1".to_string()),
            Self::FocusPlannedHours
            | Self::FocusAchievedHours
            | Self::MeetingHours
            | Self::CalendarFocusHours => within(0.0, 24.0),
            Self::Meetings | Self::AsyncableMeetings => {
                if value < 0.0 || value.fract() != 0.0 {
                    Err("must be a whole number, 0 or more".into())
                } else {
                    Ok(())
                }
            }
            Self::FeltReplyHours => {
                if value > 0.0 {
                    Ok(())
                } else {
                    Err("must be more than 0 hours".into())
                }
            }
            Self::Custom(key) => match custom.iter().find(|range| &range.key == key) {
                Some(range) => within(range.min, range.max),
                None => Err(format!("custom:{key} is not a metric HR defined")),
            },
        }
    }

    /// The qualifier as stored ('' when the measure takes none), or why it is refused.
    pub fn check_qualifier(&self, raw: &str) -> Result<String, String> {
        let qualifier = raw.trim();
        let rule = self.qualifier_rule();
        if rule == QualifierRule::None {
            return if qualifier.is_empty() {
                Ok(String::new())
            } else {
                Err(format!("{} takes no qualifier", self.key()))
            };
        }
        if qualifier.is_empty() {
            return Err(format!(
                "{} needs a qualifier ({})",
                self.key(),
                rule.describe()
            ));
        }
        let known = match rule {
            QualifierRule::PartOfDay => PartOfDay::parse(qualifier).is_some(),
            QualifierRule::Rater => matches!(qualifier, "self" | "manager"),
            QualifierRule::Statement => {
                matches!(qualifier, "s1" | "s2" | "s3" | "s4" | "s5" | "s6")
            }
            QualifierRule::Channel => is_channel_name(qualifier),
            QualifierRule::None => false,
        };
        if known {
            Ok(qualifier.to_string())
        } else {
            Err(format!(
                "'{}' is not a qualifier of {} ({})",
                crate::domain::audit::clip(qualifier.to_string(), 40),
                self.key(),
                rule.describe()
            ))
        }
    }
}

impl QualifierRule {
    fn describe(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::PartOfDay => "morning, afternoon or evening",
            Self::Channel => "a lower-case channel name such as chat or email",
            Self::Rater => "self or manager",
            Self::Statement => "s1 to s6",
        }
    }
}

/// A channel name: lower-case letters, digits, `_` and `-`, at most 40 characters.
pub fn is_channel_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 40
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// When in the day an energy rating was given: before 12:00, 12:00–17:00, after 17:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PartOfDay {
    Morning,
    Afternoon,
    Evening,
}

impl PartOfDay {
    pub const ALL: [PartOfDay; 3] = [Self::Morning, Self::Afternoon, Self::Evening];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Morning => "morning",
            Self::Afternoon => "afternoon",
            Self::Evening => "evening",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Morning => "Morning",
            Self::Afternoon => "Afternoon",
            Self::Evening => "Evening",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|part| part.as_str() == value)
    }

    /// The part of day a local clock time falls in (12:00 is afternoon, 17:00 evening).
    pub fn of_time(time: NaiveTime) -> Self {
        match time.hour() {
            0..=11 => Self::Morning,
            12..=16 => Self::Afternoon,
            _ => Self::Evening,
        }
    }
}

/// One value ready to store: its measure, qualifier and value agree with METHOD.md section 2.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryValue {
    measure: Measure,
    qualifier: String,
    value: f64,
}

impl EntryValue {
    /// Parses a qualifier and checks a value, in the order the import reports them: the
    /// qualifier first, then the value.
    pub fn new(
        measure: Measure,
        qualifier: &str,
        value: f64,
        custom: &[CustomRange],
    ) -> Result<Self, String> {
        let qualifier = measure.check_qualifier(qualifier)?;
        measure
            .check_value(value, custom)
            .map_err(|reason| format!("{}: {reason}", measure.key()))?;
        Ok(Self {
            measure,
            qualifier,
            value,
        })
    }

    pub fn measure(&self) -> &Measure {
        &self.measure
    }

    pub fn qualifier(&self) -> &str {
        &self.qualifier
    }

    pub fn value(&self) -> f64 {
        self.value
    }
}

/// A stored entry as its author sees it (and as the reports read it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: i64,
    pub person_id: i64,
    pub date: NaiveDate,
    pub measure: String,
    pub qualifier: String,
    pub value: f64,
    pub source: EntrySource,
}

/// What wrote an entry. A later write replaces an earlier one whatever its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EntrySource {
    Checkin,
    Import,
    Calendar,
    Pulse,
}

impl EntrySource {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Checkin => "checkin",
            Self::Import => "import",
            Self::Calendar => "calendar",
            Self::Pulse => "pulse",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Checkin, Self::Import, Self::Calendar, Self::Pulse]
            .into_iter()
            .find(|source| source.as_str() == value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mood() -> Vec<CustomRange> {
        vec![CustomRange {
            key: "mood".into(),
            min: -2.0,
            max: 2.0,
        }]
    }

    #[test]
    fn every_built_in_key_parses_back_to_its_measure() {
        for measure in Measure::BUILT_IN {
            assert_eq!(Measure::parse(&measure.key(), &[]), Some(measure));
        }
        assert_eq!(Measure::parse("mood", &mood()), None);
        assert_eq!(
            Measure::parse("custom:mood", &mood()),
            Some(Measure::Custom("mood".into()))
        );
        assert_eq!(Measure::parse("custom:sleep", &mood()), None);
    }

    #[test]
    fn whole_number_measures_refuse_fractions_and_out_of_range_values() {
        assert!(Measure::Energy.check_value(3.0, &[]).is_ok());
        assert!(Measure::Energy.check_value(3.5, &[]).is_err());
        assert!(Measure::Energy.check_value(0.0, &[]).is_err());
        assert!(Measure::Satisfaction.check_value(0.0, &[]).is_ok());
        assert!(Measure::Satisfaction.check_value(11.0, &[]).is_err());
        assert!(Measure::Burnout.check_value(1.0, &[]).is_ok());
        assert!(Measure::Burnout.check_value(0.5, &[]).is_err());
        assert!(Measure::Meetings.check_value(-1.0, &[]).is_err());
        assert!(Measure::MeetingHours.check_value(24.0, &[]).is_ok());
        assert!(Measure::MeetingHours.check_value(24.5, &[]).is_err());
        assert!(Measure::FeltReplyHours.check_value(0.0, &[]).is_err());
        assert!(Measure::FeltReplyHours.check_value(f64::NAN, &[]).is_err());
        let custom = Measure::Custom("mood".into());
        assert!(custom.check_value(-2.0, &mood()).is_ok());
        assert!(custom.check_value(2.5, &mood()).is_err());
    }

    #[test]
    fn qualifiers_follow_each_measures_rule() {
        assert_eq!(
            Measure::Energy.check_qualifier("morning"),
            Ok("morning".into())
        );
        assert!(Measure::Energy.check_qualifier("").is_err());
        assert!(Measure::Energy.check_qualifier("night").is_err());
        assert_eq!(Measure::MeetingHours.check_qualifier(""), Ok(String::new()));
        assert!(Measure::MeetingHours.check_qualifier("chat").is_err());
        assert_eq!(
            Measure::FeltReplyHours.check_qualifier("chat"),
            Ok("chat".into())
        );
        assert!(Measure::FeltReplyHours.check_qualifier("Chat").is_err());
        assert!(Measure::ContributionQuality
            .check_qualifier("peer")
            .is_err());
        assert!(Measure::CulturalAlignment.check_qualifier("s6").is_ok());
        assert!(Measure::CulturalAlignment.check_qualifier("s7").is_err());
    }

    #[test]
    fn noon_is_afternoon_and_five_is_evening() {
        let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("time");
        assert_eq!(PartOfDay::of_time(at(11, 59)), PartOfDay::Morning);
        assert_eq!(PartOfDay::of_time(at(12, 0)), PartOfDay::Afternoon);
        assert_eq!(PartOfDay::of_time(at(16, 59)), PartOfDay::Afternoon);
        assert_eq!(PartOfDay::of_time(at(17, 0)), PartOfDay::Evening);
    }

    #[test]
    fn an_entry_value_reports_the_qualifier_before_the_value() {
        let error = EntryValue::new(Measure::Energy, "", 9.0, &[]).expect_err("both wrong");
        assert!(error.contains("qualifier"), "{error}");
        let error = EntryValue::new(Measure::Energy, "morning", 9.0, &[]).expect_err("value");
        assert!(error.starts_with("energy:"), "{error}");
    }
}
