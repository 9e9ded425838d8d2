//! The team page's champions part: the team's champions (and those elsewhere in its
//! department), its pilots' reports, and for the team's manager their own training.

use leptos::prelude::*;

use crate::{
    components::badge::ChampionBadge,
    domain::capture::participation::{percent_label, PhaseParticipation},
    wire::champions::{ChampionName, TeamChampions},
};

#[component]
pub fn TeamChampionsSection(champions: TeamChampions) -> impl IntoView {
    let names = |people: Vec<ChampionName>| {
        people
            .into_iter()
            .map(|person| {
                view! {
                    <li>{person.name} <ChampionBadge champion=true />
                        {person.team.map(|team| view! { <span class="muted">{format!(" · {team}")}</span> })}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section data-testid="team-champions">
            <h2>"Champions"</h2>
            <p data-testid="team-coverage">{champions.coverage.label()}</p>
            {(!champions.in_team.is_empty()).then(|| view! {
                <h3>"In the team"</h3>
                <ul class="plain-list">{names(champions.in_team)}</ul>
            })}
            {(!champions.in_department.is_empty()).then(|| view! {
                <h3>"Elsewhere in the department"</h3>
                <ul class="plain-list">{names(champions.in_department)}</ul>
            })}
            {champions.manager_training.map(|training| view! {
                <h2>"Your manager training"</h2>
                <p data-testid="team-manager-trained">
                    {if training.trained { "Every required module completed." } else { "Some required modules are not completed yet." }}
                    " " <a href="/account">"Record your progress on your account page."</a>
                </p>
            })}
            {(!champions.pilots.is_empty()).then(|| view! {
                <h2>"Pilots and reports"</h2>
                <ul class="plain-list" data-testid="team-pilots">
                    {champions.pilots.into_iter().map(|pilot| view! {
                        <li>{pilot.name.clone()} " · "
                            {pilot.participation.into_iter().map(|row| view! {
                                <span data-testid="team-participation">{row.phase.label()} ": " {participation_label(row.participation)} " · "</span>
                            }).collect_view()}
                            {if pilot.report_published {
                                view! { <a href=format!("/pilots/{}/report", pilot.pilot_id)>"Read the team's report figures (above the privacy threshold)"</a> }.into_any()
                            } else {
                                view! { <span class="muted">"report not published yet"</span> }.into_any()
                            }}
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

/// A phase's participation in words: check-in and pulse rates, or why there are no counts.
fn participation_label(participation: PhaseParticipation) -> String {
    match participation {
        PhaseParticipation::Counts {
            checkin_rate,
            pulse_rate,
            ..
        } => format!(
            "check-ins {}, pulse {}",
            percent_label(checkin_rate),
            percent_label(pulse_rate)
        ),
        PhaseParticipation::FewerThan { threshold } => format!("fewer than {threshold} people"),
    }
}
