//! The bars a pilot's readiness components are held to. HR may change them per pilot until the
//! baseline starts; from then on they are part of the locked protocol.

use serde::{Deserialize, Serialize};

use crate::domain::ParseError;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Thresholds {
    /// The primary metric's verdict p must be below this.
    pub primary_p: f64,
    /// A guardrail is significantly worse when its q-value is below this.
    pub guardrail_q: f64,
    /// Participation share (0–1) the pilot arm must reach in both windows.
    pub participation: f64,
    /// Share (0–1) of pilot-team managers who completed every required module.
    pub training: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            primary_p: 0.05,
            guardrail_q: 0.05,
            participation: 0.60,
            training: 0.80,
        }
    }
}

/// The form's text: p and q as decimals, the shares as percentages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ThresholdsInput {
    pub primary_p: String,
    pub guardrail_q: String,
    pub participation_percent: String,
    pub training_percent: String,
}

impl ThresholdsInput {
    pub fn from_thresholds(thresholds: &Thresholds) -> Self {
        Self {
            primary_p: trim_number(thresholds.primary_p),
            guardrail_q: trim_number(thresholds.guardrail_q),
            participation_percent: trim_number(thresholds.participation * 100.0),
            training_percent: trim_number(thresholds.training * 100.0),
        }
    }
}

fn trim_number(value: f64) -> String {
    let text = format!("{value:.6}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

impl Thresholds {
    pub fn parse(input: &ThresholdsInput) -> Result<Self, ParseError> {
        Ok(Self {
            primary_p: probability("primary_p", &input.primary_p)?,
            guardrail_q: probability("guardrail_q", &input.guardrail_q)?,
            participation: percent("participation_percent", &input.participation_percent)?,
            training: percent("training_percent", &input.training_percent)?,
        })
    }
}

fn number(field: &'static str, text: &str) -> Result<f64, ParseError> {
    let value: f64 = text
        .trim()
        .parse()
        .map_err(|_| ParseError::new(field, format!("\"{}\" is not a number", text.trim())))?;
    if value.is_finite() {
        Ok(value)
    } else {
        Err(ParseError::new(field, "must be a finite number"))
    }
}

/// A significance level: above 0, at most 0.2 (looser than that is not evidence).
fn probability(field: &'static str, text: &str) -> Result<f64, ParseError> {
    let value = number(field, text)?;
    if value > 0.0 && value <= 0.2 {
        Ok(value)
    } else {
        Err(ParseError::new(
            field,
            format!("must be above 0 and at most 0.2 (got {value})"),
        ))
    }
}

/// A share given in percent, 0–100, returned as 0–1.
fn percent(field: &'static str, text: &str) -> Result<f64, ParseError> {
    let value = number(field, text)?;
    if (0.0..=100.0).contains(&value) {
        Ok(value / 100.0)
    } else {
        Err(ParseError::new(
            field,
            format!("must be a percentage from 0 to 100 (got {value})"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_read_back_through_the_form() {
        let input = ThresholdsInput::from_thresholds(&Thresholds::default());
        assert_eq!(input.primary_p, "0.05");
        assert_eq!(input.participation_percent, "60");
        assert_eq!(Thresholds::parse(&input), Ok(Thresholds::default()));
    }

    #[test]
    fn each_bad_field_is_named() {
        let good = ThresholdsInput::from_thresholds(&Thresholds::default());
        let bad_p = ThresholdsInput {
            primary_p: "0.5".into(),
            ..good.clone()
        };
        assert_eq!(Thresholds::parse(&bad_p).unwrap_err().field, "primary_p");
        let bad_q = ThresholdsInput {
            guardrail_q: "zero".into(),
            ..good.clone()
        };
        assert_eq!(Thresholds::parse(&bad_q).unwrap_err().field, "guardrail_q");
        let bad_share = ThresholdsInput {
            training_percent: "120".into(),
            ..good.clone()
        };
        assert_eq!(
            Thresholds::parse(&bad_share).unwrap_err().field,
            "training_percent"
        );
        let nan = ThresholdsInput {
            participation_percent: "NaN".into(),
            ..good
        };
        assert_eq!(
            Thresholds::parse(&nan).unwrap_err().field,
            "participation_percent"
        );
    }
}
