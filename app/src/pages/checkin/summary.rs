//! After checking in: the person's own last 14 days and their team's participation this week
//! (a count only, and only for a team at or above the privacy threshold).

use leptos::prelude::*;
use leptos_router::components::A;

use super::labels::{measure_label, value_label};
use crate::wire::checkin::{CheckinOverview, OwnEntry};

#[component]
pub fn Summary(overview: CheckinOverview) -> impl IntoView {
    let days = by_day(overview.recent);
    view! {
        {overview.team_week.map(|week| view! {
            <h2>"Your team this week"</h2>
            <p data-testid="team-week">{week.label()}</p>
        })}
        <h2>"Your last 14 days"</h2>
        <p class="muted">"Only you see these. " <A href="/me/entries">"All your entries"</A></p>
        {if days.is_empty() {
            view! { <p class="muted" data-testid="recent-empty">"Nothing entered yet."</p> }.into_any()
        } else {
            view! {
                <ul class="plain-list day-list" data-testid="recent-days">
                    {days.into_iter().map(|(day, entries)| view! {
                        <li>
                            <strong>{day}</strong>
                            <ul class="day-values">
                                {entries.into_iter().map(|entry| view! {
                                    <li>{measure_label(&entry)} ": " {value_label(&entry)}</li>
                                }).collect_view()}
                            </ul>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

/// Entries grouped by day, newest day first (they arrive sorted).
fn by_day(entries: Vec<OwnEntry>) -> Vec<(String, Vec<OwnEntry>)> {
    let mut days: Vec<(String, Vec<OwnEntry>)> = Vec::new();
    for entry in entries {
        let label = entry.date.format("%a %-d %b").to_string();
        match days.last_mut() {
            Some((day, list)) if *day == label => list.push(entry),
            _ => days.push((label, vec![entry])),
        }
    }
    days
}
