//! Server-rendered SVG charts for reports: they draw without WebAssembly, print, and each comes
//! with the same numbers as a table (visible or for screen readers). Colours come from
//! presentation attributes and classes, never inline styles (the CSP forbids those).

use crate::components::table_scroll::TableScroll;
use leptos::prelude::*;

/// One row of a forest plot: an estimate with its interval, drawn on the row's own scale with
/// "better" to the right.
#[derive(Debug, Clone, PartialEq)]
pub struct ForestRow {
    pub label: String,
    pub estimate: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// +1 when higher is better, −1 when lower is.
    pub better: f64,
    pub text: String,
    pub significant: bool,
}

/// The width of one forest row's drawing.
const BAR: f64 = 200.0;

/// x of `value` on a row whose scale runs over ±`reach`, flipped so better is right.
fn x_of(value: f64, reach: f64, better: f64) -> f64 {
    let centre = BAR / 2.0;
    centre + (value * better / reach).clamp(-1.0, 1.0) * (centre - 8.0)
}

/// A forest plot as a table: one row per metric with its name, a small drawing of the estimate
/// and interval (zero in the middle, better to the right, each row on its own scale) and the
/// numbers in words — the table is its own text alternative.
#[component]
pub fn ForestPlot(
    rows: Vec<ForestRow>,
    caption: String,
    #[prop(default = "Metric")] row_header: &'static str,
    #[prop(default = "Pilot minus comparison (95 % CI)")] text_header: &'static str,
) -> impl IntoView {
    let rows = rows
        .into_iter()
        .map(|row| {
            let reach = [Some(row.estimate), row.low, row.high]
                .into_iter()
                .flatten()
                .map(f64::abs)
                .fold(0.0_f64, f64::max)
                .max(1e-12)
                * 1.1;
            let interval = row.low.zip(row.high).map(|(low, high)| {
                view! {
                    <line class="chart-interval" x1=format!("{:.1}", x_of(low, reach, row.better))
                        x2=format!("{:.1}", x_of(high, reach, row.better)) y1="11" y2="11"></line>
                }
            });
            let class = if row.significant { "chart-point chart-point-strong" } else { "chart-point" };
            view! {
                <tr>
                    <th scope="row">{row.label}</th>
                    <td class="forest-bar">
                        <svg viewBox=format!("0 0 {BAR} 22") aria-hidden="true">
                            <line class="chart-zero" x1=format!("{}", BAR / 2.0) x2=format!("{}", BAR / 2.0) y1="0" y2="22"></line>
                            {interval}
                            <circle class=class cx=format!("{:.1}", x_of(row.estimate, reach, row.better)) cy="11" r="5"></circle>
                        </svg>
                    </td>
                    <td class="forest-text">{row.text}</td>
                </tr>
            }
        })
        .collect_view();
    let label = caption.clone();
    view! {
        <TableScroll label=label>
            <table class="forest" data-testid="forest-plot">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{row_header}</th>
                        <th scope="col" class="forest-bar"><span class="forest-scale"><span>"worse"</span><span>"better"</span></span></th>
                        <th scope="col">{text_header}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </TableScroll>
    }
}

/// Before → after for each arm on one shared axis: a grey dot for the baseline mean, a coloured
/// one for the follow-up, an arrow between them.
#[derive(Debug, Clone, PartialEq)]
pub struct ArmMove {
    pub arm: &'static str,
    pub before: f64,
    pub after: f64,
}

#[component]
pub fn BeforeAfter(moves: Vec<ArmMove>, label: String) -> impl IntoView {
    let values: Vec<f64> = moves.iter().flat_map(|m| [m.before, m.after]).collect();
    let (mut low, mut high) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    if !(low.is_finite() && high.is_finite()) {
        return view! { <p class="muted">"No figures to draw."</p> }.into_any();
    }
    if high - low < 1e-9 {
        low -= 1.0;
        high += 1.0;
    }
    let pad = (high - low) * 0.1;
    let (low, high) = (low - pad, high + pad);
    let x = move |value: f64| 110.0 + (value - low) / (high - low) * (CHART - 150.0);
    let height = 34.0 * moves.len() as f64 + 8.0;
    let rows = moves
        .into_iter()
        .enumerate()
        .map(|(index, movement)| {
            let y = 20.0 + 34.0 * index as f64;
            let label_y = format!("{:.1}", y - 9.0);
            view! {
                <g>
                    <text class="chart-axis-label" x="4" y=format!("{:.1}", y + 4.0)>{movement.arm}</text>
                    <text class="chart-value" x=format!("{:.1}", x(movement.before)) y=label_y.clone() text-anchor="middle">{format_value(movement.before)}</text>
                    <text class="chart-value" x=format!("{:.1}", x(movement.after)) y=label_y text-anchor="middle">{format_value(movement.after)}</text>
                    <line class="chart-move" x1=format!("{:.1}", x(movement.before)) x2=format!("{:.1}", x(movement.after))
                        y1=format!("{y:.1}") y2=format!("{y:.1}")></line>
                    <circle class="chart-before" cx=format!("{:.1}", x(movement.before)) cy=format!("{y:.1}") r="5"></circle>
                    <circle class="chart-after" cx=format!("{:.1}", x(movement.after)) cy=format!("{y:.1}") r="5"></circle>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="before-after">
            <svg class="chart" viewBox=format!("0 0 {CHART} {height}") role="img" aria-label=label>
                {rows}
            </svg>
            <figcaption class="muted small">
                <span class="legend legend-before"></span>" baseline mean → "
                <span class="legend legend-after"></span>" follow-up mean"
            </figcaption>
        </figure>
    }
    .into_any()
}

const CHART: f64 = 560.0;

/// A value above a dot: enough digits to tell two dots apart.
fn format_value(value: f64) -> String {
    if value.abs() >= 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.2}")
    }
}

/// A 0–1 share as a fill from pale to the accent colour, for heatmap cells.
pub fn heat_fill(share: f64) -> String {
    let share = share.clamp(0.0, 1.0);
    let lightness = 92.0 - share * 50.0;
    format!("hsl(210, 45%, {lightness:.0}%)")
}

/// A trend chart's lines, every week's start, and the intervention's first and last week.
pub type TrendInput = (Vec<TrendLine>, Vec<String>, (usize, usize));

/// One line of a trend chart: (week start as text, mean) points of an arm.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendLine {
    pub arm: &'static str,
    pub points: Vec<(String, f64)>,
}

/// Weekly means per arm over the pilot, weeks on a shared axis; the intervention weeks shaded.
/// `weeks` names every week in order; `intervention` is the range of week indexes to shade.
#[component]
pub fn TrendChart(
    lines: Vec<TrendLine>,
    weeks: Vec<String>,
    intervention: (usize, usize),
    label: String,
) -> impl IntoView {
    let values: Vec<f64> = lines
        .iter()
        .flat_map(|line| line.points.iter().map(|(_, v)| *v))
        .collect();
    let (mut low, mut high) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    if !(low.is_finite() && high.is_finite()) || weeks.len() < 2 {
        return view! { <p class="muted small">"Too few weeks with enough people to draw a trend."</p> }.into_any();
    }
    if high - low < 1e-9 {
        low -= 1.0;
        high += 1.0;
    }
    let (width, height, left, top) = (CHART, 150.0, 44.0, 10.0);
    let step = (width - left - 10.0) / (weeks.len() - 1) as f64;
    let x = move |index: usize| left + step * index as f64;
    let y = move |value: f64| top + (high - value) / (high - low) * (height - top - 24.0);
    let index_of = |week: &str| weeks.iter().position(|known| known == week);
    let shade_from = x(intervention.0) - step / 2.0;
    let shade_to = x(intervention.1) + step / 2.0;
    let paths = lines
        .iter()
        .map(|line| {
            let coordinates: Vec<String> = line
                .points
                .iter()
                .filter_map(|(week, value)| Some(format!("{:.1},{:.1}", x(index_of(week)?), y(*value))))
                .collect();
            let dots = coordinates
                .iter()
                .map(|point| {
                    let (cx, cy) = point.split_once(',').unwrap_or(("0", "0"));
                    view! { <circle class=format!("trend-dot trend-{}", line.arm) cx=cx.to_string() cy=cy.to_string() r="3"></circle> }
                })
                .collect_view();
            view! {
                <g>
                    <polyline class=format!("trend-line trend-{}", line.arm) points=coordinates.join(" ")></polyline>
                    {dots}
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="trend">
            <svg class="chart" viewBox=format!("0 0 {width} {height}") role="img" aria-label=label>
                <rect class="trend-intervention" x=format!("{shade_from:.1}") y=format!("{top}")
                    width=format!("{:.1}", (shade_to - shade_from).max(0.0)) height=format!("{:.1}", height - top - 24.0)></rect>
                <text class="chart-axis-label" x="0" y=format!("{:.1}", y(high) + 4.0)>{format_value(high)}</text>
                <text class="chart-axis-label" x="0" y=format!("{:.1}", y(low) + 4.0)>{format_value(low)}</text>
                <text class="chart-axis-label" x=format!("{:.1}", x(0)) y=format!("{}", height - 6.0)>{weeks.first().cloned().unwrap_or_default()}</text>
                <text class="chart-axis-label" x=format!("{:.1}", x(weeks.len() - 1)) y=format!("{}", height - 6.0) text-anchor="end">{weeks.last().cloned().unwrap_or_default()}</text>
                {paths}
            </svg>
            <figcaption class="muted small">
                <span class="legend legend-pilot"></span>" pilot teams "
                <span class="legend legend-comparison"></span>" comparison teams; shaded: the intervention weeks"
            </figcaption>
        </figure>
    }
    .into_any()
}
