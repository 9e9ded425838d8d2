//! One pilot: protocol, windows, teams with participation (counts only), lifecycle controls.

pub mod import;
mod participation;
mod protocol;
mod pulses;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::params::use_id_param;
use crate::components::table_scroll::TableScroll;
use crate::{
    api::{
        pilots::{
            get_pilot, AddPilotTeam, AdvancePilot, RemovePilotTeam, RenewPilotTeamLink,
            UpdateProtocol,
        },
        teams::list_team_choices,
    },
    components::{
        error_template::ErrorTemplate,
        form::ActionError,
        session::{caller_is_admin, is_admin, use_current_user, RequireRole},
    },
    domain::{account::Role, pilot::enrollment_link::ENROLLMENT_LINK_DAYS},
    wire::pilots::{ArmParticipation, PilotDetail, PilotStage, TeamParticipation},
    wire::teams::TeamChoice,
};
use protocol::EditProtocol;

#[component]
pub fn PilotPage() -> impl IntoView {
    view! {
        <Title text="Pilot" />
        <RequireRole roles=&[Role::Admin, Role::Executive]>
            <PilotView />
        </RequireRole>
    }
}

#[component]
fn PilotView() -> impl IntoView {
    let id = use_id_param("id");
    let add = ServerAction::<AddPilotTeam>::new();
    let remove = ServerAction::<RemovePilotTeam>::new();
    let renew = ServerAction::<RenewPilotTeamLink>::new();
    let advance = ServerAction::<AdvancePilot>::new();
    let update = ServerAction::<UpdateProtocol>::new();
    let pilot = Resource::new(
        move || {
            (
                id(),
                add.version().get(),
                remove.version().get(),
                renew.version().get(),
                advance.version().get(),
                update.version().get(),
            )
        },
        |(id, ..)| get_pilot(id),
    );
    // Loaded beside the pilot, not inside its view: a resource created inside a resolving
    // Suspend did not load after client-side navigation.
    // Only admins add teams: executives never ask for the choices (they would get a 403).
    let user = use_current_user();
    let team_choices = Resource::new(
        move || add.version().get(),
        move |_| async move {
            let admin = is_admin(user).await;
            if admin {
                list_team_choices().await
            } else {
                Ok(Vec::new())
            }
        },
    );
    let link = move || {
        add.value()
            .get()
            .and_then(Result::ok)
            .or_else(|| renew.value().get().and_then(Result::ok))
    };
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorTemplate errors /> }>
                {move || Suspend::new(async move {
                    let is_admin = caller_is_admin().await;
                    let choices = if is_admin { team_choices.await.unwrap_or_default() } else { Vec::new() };
                    pilot.await.map(|pilot| view! {
                        <PilotFacts pilot=pilot.clone() />
                        <p>
                            <a class="button" href=format!("/pilots/{}/report", pilot.id) data-testid="pilot-report-link">
                                "Open the report"
                            </a>
                        </p>
                        <Arms arms=pilot.arms.clone() privacy_k=pilot.privacy_k />
                        {is_admin.then(|| view! { <p><a href=format!("/admin/pilots/{}/import", pilot.id) data-testid="pilot-import-link">"Import metrics or decisions from CSV"</a></p> })}
                        {is_admin.then(|| view! { <Teams pilot=pilot.clone() is_admin remove renew /> })}
                        {(is_admin && pilot.protocol_locked_at.is_none()).then(|| view! {
                            <AddTeamForm pilot_id=pilot.id teams=choices add />
                        })}
                        {is_admin.then(|| view! {
                            <Lifecycle pilot=pilot.clone() advance />
                            <EditProtocol pilot update />
                        })}
                    })
                })}
            </ErrorBoundary>
        </Transition>
        <participation::PilotParticipation pilot_id=Signal::derive(id) />
        <pulses::PilotPulses pilot_id=Signal::derive(id) />
        {move || link().map(|url| view! {
            <div class="callout callout-ok" role="status">
                <p>"Enrollment link for the team — share it with its members (shown once; it works for " {ENROLLMENT_LINK_DAYS} " days):"</p>
                <input type="text" readonly value=url class="secret" data-testid="enrollment-link" aria-label="Enrollment link" />
            </div>
        })}
        <ActionError action=add />
        <ActionError action=remove />
        <ActionError action=renew />
    }
}

#[component]
fn PilotFacts(pilot: PilotDetail) -> impl IntoView {
    view! {
        <h1 data-testid="pilot-name">{pilot.name.clone()}</h1>
        <p class="lead">{pilot.hypothesis.clone()}</p>
        <dl class="facts" data-testid="pilot-facts">
            <dt>"Stage"</dt>
            <dd data-testid="pilot-stage">{pilot.stage_label.clone()} {pilot.decision.map(|d| format!(" ({})", d.as_str()))}</dd>
            <dt>"Primary metric"</dt>
            <dd>{pilot.primary_metric.label()}</dd>
            <dt>"Guardrails"</dt>
            <dd>{pilot.guardrail_metrics.iter().map(|metric| metric.label()).collect::<Vec<_>>().join(", ")}</dd>
            <dt>"Windows"</dt>
            <dd>
                "baseline from " {pilot.baseline_start.to_string()} ", " {pilot.baseline_days} " days; intervention "
                {pilot.intervention_days} " days; follow-up " {pilot.follow_up_days} " days"
            </dd>
            <dt>"Privacy threshold"</dt>
            <dd>"groups under " {pilot.privacy_k} " people are never shown"</dd>
            <dt>"Protocol"</dt>
            <dd>{match pilot.protocol_locked_at {
                Some(at) => format!("locked since {} (changes need a reason and are audited)", at.format("%Y-%m-%d")),
                None => "open: it locks when the baseline starts".to_string(),
            }}</dd>
        </dl>
    }
}

/// Participation per arm: what executives see (admins see it beside the teams).
#[component]
fn Arms(arms: Vec<ArmParticipation>, privacy_k: i32) -> impl IntoView {
    view! {
        <h2>"Participation"</h2>
        <p class="muted">"Counts per arm, its teams together; a group under " {privacy_k} " people shows no numbers."</p>
        <TableScroll label="Participation">
            <table class="data-table" data-testid="pilot-arms">
                <thead><tr><th>"Arm"</th><th class="num">"Teams"</th><th class="num">"Enrolled / invited"</th><th class="num">"Consent rate"</th></tr></thead>
                <tbody>
                    {arms.into_iter().map(|arm| view! {
                        <tr data-testid=format!("pilot-arm-{}", arm.arm.as_str())>
                            <td>{arm.arm.label()}</td>
                            <td class="num">{arm.teams}</td>
                            <td class="num">{arm.participation.label()}</td>
                            <td class="num">{arm.participation.rate_label()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}

#[component]
fn Teams(
    pilot: PilotDetail,
    is_admin: bool,
    remove: ServerAction<RemovePilotTeam>,
    renew: ServerAction<RenewPilotTeamLink>,
) -> impl IntoView {
    let draft = pilot.protocol_locked_at.is_none();
    view! {
        <h2>"Teams and participation"</h2>
        <p class="muted">"Counts per team only, and only for teams of at least " {pilot.privacy_k} " members: who consented is never shown."</p>
        <TableScroll label="Teams and participation">
            <table class="data-table" data-testid="pilot-teams">
                <thead><tr><th>"Team"</th><th>"Department"</th><th>"Role in the pilot"</th><th class="num">"Enrolled / invited"</th><th class="num">"Consent rate"</th><th>"Enrollment link"</th><th>"Actions"</th></tr></thead>
                <tbody>
                    {pilot.teams.into_iter().map(|team| view! { <TeamRow team draft is_admin remove renew /> }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}

#[component]
fn TeamRow(
    team: TeamParticipation,
    draft: bool,
    is_admin: bool,
    remove: ServerAction<RemovePilotTeam>,
    renew: ServerAction<RenewPilotTeamLink>,
) -> impl IntoView {
    let rate = team.participation.rate_label();
    let id = team.pilot_team_id;
    view! {
        <tr data-testid=format!("pilot-team-{}", team.team)>
            <td>{team.team.clone()}</td>
            <td>{team.department.clone()}</td>
            <td>{team.arm.label()} {team.volunteered.then_some(" (volunteered)")}</td>
            <td class="num">{team.participation.label()}</td>
            <td class="num">{rate}</td>
            <td data-testid="link-expiry">{link_expiry(&team)}</td>
            <td class="actions">
                {is_admin.then(|| view! {
                    <ActionForm action=renew attr:class="inline-form">
                        <input type="hidden" name="pilot_team_id" value=id.to_string() />
                        <button type="submit" class="button button-small button-secondary">"New link"</button>
                    </ActionForm>
                })}
                {(is_admin && draft).then(|| view! {
                    <details class="confirm">
                        <summary>"Remove…"</summary>
                        <p>"Remove " {team.team.clone()} " from this pilot?"</p>
                        <ActionForm action=remove attr:class="inline-form">
                            <input type="hidden" name="pilot_team_id" value=id.to_string() />
                            <button type="submit" class="button button-small button-danger">"Remove"</button>
                        </ActionForm>
                    </details>
                })}
            </td>
        </tr>
    }
}

/// When the team's link stops working, or that it has: HR renews it with "New link".
fn link_expiry(team: &TeamParticipation) -> String {
    match (team.link_expires_at, team.link_expired) {
        (Some(at), false) => format!("works until {}", at.format("%Y-%m-%d %H:%M UTC")),
        (Some(at), true) => format!("expired {}: issue a new link", at.format("%Y-%m-%d")),
        (None, _) => "expired: issue a new link".into(),
    }
}

#[component]
fn AddTeamForm(
    pilot_id: i64,
    teams: Vec<TeamChoice>,
    add: ServerAction<AddPilotTeam>,
) -> impl IntoView {
    view! {
        <h2>"Add a team"</h2>
        <ActionForm action=add attr:aria-label="Add a team">
            <input type="hidden" name="pilot_id" value=pilot_id.to_string() />
            <div class="form-grid">
                <label>
                    "Team"
                    <select name="team_id">
                        {teams.into_iter().map(|team| view! { <option value=team.id.to_string()>{team.name}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    "Role in the pilot"
                    <select name="arm">
                        <option value="pilot">"Pilot team (changes how it works)"</option>
                        <option value="comparison">"Comparison team (carries on as before)"</option>
                    </select>
                </label>
                <label class="checkbox">
                    <input type="checkbox" name="volunteered" />
                    "The team volunteered"
                </label>
            </div>
            <button type="submit" class="button">"Add team"</button>
        </ActionForm>
    }
}

#[component]
fn Lifecycle(pilot: PilotDetail, advance: ServerAction<AdvancePilot>) -> impl IntoView {
    pilot.next_stage.map(|next| {
        if next == PilotStage::Decided {
            // The decision is weighed against the suggested verdict, with its rationale.
            return view! {
                <h2>"Next stage"</h2>
                <p class="muted">{next.summary()}</p>
                <p>
                    <a class="button" href=format!("/pilots/{}/readiness", pilot.id) data-testid="decide-on-readiness">
                        "Weigh the evidence and record the decision"
                    </a>
                </p>
            }
            .into_any();
        }
        view! {
            <h2>"Next stage"</h2>
            <p class="muted">{next.summary()}</p>
            <ActionForm action=advance attr:aria-label="Move the pilot on">
                <input type="hidden" name="id" value=pilot.id.to_string() />
                <input type="hidden" name="stage" value=next.slug() />
                <ActionError action=advance />
                <button type="submit" class="button">"Move to " {next.label()}</button>
            </ActionForm>
        }
        .into_any()
    })
}
