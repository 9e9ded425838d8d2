//! One metric of a report: its arms before and after (a chart and a table), the difference in
//! differences, and each team's row (left-out teams named as left out, nothing more).

use leptos::prelude::*;

use super::p_label;
use crate::components::table_scroll::TableScroll;
use crate::{
    components::charts::{ArmMove, BeforeAfter, TrendChart, TrendInput},
    domain::{
        metrics::Direction,
        report::{
            catalogue::MetricRole,
            headline::{difference, value},
            shape::{GroupFigures, MetricReport},
        },
        stats::figures::Paired,
    },
};

fn role_label(role: MetricRole) -> &'static str {
    match role {
        MetricRole::Primary => "Primary metric",
        MetricRole::Guardrail => "Guardrail",
        MetricRole::Other => "Also measured",
    }
}

fn cell(metric: &str, number: Option<f64>) -> String {
    number.map_or_else(|| "–".to_string(), |number| value(metric, number))
}

fn change_cell(metric: &str, paired: &Paired) -> String {
    let Some(change) = paired.change else {
        return "–".into();
    };
    let mut text = difference(metric, change);
    if let (Some(low), Some(high)) = (paired.ci_low, paired.ci_high) {
        text.push_str(&format!(
            " ({} to {})",
            difference(metric, low),
            difference(metric, high)
        ));
    }
    text
}

/// A table row for a group: its figures, or that it is left out.
fn group_row(metric: &str, name: String, figures: &GroupFigures) -> AnyView {
    match figures {
        GroupFigures::LeftOut(left_out) => view! {
            <tr class="left-out">
                <th scope="row">{name}</th>
                <td colspan="5">"left out: " {left_out.reason.clone()}</td>
            </tr>
        }
        .into_any(),
        GroupFigures::Figures(paired) => view! {
            <tr>
                <th scope="row">{name}</th>
                <td class="num">{paired.n}</td>
                <td class="num">{cell(metric, paired.baseline.mean)}</td>
                <td class="num">{cell(metric, paired.follow_up.mean)}</td>
                <td class="num">{change_cell(metric, paired)}</td>
                <td class="num">{paired.p.map(p_label).unwrap_or_else(|| "–".into())}</td>
            </tr>
        }
        .into_any(),
    }
}

#[component]
pub fn MetricSection(
    metric: MetricReport,
    k: i32,
    /// The weekly lines, every week's start, and the intervention's weeks.
    trend: Option<TrendInput>,
) -> impl IntoView {
    let trend_label = format!(
        "{}: weekly mean per arm over the pilot; weeks with fewer than {k} people are left out.",
        metric.label
    );
    let trend = trend.map(|(lines, weeks, intervention)| {
        view! { <TrendChart lines weeks intervention label=trend_label /> }
    });
    let key = metric.metric.clone();
    let direction = match metric.direction {
        Direction::HigherIsBetter => "higher is better",
        Direction::LowerIsBetter => "lower is better",
    };
    let moves: Vec<ArmMove> = [
        ("pilot", metric.arms.pilot.as_ref()),
        ("comparison", metric.arms.comparison.as_ref()),
    ]
    .into_iter()
    .filter_map(|(arm, figures)| {
        let paired = figures?.figures()?;
        Some(ArmMove {
            arm,
            before: paired.baseline.mean?,
            after: paired.follow_up.mean?,
        })
    })
    .collect();
    let chart_label = format!(
        "{}: baseline and follow-up means per arm; the table below gives the numbers.",
        metric.label
    );
    let arm_rows = [
        ("Pilot teams", &metric.arms.pilot),
        ("Comparison teams", &metric.arms.comparison),
    ]
    .into_iter()
    .filter_map(|(name, figures)| {
        figures
            .as_ref()
            .map(|figures| group_row(&key, name.to_string(), figures))
    })
    .collect_view();
    let did_line = match &metric.did {
        Some(did) => {
            let mut text = format!("Difference in differences: {}", difference(&key, did.estimate));
            if let (Some(low), Some(high)) = (did.ci_low, did.ci_high) {
                text.push_str(&format!(" (95 % CI {} to {})", difference(&key, low), difference(&key, high)));
            }
            if let Some(p) = did.p_permutation {
                text.push_str(&format!("; permutation p {} over {} relabellings", p_label(p), did.permutations));
            }
            if let Some(p) = did.p_welch {
                text.push_str(&format!("; Welch p {}", p_label(p)));
            }
            if let Some(q) = did.q_value {
                text.push_str(&format!("; q {}", p_label(q)));
            }
            text
        }
        None => "Observational: fewer than 2 kept teams with values in an arm, so no difference in differences; the pilot arm's before/after is what there is.".into(),
    };
    let team_rows = metric
        .teams
        .iter()
        .map(|team| {
            let name = format!("{} ({})", team.team, team.arm.as_str());
            group_row(&key, name, &team.figures)
        })
        .collect_view();
    view! {
        <section class="report-section report-metric" id=format!("metric-{key}") data-testid=format!("metric-{key}")>
            <h2>
                {metric.label.clone()}
                <span class=format!("badge badge-{}", metric.role.as_str())>{role_label(metric.role)}</span>
            </h2>
            <p class="muted">{metric.unit.clone()} " · " {direction}</p>
            <BeforeAfter moves label=chart_label />
            <p data-testid="metric-did">{did_line}</p>
            {trend}
            <TableScroll label=format!("{} by group", metric.label)>
                <table class="data-table">
                    <caption class="visually-hidden">{format!("{} per arm and team", metric.label)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Group"</th>
                            <th scope="col" class="num">"People"</th>
                            <th scope="col" class="num">"Before"</th>
                            <th scope="col" class="num">"After"</th>
                            <th scope="col" class="num">"Change (95 % CI)"</th>
                            <th scope="col" class="num">"p"</th>
                        </tr>
                    </thead>
                    <tbody>{arm_rows}{team_rows}</tbody>
                </table>
            </TableScroll>
            <p class="muted small">"Teams with fewer than " {k} " paired people are left out of every figure."</p>
        </section>
    }
}
