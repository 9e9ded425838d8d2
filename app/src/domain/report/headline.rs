//! A report in words: the primary metric's answer in one sentence and the design's honesty in
//! one line, as the report's header shows them. Pure formatting of computed figures.

use super::shape::{GroupFigures, MetricReport, Report};

/// A figure as pages show it: shares in percent points, the rest with one decimal.
pub fn value(metric: &str, value: f64) -> String {
    if is_share(metric) {
        format!("{:.0} %", value * 100.0)
    } else {
        format!("{value:.1}")
    }
}

/// A difference as tables show it: shares in percentage points ("pp"), a true minus sign.
pub fn difference(metric: &str, value: f64) -> String {
    let text = if is_share(metric) {
        format!("{:.1} pp", value * 100.0)
    } else {
        format!("{value:.1}")
    };
    text.replacen('-', "−", 1)
}

/// A difference in a sentence: "percentage points" spelled out.
fn difference_in_words(metric: &str, value: f64) -> String {
    difference(metric, value).replace(" pp", " percentage points")
}

fn is_share(metric: &str) -> bool {
    matches!(
        metric,
        "asyncable_share"
            | "documented_decisions"
            | "participation"
            | "deep_work_protection_rate"
            | "burnout_signs"
    )
}

/// p as people read it: two decimals, three under 0.01, or "< 0.001".
pub fn p_value(p: f64) -> String {
    if p < 0.001 {
        "< 0.001".into()
    } else if p < 0.01 {
        format!("{p:.3}")
    } else {
        format!("{p:.2}")
    }
}

/// The unit after a number in a sentence ("hours per week").
fn unit_after(metric: &MetricReport) -> String {
    if is_share(&metric.metric) {
        String::new()
    } else {
        format!(" {}", metric.unit)
    }
}

/// "fell by 2.1 … (95 % CI 0.4 to 3.8 …)": magnitudes in the direction the figure moved.
fn moved(
    metric: &MetricReport,
    estimate: f64,
    low: Option<f64>,
    high: Option<f64>,
) -> (String, String) {
    let (verb, sign) = if estimate < 0.0 {
        ("fell", -1.0)
    } else {
        ("rose", 1.0)
    };
    let amount = format!(
        "{verb} by {}{}",
        difference_in_words(&metric.metric, (estimate * sign).abs()),
        unit_after(metric)
    );
    let interval = match (low, high) {
        (Some(low), Some(high)) => {
            let (a, b) = if sign < 0.0 {
                (-high, -low)
            } else {
                (low, high)
            };
            format!(
                "95 % CI {} to {}",
                difference_in_words(&metric.metric, a),
                difference_in_words(&metric.metric, b)
            )
        }
        _ => "no interval: every team changed alike".into(),
    };
    (amount, interval)
}

/// The primary metric's answer in one sentence.
pub fn answer(metric: &MetricReport, k: i32) -> String {
    if let Some(did) = &metric.did {
        let (amount, interval) = moved(metric, did.estimate, did.ci_low, did.ci_high);
        let p = match (did.p_permutation, did.p_welch) {
            (Some(p), _) => format!(
                "p = {}, exact over {} relabellings",
                p_value(p),
                did.permutations
            ),
            (None, Some(p)) => format!("p = {} by Welch's t", p_value(p)),
            (None, None) => "no p-value".into(),
        };
        return format!(
            "{} {} more in pilot teams than in comparison teams ({interval}; {p}).",
            metric.label, amount
        );
    }
    match metric.arms.pilot.as_ref() {
        Some(GroupFigures::Figures(pilot)) => match pilot.change {
            Some(change) => {
                let (amount, interval) = moved(metric, change, pilot.ci_low, pilot.ci_high);
                let p = pilot.p.map(|p| format!("; p = {}", p_value(p))).unwrap_or_default();
                format!(
                    "{} {amount} in pilot teams ({interval}{p}). Observed without enough comparison teams: this shows what changed, not that the pilot caused it.",
                    metric.label
                )
            }
            None => format!("{}: nobody has values in both the baseline and the follow-up yet.", metric.label),
        },
        Some(GroupFigures::LeftOut(_)) => format!(
            "{}: no figures — every pilot team has fewer than {k} people with values in both phases.",
            metric.label
        ),
        None => format!("{}: the pilot has no pilot teams.", metric.label),
    }
}

/// The design's honesty in one line: how many teams, the smallest possible p, the smallest
/// effect it would likely see.
pub fn design(report: &Report) -> String {
    let teams = format!(
        "{} pilot and {} comparison teams",
        report.pilot.pilot_teams, report.pilot.comparison_teams
    );
    let Some(primary) = report.metrics.first() else {
        return teams;
    };
    match &primary.did {
        Some(did) => {
            let mut line = format!("{teams}: the smallest possible p is {}", p_value(did.min_attainable_p));
            if let Some(mde) = did.mde80 {
                line.push_str(&format!(
                    "; an effect under {}{} would likely go unseen",
                    difference_in_words(&primary.metric, mde),
                    unit_after(primary)
                ));
            }
            if did.min_attainable_p >= 0.05 {
                line.push_str(" — too few teams to ever reach significance at 5 %");
            }
            line + "."
        }
        None => format!(
            "{teams}: a difference in differences needs at least 2 kept teams in each arm, so this report is observational."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_read_as_percent_and_small_p_as_a_bound() {
        assert_eq!(value("participation", 0.8123), "81 %");
        assert_eq!(value("meeting_load", 7.25), "7.2");
        assert_eq!(p_value(0.0004), "< 0.001");
        assert_eq!(p_value(0.0312), "0.03");
        assert_eq!(p_value(0.0042), "0.004");
        assert_eq!(difference("participation", -0.273), "−27.3 pp");
    }
}
