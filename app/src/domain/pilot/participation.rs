//! What participation figures mean: the share of invited members who consented.

/// Enrolled members as a percentage of those invited; `None` when nobody was invited (a rate
/// of nothing is not zero).
pub fn consent_rate(enrolled: i64, invited: i64) -> Option<f64> {
    (invited > 0).then(|| 100.0 * enrolled as f64 / invited as f64)
}

/// The rate as the pilot page shows it: whole percent, or a dash when nobody was invited.
pub fn consent_rate_label(enrolled: i64, invited: i64) -> String {
    match consent_rate(enrolled, invited) {
        Some(rate) => format!("{rate:.0} %"),
        None => "–".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn nobody_invited_has_no_rate_rather_than_zero() {
        assert_eq!(consent_rate(0, 0), None);
        assert_eq!(consent_rate_label(0, 0), "–");
        assert_eq!(consent_rate_label(0, 5), "0 %");
    }

    #[test]
    fn the_rate_is_rounded_to_a_whole_percent() {
        assert_eq!(consent_rate_label(1, 3), "33 %");
        assert_eq!(consent_rate_label(2, 3), "67 %");
        assert_eq!(consent_rate_label(5, 5), "100 %");
        assert_eq!(consent_rate(1, 2), Some(50.0));
    }

    proptest! {
        #[test]
        fn a_rate_stays_between_zero_and_a_hundred_when_enrolled_are_among_invited(
            invited in 1i64..100_000, share in 0.0f64..=1.0,
        ) {
            let enrolled = (invited as f64 * share) as i64;
            let rate = consent_rate(enrolled, invited).expect("a rate");
            prop_assert!((0.0..=100.0).contains(&rate));
        }
    }
}
