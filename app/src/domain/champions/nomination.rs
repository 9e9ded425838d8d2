//! A nomination's "why": one sentence, so a nominee reads reasons rather than essays.

use crate::domain::ParseError;

pub const MAX_REASON_CHARS: usize = 300;

/// A nomination reason: trimmed, 1 to [`MAX_REASON_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason(String);

impl Reason {
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let reason = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if reason.is_empty() {
            return Err(ParseError::new(
                "reason",
                "say in one sentence why this colleague works asynchronously well",
            ));
        }
        if reason.chars().count() > MAX_REASON_CHARS {
            return Err(ParseError::new(
                "reason",
                format!("one sentence is enough: at most {MAX_REASON_CHARS} characters"),
            ));
        }
        Ok(Self(reason))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Nobody nominates themselves: the opt-in is the way to put oneself forward.
pub fn check_nominee(nominator_id: i64, nominee_id: i64) -> Result<(), ParseError> {
    if nominator_id == nominee_id {
        return Err(ParseError::new(
            "email",
            "you cannot nominate yourself; turn on the champion option on your account instead",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_one_short_line_of_text() {
        assert_eq!(
            Reason::parse("  writes  great\nhand-overs ")
                .expect("reason")
                .as_str(),
            "writes great hand-overs"
        );
        assert_eq!(Reason::parse(" ").expect_err("empty").field, "reason");
        assert!(Reason::parse(&"x".repeat(MAX_REASON_CHARS + 1)).is_err());
    }

    #[test]
    fn nobody_nominates_themselves() {
        assert!(check_nominee(1, 1).is_err());
        assert!(check_nominee(1, 2).is_ok());
    }
}
