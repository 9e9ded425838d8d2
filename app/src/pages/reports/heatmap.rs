//! The energy heatmap: mean energy by weekday and part of day, per arm and phase. A cell with
//! fewer than k people is not in the report at all, so it shows as empty here.

use leptos::prelude::*;

use crate::{
    components::charts::heat_fill,
    domain::report::shape::{HeatmapPanel, Phase, Report},
};

const WEEKDAYS: [(&str, &str); 7] = [
    ("mon", "Mon"),
    ("tue", "Tue"),
    ("wed", "Wed"),
    ("thu", "Thu"),
    ("fri", "Fri"),
    ("sat", "Sat"),
    ("sun", "Sun"),
];
const PARTS: [(&str, &str); 3] = [
    ("morning", "Morning"),
    ("afternoon", "Afternoon"),
    ("evening", "Evening"),
];

fn panel_title(panel: &HeatmapPanel) -> String {
    let arm = if panel.arm.as_str() == "pilot" {
        "Pilot teams"
    } else {
        "Comparison teams"
    };
    let phase = match panel.phase {
        Phase::Baseline => "baseline",
        Phase::FollowUp => "follow-up",
    };
    format!("{arm}, {phase}")
}

#[component]
fn Panel(panel: HeatmapPanel) -> impl IntoView {
    let title = panel_title(&panel);
    let find = |weekday: &str, part: &str| {
        panel
            .cells
            .iter()
            .find(|cell| cell.weekday == weekday && cell.part_of_day == part)
            .cloned()
    };
    let rects = PARTS
        .iter()
        .enumerate()
        .flat_map(|(row, (part, _))| {
            WEEKDAYS.iter().enumerate().map(move |(column, (weekday, _))| (row, column, *part, *weekday))
        })
        .map(|(row, column, part, weekday)| {
            let (x, y) = (60.0 + column as f64 * 36.0, 18.0 + row as f64 * 26.0);
            match find(weekday, part) {
                Some(cell) => view! {
                    <g>
                        <rect x=format!("{x}") y=format!("{y}") width="34" height="24" rx="3"
                            fill=heat_fill((cell.mean - 1.0) / 4.0)></rect>
                        <text class="heat-value" x=format!("{}", x + 17.0) y=format!("{}", y + 16.0) text-anchor="middle">
                            {format!("{:.1}", cell.mean)}
                        </text>
                    </g>
                }.into_any(),
                None => view! {
                    <rect class="heat-empty" x=format!("{x}") y=format!("{y}") width="34" height="24" rx="3"></rect>
                }.into_any(),
            }
        })
        .collect_view();
    let day_labels = WEEKDAYS
        .iter()
        .enumerate()
        .map(|(column, (_, label))| view! {
            <text class="chart-axis-label" x=format!("{}", 77.0 + column as f64 * 36.0) y="12" text-anchor="middle">{*label}</text>
        })
        .collect_view();
    let part_labels = PARTS
        .iter()
        .enumerate()
        .map(|(row, (_, label))| view! {
            <text class="chart-axis-label" x="0" y=format!("{}", 34.0 + row as f64 * 26.0)>{*label}</text>
        })
        .collect_view();
    let table_rows = PARTS
        .iter()
        .map(|(part, label)| {
            let cells = WEEKDAYS
                .iter()
                .map(|(weekday, _)| {
                    let text = find(weekday, part).map_or_else(
                        || "–".to_string(),
                        |cell| format!("{:.2} ({} people)", cell.mean, cell.n),
                    );
                    view! { <td>{text}</td> }
                })
                .collect_view();
            view! { <tr><th scope="row">{*label}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <figure class="chart heatmap" data-testid="heatmap-panel">
            <figcaption>{title.clone()}</figcaption>
            <svg viewBox="0 0 314 100" aria-hidden="true">{day_labels}{part_labels}{rects}</svg>
            // The chart's text alternative. A table is as wide as its cells whatever its own
            // width, so a hidden one is clipped inside a hidden box (alone, it widened the page).
            <div class="visually-hidden">
                <table>
                    <caption>{format!("Mean energy, {title}")}</caption>
                    <thead><tr><th scope="col">"Part of day"</th>
                        {WEEKDAYS.iter().map(|(_, label)| view! { <th scope="col">{*label}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </div>
        </figure>
    }
}

#[component]
pub fn EnergyHeatmap(report: Report) -> impl IntoView {
    let k = report.privacy_k;
    let panels = report
        .energy_heatmap
        .into_iter()
        .map(|panel| view! { <Panel panel /> })
        .collect_view();
    view! {
        <section class="report-section" data-testid="energy-heatmap">
            <h2>"Energy through the week"</h2>
            <p class="muted">
                "Mean energy (1–5) by weekday and part of day: each person's mean in a cell, averaged "
                "over people. A cell needs at least " {k} " people; fewer, and it stays empty."
            </p>
            <div class="heatmaps">{panels}</div>
        </section>
    }
}
