//! Student's t distribution: two-sided tail probabilities and quantiles, accurate to about
//! 1e-13, for any real degrees of freedom (Welch's are not whole numbers).
//!
//! `statrs` supplies the regularised incomplete beta function and a first guess at quantiles;
//! the guess is then polished by Newton steps on the upper tail, because its own inverse is
//! only good to a few digits in places (statrs issue 156), and reports need 1e-10.

use statrs::{
    distribution::{Continuous, ContinuousCDF, StudentsT},
    function::beta::checked_beta_reg,
};

/// P(|T| ≥ |t|) for T with `df` degrees of freedom: I_{df/(df+t²)}(df/2, 1/2). Computed this
/// way a tiny p keeps its relative accuracy instead of being 1 − (something close to 1).
pub fn two_sided_p(t: f64, df: f64) -> Option<f64> {
    if !(t.is_finite() && df.is_finite() && df > 0.0) {
        return None;
    }
    let x = df / (df + t * t);
    checked_beta_reg(df / 2.0, 0.5, x.clamp(0.0, 1.0)).ok()
}

/// P(T ≥ t) for t ≥ 0.
fn upper_tail(t: f64, df: f64) -> Option<f64> {
    two_sided_p(t, df).map(|p| p / 2.0)
}

/// The `probability` quantile of t with `df` degrees of freedom, for 0.5 ≤ probability < 1
/// (the ones intervals and power need: 0.975, 0.80).
pub fn quantile(probability: f64, df: f64) -> Option<f64> {
    if !((0.5..1.0).contains(&probability) && df.is_finite() && df > 0.0) {
        return None;
    }
    if probability == 0.5 {
        return Some(0.0);
    }
    let distribution = StudentsT::new(0.0, 1.0, df).ok()?;
    let target = 1.0 - probability;
    let mut t = distribution.inverse_cdf(probability);
    if !t.is_finite() || t <= 0.0 {
        t = 1.0;
    }
    for _ in 0..100 {
        let density = distribution.pdf(t);
        if density <= 0.0 || !density.is_finite() {
            break;
        }
        let step = (upper_tail(t, df)? - target) / density;
        // Newton on a convex tail can overshoot into negative t; halve instead.
        let next = if t + step > 0.0 { t + step } else { t / 2.0 };
        let settled = (next - t).abs() <= 1e-15 * next.abs();
        t = next;
        if settled {
            break;
        }
    }
    Some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_degree_of_freedom_is_the_cauchy_distribution() {
        // Cauchy: P(T > t) = 1/2 - atan(t)/pi, so the 0.975 quantile is tan(0.475 pi).
        let exact = (0.475 * std::f64::consts::PI).tan();
        assert!((quantile(0.975, 1.0).unwrap() - exact).abs() < 1e-10 * exact);
        let p = two_sided_p(1.0, 1.0).unwrap();
        assert!((p - 0.5).abs() < 1e-14);
    }

    #[test]
    fn two_degrees_of_freedom_have_a_closed_form() {
        // For df = 2: t_q = (2q - 1) / sqrt(2 q (1 - q)).
        for q in [0.6_f64, 0.8, 0.975, 0.999] {
            let exact = (2.0 * q - 1.0) / (2.0 * q * (1.0 - q)).sqrt();
            let found = quantile(q, 2.0).unwrap();
            assert!(
                (found - exact).abs() < 1e-12 * exact,
                "{q}: {found} vs {exact}"
            );
        }
    }

    #[test]
    fn quantile_and_tail_are_inverse() {
        for df in [1.5, 3.0, 7.3, 40.0, 1000.0] {
            let t = quantile(0.975, df).unwrap();
            assert!((two_sided_p(t, df).unwrap() - 0.05).abs() < 1e-13);
        }
    }

    #[test]
    fn no_answer_outside_the_domain() {
        assert_eq!(quantile(0.975, 0.0), None);
        assert_eq!(quantile(1.0, 3.0), None);
        assert_eq!(two_sided_p(f64::NAN, 3.0), None);
    }
}
