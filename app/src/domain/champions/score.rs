//! The champion candidate score: each signal a percentile (or, for nominations and training, a
//! fixed scale) from 0 to 100 with higher always better, and the score the mean of the signals
//! a person has data for. Missing is never zero.

use serde::{Deserialize, Serialize};

/// The scoring rules in one paragraph, as the candidate page and the README give them.
pub const SCORING_RULES: &str = "The score runs from 0 to 100 and is the mean of the signals \
a person has data for: a signal without data is shown as missing and left out of the mean, \
never counted as zero. Five signals come from the person's own entries in their pilot (from the \
first baseline day to the last follow-up day, by METHOD.md's rules), and only when they opted \
in: low meeting load, deep work protection rate, the documented share of the decisions they \
logged, reply pressure (how many hours sooner than their team's charter they felt they had to \
reply, 0 when not sooner; lower is better) and cultural alignment. Each is a percentile among \
the people of the same pilot who opted in and have a value: (people doing worse + half of \
those doing equally well, the person included) ÷ their number × 100, so higher is always \
better and someone compared with nobody else scores 50. Peer nominations score 0, 33, 67 or 100 \
for 0, 1, 2 and 3 or more nominations. For team managers, training is the share of required \
modules completed × 100. People who were nominated but did not opt in are scored on \
nominations alone.";

/// One reason a person may be a good champion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", schema(as = ChampionSignal))]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    MeetingLoad,
    DeepWorkProtection,
    DocumentedDecisions,
    ReplyPressure,
    CulturalAlignment,
    Nominations,
    Training,
}

/// Which way a raw value is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

impl Signal {
    pub const ALL: [Signal; 7] = [
        Self::MeetingLoad,
        Self::DeepWorkProtection,
        Self::DocumentedDecisions,
        Self::ReplyPressure,
        Self::CulturalAlignment,
        Self::Nominations,
        Self::Training,
    ];

    /// The signals read from a person's own entries: only for people who opted in.
    pub const FROM_ENTRIES: [Signal; 5] = [
        Self::MeetingLoad,
        Self::DeepWorkProtection,
        Self::DocumentedDecisions,
        Self::ReplyPressure,
        Self::CulturalAlignment,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::MeetingLoad => "Low meeting load",
            Self::DeepWorkProtection => "Deep work protection",
            Self::DocumentedDecisions => "Documented decisions",
            Self::ReplyPressure => "Replies in line with the charter",
            Self::CulturalAlignment => "Cultural alignment",
            Self::Nominations => "Peer nominations",
            Self::Training => "Training completed",
        }
    }

    /// How the raw value compares; only meaningful for [`Signal::FROM_ENTRIES`].
    pub fn direction(self) -> Direction {
        match self {
            Self::MeetingLoad | Self::ReplyPressure => Direction::LowerIsBetter,
            _ => Direction::HigherIsBetter,
        }
    }
}

/// Mid-rank percentile of `value` among `others` (the population without the person):
/// (others strictly worse + ½·(others equal + 1)) ÷ (others + 1) × 100. Always within 0–100,
/// never 0 or 100 exactly; 50 for a person compared with nobody.
pub fn percentile(value: f64, others: &[f64], direction: Direction) -> f64 {
    let worse = |other: f64| match direction {
        Direction::HigherIsBetter => other < value,
        Direction::LowerIsBetter => other > value,
    };
    let below = others.iter().filter(|&&other| worse(other)).count() as f64;
    let equal = others.iter().filter(|&&other| other == value).count() as f64 + 1.0;
    let n = others.len() as f64 + 1.0;
    (below + 0.5 * equal) / n * 100.0
}

/// Every person's percentile within the population `values` (person, raw value), in one sort.
pub fn percentiles(values: &[(i64, f64)], direction: Direction) -> Vec<(i64, f64)> {
    let mut sorted: Vec<f64> = values.iter().map(|(_, value)| *value).collect();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len() as f64;
    values
        .iter()
        .map(|&(person, value)| {
            let less = sorted.partition_point(|other| *other < value) as f64;
            let not_more = sorted.partition_point(|other| *other <= value) as f64;
            let (equal, greater) = (not_more - less, n - not_more);
            let worse = match direction {
                Direction::HigherIsBetter => less,
                Direction::LowerIsBetter => greater,
            };
            (person, (worse + 0.5 * equal) / n * 100.0)
        })
        .collect()
}

/// Nominations that make the signal 100: more do not count further, so a popular person is not
/// worth more than "several colleagues said so".
pub const NOMINATIONS_FOR_FULL_SIGNAL: i64 = 3;

/// The nominations signal: 0, 33⅓, 66⅔ or 100.
pub fn nominations_signal(nominations: i64) -> f64 {
    nominations.clamp(0, NOMINATIONS_FOR_FULL_SIGNAL) as f64 / NOMINATIONS_FOR_FULL_SIGNAL as f64
        * 100.0
}

/// The training signal of a manager: share of required modules completed × 100 (no required
/// modules: no signal).
pub fn training_signal(completed_required: usize, required: usize) -> Option<f64> {
    (required > 0).then(|| completed_required.min(required) as f64 / required as f64 * 100.0)
}

/// Reply pressure from the response-expectation gap (stated − felt, METHOD.md section 3): only
/// feeling pushed to reply sooner counts; replying later than the charter allows is no pressure.
pub fn reply_pressure(expectation_gap: f64) -> f64 {
    expectation_gap.max(0.0)
}

/// The mean of the signals present (each 0–100); None when there are none.
pub fn score(signals: &[Option<f64>]) -> Option<f64> {
    let present: Vec<f64> = signals.iter().flatten().copied().collect();
    (!present.is_empty()).then(|| present.iter().sum::<f64>() / present.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_person_alone_is_at_the_fiftieth_percentile() {
        assert_eq!(percentile(3.0, &[], Direction::HigherIsBetter), 50.0);
    }

    #[test]
    fn percentiles_follow_the_direction_and_split_ties() {
        let others = [1.0, 2.0, 2.0];
        // Higher better, value 2: one worse, two others equal: (1 + 0.5·3) / 4.
        assert_eq!(percentile(2.0, &others, Direction::HigherIsBetter), 62.5);
        // Lower better, value 2: nobody worse (higher): (0 + 0.5·3) / 4.
        assert_eq!(percentile(2.0, &others, Direction::LowerIsBetter), 37.5);
        assert_eq!(percentile(0.5, &others, Direction::LowerIsBetter), 87.5);
    }

    #[test]
    fn the_batch_percentiles_equal_the_one_by_one_definition() {
        let values = [(1, 4.0), (2, 1.0), (3, 4.0), (4, 9.0)];
        for direction in [Direction::HigherIsBetter, Direction::LowerIsBetter] {
            for (person, batch) in percentiles(&values, direction) {
                let (value, others): (Vec<_>, Vec<_>) =
                    values.iter().partition(|(id, _)| *id == person);
                let others: Vec<f64> = others.iter().map(|(_, value)| *value).collect();
                assert_eq!(batch, percentile(value[0].1, &others, direction));
            }
        }
    }

    #[test]
    fn nominations_are_capped_at_three() {
        assert_eq!(nominations_signal(0), 0.0);
        assert_eq!(nominations_signal(3), 100.0);
        assert_eq!(nominations_signal(7), 100.0);
        assert!((nominations_signal(1) - 100.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn training_without_required_modules_is_missing_and_reply_pressure_ignores_slack() {
        assert_eq!(training_signal(0, 0), None);
        assert_eq!(training_signal(2, 4), Some(50.0));
        assert_eq!(reply_pressure(-3.0), 0.0);
        assert_eq!(reply_pressure(2.5), 2.5);
    }

    #[test]
    fn a_missing_signal_is_left_out_not_counted_as_zero() {
        assert_eq!(score(&[Some(80.0), None]), Some(80.0));
        assert_eq!(score(&[Some(80.0), Some(0.0)]), Some(40.0));
        assert_eq!(score(&[None, None]), None);
    }

    fn signal() -> impl Strategy<Value = Option<f64>> {
        proptest::option::of(0.0..=100.0f64)
    }

    proptest! {
        #[test]
        fn the_score_is_always_within_0_and_100(signals in proptest::collection::vec(signal(), 0..8)) {
            if let Some(score) = score(&signals) {
                prop_assert!((0.0..=100.0).contains(&score));
            }
        }

        #[test]
        fn the_score_never_falls_when_one_signal_rises(
            signals in proptest::collection::vec(signal(), 1..8),
            index in 0usize..8,
            rise in 0.0..=100.0f64,
        ) {
            let index = index % signals.len();
            let mut better = signals.clone();
            better[index] = Some(signals[index].map_or(rise, |value| (value + rise).min(100.0)));
            if signals[index].is_some() {
                prop_assert!(score(&better) >= score(&signals));
            }
        }

        #[test]
        fn a_missing_signal_differs_from_a_zero_one(
            signals in proptest::collection::vec(0.1..=100.0f64, 1..7),
        ) {
            let mut missing: Vec<Option<f64>> = signals.iter().copied().map(Some).collect();
            let mut zero = missing.clone();
            missing.push(None);
            zero.push(Some(0.0));
            prop_assert!(score(&missing) > score(&zero));
        }

        #[test]
        fn percentiles_are_within_0_and_100_and_monotone_in_the_value(
            others in proptest::collection::vec(-50.0..50.0f64, 0..30),
            value in -50.0..50.0f64,
            rise in 0.0..20.0f64,
        ) {
            for direction in [Direction::HigherIsBetter, Direction::LowerIsBetter] {
                let here = percentile(value, &others, direction);
                prop_assert!(here > 0.0 && here < 100.0);
                let improved = match direction {
                    Direction::HigherIsBetter => value + rise,
                    Direction::LowerIsBetter => value - rise,
                };
                prop_assert!(percentile(improved, &others, direction) >= here);
            }
        }
    }
}
