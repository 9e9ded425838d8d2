//! Search text as the lists take it: short enough that one search cannot hold the database.

use super::ParseError;

/// The longest search text, in characters: longer text answers 422 naming `q`.
pub const MAX_SEARCH_CHARS: usize = 100;

/// Trimmed search text of at most [`MAX_SEARCH_CHARS`] characters; empty means "everything".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchText(String);

impl SearchText {
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let text = text.trim();
        // `nth` stops at the limit: a huge text is not walked to its end.
        if text.chars().nth(MAX_SEARCH_CHARS).is_some() {
            return Err(ParseError::new(
                "q",
                format!("search text is at most {MAX_SEARCH_CHARS} characters"),
            ));
        }
        Ok(Self(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_hundred_characters_are_a_search_and_one_more_is_refused_naming_q() {
        let hundred = "ä".repeat(MAX_SEARCH_CHARS);
        assert_eq!(SearchText::parse(&hundred).expect("100").as_str(), hundred);
        let refused = SearchText::parse(&"a".repeat(MAX_SEARCH_CHARS + 1)).expect_err("101");
        assert_eq!(refused.field, "q");
        assert!(!refused.message.contains("aaaa"), "the text is not echoed");
        assert_eq!(
            SearchText::parse(&"x".repeat(20_000))
                .expect_err("long")
                .field,
            "q"
        );
    }

    #[test]
    fn surrounding_space_is_trimmed_and_does_not_count() {
        let padded = format!("  {}  ", "b".repeat(MAX_SEARCH_CHARS));
        assert_eq!(
            SearchText::parse(&padded).expect("trimmed").as_str().len(),
            100
        );
        assert_eq!(SearchText::parse("   ").expect("empty").as_str(), "");
    }

    proptest! {
        #[test]
        fn accepted_text_is_never_longer_than_the_limit(text in ".{0,300}") {
            if let Ok(search) = SearchText::parse(&text) {
                prop_assert!(search.as_str().chars().count() <= MAX_SEARCH_CHARS);
            }
        }
    }
}
