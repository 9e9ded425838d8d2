//! A pilot's measurement windows as a table with proportional bars.

use leptos::prelude::*;

use crate::domain::pilot::plan::PilotPlan;

#[component]
pub fn Timeline(plan: PilotPlan) -> impl IntoView {
    let windows = plan.windows();
    let total_days: u32 = windows.iter().map(|w| u32::from(w.days)).sum();
    let rows = windows
        .into_iter()
        .map(|window| {
            let share = f64::from(window.days) * 100.0 / f64::from(total_days.max(1));
            view! {
                <tr data-testid=format!("window-{}", window.stage.slug())>
                    <th scope="row">{window.stage.label()}</th>
                    <td>{window.first_day.format("%a %-d %b %Y").to_string()}</td>
                    <td>{window.last_day.format("%a %-d %b %Y").to_string()}</td>
                    <td class="num">{window.days}</td>
                    <td class="bar-cell" aria-hidden="true">
                        // An SVG width, not an inline style, so the page needs no 'unsafe-inline' CSS.
                        <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none">
                            <rect
                                class=format!("bar-{}", window.stage.slug())
                                width=format!("{share:.1}")
                                height="10"
                            ></rect>
                        </svg>
                    </td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <table class="timeline" data-testid="timeline">
            <caption>"Measurement windows (both ends inclusive)"</caption>
            <thead>
                <tr>
                    <th scope="col">"Stage"</th>
                    <th scope="col">"First day"</th>
                    <th scope="col">"Last day"</th>
                    <th scope="col" class="num">"Days"</th>
                    <th scope="col"><span class="visually-hidden">"Share of the pilot"</span></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <p data-testid="review-starts">
            "Review starts on " <strong>{plan.review_starts().format("%A %-d %B %Y").to_string()}</strong>
            ", once all follow-up entries are in."
        </p>
    }
}
