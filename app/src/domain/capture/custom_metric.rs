//! An HR-defined metric (`custom:<key>`): a key the CSV and the API spell, a label and unit for
//! people, whether higher or lower is better, and the range of values an entry may take.

use serde::{Deserialize, Serialize};

use super::measure::CustomRange;
use crate::domain::ParseError;

pub use crate::domain::metrics::Direction;

/// The raw form fields, exactly as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CustomMetricInput {
    pub key: String,
    pub label: String,
    #[serde(default)]
    pub unit: String,
    /// `higher_is_better` or `lower_is_better`.
    pub direction: String,
    pub min_value: String,
    pub max_value: String,
}

/// A valid definition: once you hold one, its key and range are usable.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomMetric {
    key: String,
    label: String,
    unit: String,
    direction: Direction,
    min: f64,
    max: f64,
}

const KEY_MAX: usize = 40;
const LABEL_MAX: usize = 100;
const UNIT_MAX: usize = 30;

impl CustomMetric {
    pub fn parse(input: &CustomMetricInput) -> Result<Self, ParseError> {
        let key = input.key.trim().to_string();
        let key_ok = !key.is_empty()
            && key.len() <= KEY_MAX
            && key.starts_with(|c: char| c.is_ascii_lowercase())
            && key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !key_ok {
            return Err(ParseError::new(
                "key",
                format!(
                    "must start with a lower-case letter and use only a-z, 0-9 and _ (at most {KEY_MAX})"
                ),
            ));
        }
        let label = input.label.trim().to_string();
        if label.is_empty() || label.chars().count() > LABEL_MAX {
            return Err(ParseError::new(
                "label",
                format!("is required, at most {LABEL_MAX} characters"),
            ));
        }
        let unit = input.unit.trim().to_string();
        if unit.chars().count() > UNIT_MAX {
            return Err(ParseError::new(
                "unit",
                format!("at most {UNIT_MAX} characters"),
            ));
        }
        let direction = Direction::parse(input.direction.trim()).ok_or_else(|| {
            ParseError::new("direction", "must be higher_is_better or lower_is_better")
        })?;
        let number = |field: &'static str, raw: &str| {
            super::import_csv::parse_number(raw)
                .filter(|value| value.is_finite())
                .ok_or_else(|| ParseError::new(field, format!("'{}' is not a number", raw.trim())))
        };
        let min = number("min_value", &input.min_value)?;
        let max = number("max_value", &input.max_value)?;
        if min >= max {
            return Err(ParseError::new(
                "max_value",
                "must be greater than the minimum",
            ));
        }
        Ok(Self {
            key,
            label,
            unit,
            direction,
            min,
            max,
        })
    }

    pub fn key(&self) -> &str {
        &self.key
    }
    pub fn label(&self) -> &str {
        &self.label
    }
    pub fn unit(&self) -> &str {
        &self.unit
    }
    pub fn direction(&self) -> Direction {
        self.direction
    }
    pub fn min(&self) -> f64 {
        self.min
    }
    pub fn max(&self) -> f64 {
        self.max
    }

    pub fn range(&self) -> CustomRange {
        CustomRange {
            key: self.key.clone(),
            min: self.min,
            max: self.max,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> CustomMetricInput {
        CustomMetricInput {
            key: "deploys".into(),
            label: "Deploys per day".into(),
            unit: "deploys".into(),
            direction: "higher_is_better".into(),
            min_value: "0".into(),
            max_value: "50".into(),
        }
    }

    #[test]
    fn a_complete_definition_parses_with_its_range() {
        let metric = CustomMetric::parse(&input()).expect("valid");
        assert_eq!(metric.key(), "deploys");
        assert_eq!(metric.direction(), Direction::HigherIsBetter);
        assert_eq!(metric.range().max, 50.0);
    }

    #[test]
    fn keys_are_lower_case_identifiers_of_at_most_forty_characters() {
        for bad in [
            "",
            "Deploys",
            "1deploys",
            "de-ploys",
            "custom:x",
            &"a".repeat(41),
        ] {
            let error = CustomMetric::parse(&CustomMetricInput {
                key: bad.to_string(),
                ..input()
            })
            .expect_err(bad);
            assert_eq!(error.field, "key");
        }
        assert!(CustomMetric::parse(&CustomMetricInput {
            key: "a_1".into(),
            ..input()
        })
        .is_ok());
    }

    #[test]
    fn the_minimum_must_be_below_the_maximum() {
        let error = CustomMetric::parse(&CustomMetricInput {
            min_value: "5".into(),
            max_value: "5".into(),
            ..input()
        })
        .expect_err("empty range");
        assert_eq!(error.field, "max_value");
        let error = CustomMetric::parse(&CustomMetricInput {
            min_value: "lots".into(),
            ..input()
        })
        .expect_err("not a number");
        assert_eq!(error.field, "min_value");
    }

    #[test]
    fn the_direction_is_one_of_two_words() {
        let error = CustomMetric::parse(&CustomMetricInput {
            direction: "up".into(),
            ..input()
        })
        .expect_err("unknown");
        assert_eq!(error.field, "direction");
    }
}
