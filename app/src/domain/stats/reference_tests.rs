//! The statistics against values recorded from SciPy 1.17 (`reference_values.json`, written by
//! `tools/report-check/make_reference_values.py`): t quantiles and tail probabilities, paired
//! and Welch tests with their intervals, exact permutation p-values and Benjamini–Hochberg.

use serde_json::Value;

use super::{describe, difference, fdr, paired, t_dist};

const RECORDED: &str = include_str!("reference_values.json");

fn recorded() -> Value {
    serde_json::from_str(RECORDED).expect("reference_values.json parses")
}

fn number(value: &Value) -> f64 {
    value.as_f64().expect("a number")
}

fn numbers(value: &Value) -> Vec<f64> {
    value
        .as_array()
        .expect("a list")
        .iter()
        .map(number)
        .collect()
}

/// Equal within `relative`, or within 1e-12 when the expected value is 0 (METHOD.md section 8).
fn assert_close(what: &str, found: Option<f64>, expected: f64, relative: f64) {
    let found = found.unwrap_or_else(|| panic!("{what}: null, expected {expected}"));
    let tolerance = if expected == 0.0 {
        1e-12
    } else {
        relative * expected.abs()
    };
    assert!(
        (found - expected).abs() <= tolerance,
        "{what}: {found} vs {expected} (off by {:e})",
        ((found - expected) / expected).abs()
    );
}

#[test]
fn t_quantiles_match_scipy_to_1e_10() {
    for case in recorded()["t_ppf"].as_array().expect("cases") {
        let (q, df) = (number(&case["q"]), number(&case["df"]));
        let what = format!("t.ppf({q}, {df})");
        assert_close(
            &what,
            t_dist::quantile(q, df),
            number(&case["value"]),
            1e-10,
        );
    }
}

#[test]
fn two_sided_p_values_match_scipy_to_1e_10() {
    for case in recorded()["t_two_sided_p"].as_array().expect("cases") {
        let (x, df) = (number(&case["x"]), number(&case["df"]));
        let what = format!("2 t.sf({x}, {df})");
        assert_close(
            &what,
            t_dist::two_sided_p(x, df),
            number(&case["value"]),
            1e-10,
        );
    }
}

#[test]
fn paired_tests_match_scipy_ttest_rel() {
    for case in recorded()["paired"].as_array().expect("cases") {
        let (before, after) = (numbers(&case["b"]), numbers(&case["f"]));
        let result = paired::compare(&before, &after);
        let scipy = &case["ttest_rel_f_b"];
        assert_close("t", result.t, number(&scipy["statistic"]), 1e-10);
        assert_close("p", result.p, number(&scipy["pvalue"]), 1e-10);
        assert_close("se", result.se, number(&case["se"]), 1e-12);
        assert_close(
            "change",
            result.change,
            number(&case["summary_d"]["mean"]),
            1e-12,
        );
        assert_close("ci_low", result.ci_low, number(&case["ci95"]["low"]), 1e-10);
        assert_close(
            "ci_high",
            result.ci_high,
            number(&case["ci95"]["high"]),
            1e-10,
        );
        assert_close(
            "relative",
            result.relative_change,
            number(&case["relative_change"]),
            1e-12,
        );
        assert_close(
            "hedges_g",
            result.hedges_g,
            number(&case["hedges_g"]),
            1e-12,
        );
        for (phase, summary) in [
            ("summary_b", result.baseline),
            ("summary_f", result.follow_up),
        ] {
            assert_close(phase, summary.mean, number(&case[phase]["mean"]), 1e-12);
            assert_close(phase, summary.median, number(&case[phase]["median"]), 1e-12);
            assert_close(phase, summary.sd, number(&case[phase]["sd"]), 1e-12);
        }
        assert_eq!(result.df, Some(number(&case["df"])));
        assert_eq!(
            describe::median(&numbers(&case["d"])),
            case["summary_d"]["median"].as_f64()
        );
    }
}

#[test]
fn welch_and_permutation_match_scipy_ttest_ind_and_an_exact_enumeration() {
    for case in recorded()["welch"].as_array().expect("cases") {
        let (pilot, comparison) = (numbers(&case["x"]), numbers(&case["y"]));
        let did = difference::estimate(&pilot, &comparison).expect("two teams in each arm");
        assert_close(
            "estimate",
            Some(did.estimate),
            number(&case["estimate"]),
            1e-12,
        );
        assert_close("se", Some(did.se), number(&case["se"]), 1e-12);
        assert_close("t", did.t, number(&case["statistic"]), 1e-10);
        assert_close("df", did.df, number(&case["df"]), 1e-10);
        assert_close("p_welch", did.p_welch, number(&case["pvalue"]), 1e-10);
        assert_close("ci_low", did.ci_low, number(&case["ci95"]["low"]), 1e-10);
        assert_close("ci_high", did.ci_high, number(&case["ci95"]["high"]), 1e-10);
        assert_close("mde80", did.mde80, number(&case["mde80"]), 1e-10);
        assert_close(
            "p_perm",
            did.p_permutation,
            number(&case["p_permutation"]),
            1e-12,
        );
        assert_eq!(did.permutations, number(&case["permutations"]));
        assert_close(
            "min_p",
            Some(did.min_attainable_p),
            number(&case["min_attainable_p"]),
            1e-15,
        );
    }
}

#[test]
fn q_values_match_scipy_false_discovery_control() {
    for case in recorded()["benjamini_hochberg"].as_array().expect("cases") {
        let q = fdr::benjamini_hochberg(&numbers(&case["p"]));
        for (found, expected) in q.into_iter().zip(numbers(&case["q"])) {
            assert_close("q", Some(found), expected, 1e-12);
        }
    }
}
