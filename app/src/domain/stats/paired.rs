//! One group's before and after over its paired people (METHOD.md section 4).

use super::{
    describe::{mean, sd, summary},
    figures::{Paired, Summary},
    t_dist,
};

/// `baseline[i]` and `follow_up[i]` are one person's values (or one team's, for team metrics).
pub fn compare(baseline: &[f64], follow_up: &[f64]) -> Paired {
    debug_assert_eq!(baseline.len(), follow_up.len());
    let n = baseline.len().min(follow_up.len());
    let (baseline, follow_up) = (&baseline[..n], &follow_up[..n]);
    let differences: Vec<f64> = baseline
        .iter()
        .zip(follow_up)
        .map(|(before, after)| after - before)
        .collect();
    let change = mean(&differences);
    let baseline_mean = mean(baseline);
    let relative_change = match (change, baseline_mean) {
        (Some(change), Some(base)) if base != 0.0 => Some(change / base),
        _ => None,
    };
    let mut paired = Paired {
        n: n as i64,
        baseline: if n == 0 {
            Summary::EMPTY
        } else {
            summary(baseline)
        },
        follow_up: if n == 0 {
            Summary::EMPTY
        } else {
            summary(follow_up)
        },
        change,
        relative_change,
        se: None,
        t: None,
        df: None,
        p: None,
        ci_low: None,
        ci_high: None,
        hedges_g: None,
        q_value: None,
    };
    let (Some(change), Some(sd_d)) = (change, sd(&differences)) else {
        return paired;
    };
    let df = (n - 1) as f64;
    let se = sd_d / (n as f64).sqrt();
    paired.se = Some(se);
    paired.df = Some(df);
    if se > 0.0 {
        let t = change / se;
        paired.t = Some(t);
        paired.p = t_dist::two_sided_p(t, df);
        if let Some(critical) = t_dist::quantile(0.975, df) {
            paired.ci_low = Some(change - critical * se);
            paired.ci_high = Some(change + critical * se);
        }
    }
    paired.hedges_g = hedges_g(change, paired.baseline.sd, paired.follow_up.sd, n);
    paired
}

/// change ÷ √((sd_b² + sd_f²)/2), with the small-sample correction 1 − 3/(4·df − 1).
fn hedges_g(change: f64, sd_b: Option<f64>, sd_f: Option<f64>, n: usize) -> Option<f64> {
    if n < 3 {
        return None;
    }
    let pooled = ((sd_b? * sd_b? + sd_f? * sd_f?) / 2.0).sqrt();
    if pooled == 0.0 {
        return None;
    }
    let df = (n - 1) as f64;
    Some(change / pooled * (1.0 - 3.0 / (4.0 * df - 1.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_person_has_a_change_but_no_test() {
        let paired = compare(&[2.0], &[3.0]);
        assert_eq!(paired.n, 1);
        assert_eq!(paired.change, Some(1.0));
        assert_eq!(paired.relative_change, Some(0.5));
        assert_eq!(
            (paired.se, paired.t, paired.df, paired.p),
            (None, None, None, None)
        );
        assert_eq!(paired.baseline.sd, None);
        assert_eq!(paired.hedges_g, None);
    }

    #[test]
    fn identical_changes_have_a_zero_standard_error_and_no_test() {
        let paired = compare(&[1.0, 2.0, 4.0], &[2.0, 3.0, 5.0]);
        assert_eq!(paired.se, Some(0.0));
        assert_eq!(paired.df, Some(2.0));
        assert_eq!((paired.t, paired.p, paired.ci_low), (None, None, None));
    }

    #[test]
    fn a_baseline_mean_of_zero_has_no_relative_change() {
        let paired = compare(&[0.0, 0.0], &[1.0, 2.0]);
        assert_eq!(paired.relative_change, None);
        assert_eq!(paired.change, Some(1.5));
    }

    #[test]
    fn nobody_paired_leaves_every_figure_null() {
        let paired = compare(&[], &[]);
        assert_eq!(paired.n, 0);
        assert_eq!(paired.change, None);
        assert_eq!(paired.baseline, Summary::EMPTY);
    }

    #[test]
    fn hand_worked_three_people() {
        // d = 1, 2, 3: mean 2, sd 1, se 1/sqrt(3), t = 2 sqrt(3).
        let paired = compare(&[1.0, 1.0, 1.0], &[2.0, 3.0, 4.0]);
        assert_eq!(paired.change, Some(2.0));
        assert!((paired.t.unwrap() - 2.0 * 3f64.sqrt()).abs() < 1e-14);
        // sd_b = 0, sd_f = 1: pooled sqrt(1/2); df = 2, correction 1 - 3/7.
        let g = 2.0 / 0.5f64.sqrt() * (1.0 - 3.0 / 7.0);
        assert!((paired.hedges_g.unwrap() - g).abs() < 1e-14);
    }
}
