//! `/team`: the caller's team — its charter in force with every dated version, and its decision
//! log. A choice of team when the caller is in (or manages) several; `?team=ID` picks one.

mod charter;
mod decisions;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::pages::champions::team::TeamChampionsSection;
use crate::{
    api::{
        champions::get_team_champions,
        charters::{get_team_charter, list_my_teams, SaveTeamCharter},
        decisions::{get_team_decisions, LogDecision, MarkDecisionDecided},
        process_types::list_process_types,
    },
    components::{error_template::ErrorTemplate, session::RequireRole},
    domain::account::Role,
    error::AppError,
    wire::{
        champions::TeamChampions, charters::TeamCharter, decisions::TeamDecisions,
        process_types::ProcessType, teams::TeamChoice,
    },
};
use charter::CharterSection;
use decisions::DecisionSection;

/// Everything the page shows, loaded in one go (a resource created inside a resolving Suspend
/// does not reload after client-side navigation, so there is one resource for the page).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct TeamRecords {
    teams: Vec<TeamChoice>,
    chosen: Option<(TeamCharter, TeamDecisions, TeamChampions)>,
    process_types: Vec<ProcessType>,
}

async fn load(team: Option<i64>) -> Result<TeamRecords, AppError> {
    let teams = list_my_teams().await?;
    let chosen = match team.or_else(|| teams.first().map(|team| team.id)) {
        Some(id) => Some((
            get_team_charter(id).await?,
            get_team_decisions(id).await?,
            get_team_champions(id).await?,
        )),
        None => None,
    };
    Ok(TeamRecords {
        teams,
        chosen,
        process_types: list_process_types().await?,
    })
}

#[component]
pub fn TeamRecordsPage() -> impl IntoView {
    view! {
        <Title text="Team" />
        <h1>"Your team"</h1>
        <RequireRole roles=&Role::ALL>
            <TeamView />
        </RequireRole>
    }
}

#[component]
fn TeamView() -> impl IntoView {
    let query = use_query_map();
    let team = move || query.with(|query| query.get("team").and_then(|id| id.parse::<i64>().ok()));
    let save_charter = ServerAction::<SaveTeamCharter>::new();
    let log = ServerAction::<LogDecision>::new();
    let decide = ServerAction::<MarkDecisionDecided>::new();
    let records = Resource::new(
        move || {
            (
                team(),
                save_charter.version().get(),
                log.version().get(),
                decide.version().get(),
            )
        },
        |(team, ..)| load(team),
    );
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorTemplate errors /> }>
                {move || Suspend::new(async move {
                    records.await.map(|records| {
                        let choice = (records.teams.len() > 1).then(|| {
                            let chosen = records.chosen.as_ref().map(|(charter, ..)| charter.team_id);
                            view! { <TeamChoiceForm teams=records.teams.clone() chosen /> }
                        });
                        match records.chosen {
                            None => view! {
                                <section class="callout" data-testid="no-team">
                                    <p>"You are not in a team yet. HR adds people to teams through the roster."</p>
                                </section>
                            }
                            .into_any(),
                            Some((charter, decisions, champions)) => view! {
                                {choice}
                                <h2 class="team-name" data-testid="team-name">{charter.team.clone()}</h2>
                                <CharterSection charter save=save_charter />
                                <DecisionSection decisions process_types=records.process_types log decide />
                                <TeamChampionsSection champions />
                            }
                            .into_any(),
                        }
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

/// Picks one of several teams: a plain GET form, so it works before the page is interactive.
#[component]
fn TeamChoiceForm(teams: Vec<TeamChoice>, chosen: Option<i64>) -> impl IntoView {
    view! {
        <form method="get" action="/team" class="inline-form" aria-label="Choose a team">
            <label class="visually-hidden" for="team-choice">"Team"</label>
            <select id="team-choice" name="team">
                {teams.into_iter().map(|team| {
                    let selected = Some(team.id) == chosen;
                    view! { <option value=team.id.to_string() selected=selected>{team.name}</option> }
                }).collect_view()}
            </select>
            <button type="submit" class="button button-small">"Show"</button>
        </form>
    }
}
