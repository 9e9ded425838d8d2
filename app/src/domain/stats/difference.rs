//! The team-level difference in differences (METHOD.md section 5): each team's mean change is
//! one observation, pilot teams against comparison teams, with Welch's t and the exact
//! permutation test over every relabelling of the teams.

use super::{
    describe::{mean, variance},
    figures::{DifferenceInDifferences, MAX_EXACT_PERMUTATIONS},
    t_dist,
};

/// Each arm needs at least this many teams with a change.
pub const MIN_TEAMS_PER_ARM: usize = 2;

/// `pilot` and `comparison` hold one mean change per kept team. Null when an arm has fewer
/// than [`MIN_TEAMS_PER_ARM`] teams.
pub fn estimate(pilot: &[f64], comparison: &[f64]) -> Option<DifferenceInDifferences> {
    if pilot.len() < MIN_TEAMS_PER_ARM || comparison.len() < MIN_TEAMS_PER_ARM {
        return None;
    }
    let observed = mean(pilot)? - mean(comparison)?;
    let (n1, n2) = (pilot.len() as f64, comparison.len() as f64);
    let (share1, share2) = (variance(pilot)? / n1, variance(comparison)? / n2);
    let se = (share1 + share2).sqrt();
    let mut did = DifferenceInDifferences {
        estimate: observed,
        se,
        t: None,
        df: None,
        p_welch: None,
        ci_low: None,
        ci_high: None,
        p_permutation: None,
        permutations: 0.0,
        min_attainable_p: 0.0,
        mde80: None,
        p: None,
        q_value: None,
    };
    if se > 0.0 {
        let df =
            (share1 + share2).powi(2) / (share1.powi(2) / (n1 - 1.0) + share2.powi(2) / (n2 - 1.0));
        let t = observed / se;
        did.t = Some(t);
        did.df = Some(df);
        did.p_welch = t_dist::two_sided_p(t, df);
        if let Some(critical) = t_dist::quantile(0.975, df) {
            did.ci_low = Some(observed - critical * se);
            did.ci_high = Some(observed + critical * se);
            did.mde80 = t_dist::quantile(0.80, df).map(|power| (critical + power) * se);
        }
    }
    let count = relabellings(pilot.len(), comparison.len());
    did.permutations = count;
    did.min_attainable_p = if pilot.len() == comparison.len() {
        2.0 / count
    } else {
        1.0 / count
    };
    if count <= MAX_EXACT_PERMUTATIONS {
        did.p_permutation = Some(permutation_p(pilot, comparison, observed));
    }
    did.p = did.p_permutation.or(did.p_welch);
    Some(did)
}

/// C(n1 + n2, n1): exact while it fits, else through logarithms (then only its size matters).
pub fn relabellings(n1: usize, n2: usize) -> f64 {
    let (n, k) = (n1 + n2, n1.min(n2));
    let mut exact: Option<u128> = Some(1);
    for i in 1..=k {
        exact = exact
            .and_then(|so_far| so_far.checked_mul((n - k + i) as u128))
            .map(|product| product / i as u128);
    }
    match exact {
        Some(count) => count as f64,
        None => {
            let ln = (1..=k)
                .map(|i| ((n - k + i) as f64).ln() - (i as f64).ln())
                .sum::<f64>();
            ln.exp()
        }
    }
}

/// Share of relabellings whose |estimate| reaches |observed| (less a relative 1e-9, so that
/// rounding never drops the observed labelling itself).
fn permutation_p(pilot: &[f64], comparison: &[f64], observed: f64) -> f64 {
    let all: Vec<f64> = pilot.iter().chain(comparison).copied().collect();
    let total: f64 = all.iter().sum();
    let (n, k) = (all.len(), pilot.len());
    let (n1, n2) = (k as f64, (n - k) as f64);
    let threshold = observed.abs() * (1.0 - 1e-9);
    let mut chosen: Vec<usize> = (0..k).collect();
    let (mut as_extreme, mut count) = (0u64, 0u64);
    loop {
        let sum: f64 = chosen.iter().map(|&index| all[index]).sum();
        let estimate = sum / n1 - (total - sum) / n2;
        count += 1;
        if estimate.abs() >= threshold {
            as_extreme += 1;
        }
        // The next combination in lexicographic order.
        let Some(position) = (0..k).rev().find(|&i| chosen[i] < n - k + i) else {
            break;
        };
        chosen[position] += 1;
        for i in position + 1..k {
            chosen[i] = chosen[i - 1] + 1;
        }
    }
    as_extreme as f64 / count as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fewer_than_two_teams_in_an_arm_gives_no_estimate() {
        assert_eq!(estimate(&[1.0], &[0.0, 1.0]), None);
        assert_eq!(estimate(&[1.0, 2.0], &[0.0]), None);
    }

    #[test]
    fn relabellings_are_binomial_coefficients() {
        assert_eq!(relabellings(6, 6), 924.0);
        assert_eq!(relabellings(3, 3), 20.0);
        assert_eq!(relabellings(2, 5), 21.0);
        let huge = relabellings(500, 500);
        assert!(huge > 1e298 && huge.is_finite());
    }

    #[test]
    fn three_against_three_can_never_reach_five_percent() {
        let did = estimate(&[-3.0, -2.0, -4.0], &[0.0, 0.5, -0.5]).unwrap();
        assert_eq!(did.permutations, 20.0);
        assert_eq!(did.min_attainable_p, 0.1);
        // The observed split is the most extreme one: it and its mirror image.
        assert_eq!(did.p_permutation, Some(0.1));
        assert_eq!(did.p, Some(0.1));
    }

    #[test]
    fn all_teams_changing_alike_have_a_zero_standard_error() {
        let did = estimate(&[1.0, 1.0], &[1.0, 1.0]).unwrap();
        assert_eq!(did.estimate, 0.0);
        assert_eq!(did.se, 0.0);
        assert_eq!(
            (did.t, did.df, did.p_welch, did.mde80),
            (None, None, None, None)
        );
        assert_eq!(did.p_permutation, Some(1.0));
    }

    #[test]
    fn too_many_relabellings_leave_the_permutation_p_null() {
        let pilot: Vec<f64> = (0..12).map(f64::from).collect();
        let comparison: Vec<f64> = (0..12).map(|i| f64::from(i) * 0.5).collect();
        let did = estimate(&pilot, &comparison).unwrap();
        assert_eq!(did.permutations, 2_704_156.0);
        assert_eq!(did.p_permutation, None);
        assert_eq!(did.p, did.p_welch);
    }

    proptest! {
        #[test]
        fn the_estimate_is_zero_when_both_arms_change_alike(
            changes in proptest::collection::vec(-10.0f64..10.0, 2..6),
        ) {
            let did = estimate(&changes, &changes).unwrap();
            prop_assert!(did.estimate.abs() < 1e-12);
        }

        #[test]
        fn swapping_the_arms_flips_the_sign_and_keeps_the_p_values(
            pilot in proptest::collection::vec(-10.0f64..10.0, 2..6),
            comparison in proptest::collection::vec(-10.0f64..10.0, 2..6),
        ) {
            let forward = estimate(&pilot, &comparison).unwrap();
            let backward = estimate(&comparison, &pilot).unwrap();
            prop_assert!((forward.estimate + backward.estimate).abs() < 1e-12);
            prop_assert_eq!(forward.permutations, backward.permutations);
            match (forward.p_permutation, backward.p_permutation) {
                (Some(a), Some(b)) => prop_assert!((a - b).abs() < 1e-12),
                other => prop_assert!(false, "{:?}", other),
            }
            match (forward.p_welch, backward.p_welch) {
                (Some(a), Some(b)) => prop_assert!((a - b).abs() < 1e-9),
                (None, None) => {}
                other => prop_assert!(false, "{:?}", other),
            }
        }

        #[test]
        fn a_permutation_p_is_never_below_the_minimum_attainable(
            pilot in proptest::collection::vec(-10.0f64..10.0, 2..7),
            comparison in proptest::collection::vec(-10.0f64..10.0, 2..7),
        ) {
            let did = estimate(&pilot, &comparison).unwrap();
            let p = did.p_permutation.unwrap();
            prop_assert!(p >= did.min_attainable_p - 1e-15);
            prop_assert!(p <= 1.0);
        }
    }
}
