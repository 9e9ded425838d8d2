//! Check-ins and pulse answers per phase: per team for HR, per arm for executives; counts only,
//! and only for groups of at least *k* frozen members. Teams under 60 % are flagged.

use leptos::prelude::*;

use crate::components::table_scroll::TableScroll;
use crate::{
    api::participation::get_participation,
    domain::capture::participation::percent_label,
    wire::participation::{ArmPhaseParticipation, PhaseParticipation, PhaseReport, TeamPhase},
};

#[component]
pub fn PilotParticipation(#[prop(into)] pilot_id: Signal<i64>) -> impl IntoView {
    let participation = Resource::new(move || pilot_id.get(), get_participation);
    view! {
        <Transition>
            {move || Suspend::new(async move {
                participation.await.ok().map(|participation| view! {
                    <h2>"Check-ins and pulse answers"</h2>
                    {if participation.membership_frozen {
                        view! {
                            <p class="muted">
                                "Check-ins received against those expected on each consenting member's working days in the team; pulse answers among consenting members. Under "
                                {percent_label(Some(participation.flag_below))} " is flagged. Groups under "
                                {participation.privacy_k} " people show no numbers."
                            </p>
                        }.into_any()
                    } else {
                        view! { <p class="muted" data-testid="participation-not-started">"Counted from the start of the baseline, over the members of the teams at that moment."</p> }.into_any()
                    }}
                    {participation.membership_frozen.then(|| participation.phases.into_iter().map(|phase| view! { <Phase phase /> }).collect_view())}
                })
            })}
        </Transition>
    }
}

#[component]
fn Phase(phase: PhaseReport) -> impl IntoView {
    let counted = match phase.counted_until {
        Some(day) if day < phase.last_day => format!("counted until {day}"),
        Some(_) => "complete".to_string(),
        None => "not started".to_string(),
    };
    let has_teams = !phase.teams.is_empty();
    view! {
        <h3>{phase.phase.label()} " (" {phase.first_day.to_string()} " to " {phase.last_day.to_string()} ", " {counted} ")"</h3>
        <TableScroll label=phase.phase.label()>
            <table class="data-table" data-testid=format!("participation-{}", phase.phase.as_str())>
                <thead><tr><th>"Team or arm"</th><th class="num">"Consenting / members"</th><th class="num">"Check-ins"</th><th class="num">"Check-in rate"</th><th class="num">"Pulse answers"</th><th></th></tr></thead>
                <tbody>
                    {has_teams.then(|| phase.teams.into_iter().map(|team| view! { <TeamRow team /> }).collect_view())}
                    {phase.arms.into_iter().map(|arm| view! { <ArmRow arm /> }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}

#[component]
fn TeamRow(team: TeamPhase) -> impl IntoView {
    view! {
        <tr data-testid=format!("participation-team-{}", team.team)>
            <td>{team.team.clone()}</td>
            <Figures participation=team.participation />
        </tr>
    }
}

#[component]
fn ArmRow(arm: ArmPhaseParticipation) -> impl IntoView {
    view! {
        <tr data-testid=format!("participation-arm-{}", arm.arm.as_str()) class="arm-row">
            <td><strong>{arm.arm.label()} "s"</strong> " (" {arm.kept_teams} " of " {arm.teams} " teams counted)"</td>
            <Figures participation=arm.participation />
        </tr>
    }
}

#[component]
fn Figures(participation: PhaseParticipation) -> impl IntoView {
    match participation {
        PhaseParticipation::FewerThan { threshold } => view! {
            <td colspan="5" class="muted">"fewer than " {threshold} " people"</td>
        }
        .into_any(),
        PhaseParticipation::Counts {
            members,
            consenting,
            checkins_received,
            checkins_expected,
            checkin_rate,
            pulse_responses,
            pulse_rate,
            flagged,
        } => view! {
            <td class="num">{consenting} " / " {members}</td>
            <td class="num">{checkins_received} " / " {checkins_expected}</td>
            <td class="num">{percent_label(checkin_rate)}</td>
            <td class="num">{match pulse_responses {
                Some(responses) => format!("{responses} ({})", percent_label(pulse_rate)),
                None => "no pulse".to_string(),
            }}</td>
            <td>{flagged.then(|| view! { <span class="flag" data-testid="flagged">"under 60 %"</span> })}</td>
        }
        .into_any(),
    }
}
