//! The next wave after "expand": candidate teams ranked with their reasons, the suggested ones
//! chosen already; HR records volunteering and turns the choice into a draft pilot.

use leptos::prelude::*;
use leptos_router::components::A;

use super::actions::reload_after;
use crate::components::table_scroll::TableScroll;
use crate::{
    api::readiness::{CreateNextWave, SetTeamVolunteered},
    components::form::ActionError,
    domain::readiness::wave::{WavePlan, WaveTeam},
};

#[component]
pub fn NextWave(
    id: i64,
    plan: WavePlan,
    may_change: bool,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let create = ServerAction::<CreateNextWave>::new();
    let volunteer = ServerAction::<SetTeamVolunteered>::new();
    reload_after(volunteer, changed);
    let created = move || match create.value().get() {
        Some(Ok(new_id)) => Some(view! {
            <p class="callout callout-ok" role="status" data-testid="next-wave-created">
                "Draft pilot created. "
                <A href=format!("/admin/pilots/{new_id}")>"Open the draft"</A>
            </p>
        }),
        _ => None,
    };
    let rows = plan
        .teams
        .iter()
        .cloned()
        .map(|team| view! { <WaveRow team may_change volunteer /> })
        .collect_view();
    let empty = plan.teams.is_empty().then(|| {
        view! { <p class="muted">"No team is left to invite: every team pilots or compares in a running pilot."</p> }
    });
    let choose = may_change && !plan.teams.is_empty();
    view! {
        <section data-testid="next-wave">
            <h2>"The next wave"</h2>
            <p data-testid="next-wave-size">
                "Suggested size: " {plan.suggested_size} ". " {plan.size_reason.clone()}
            </p>
            <p class="muted">
                "Ranked: teams that volunteered or whose manager completed the training, then teams with a "
                "confirmed champion in their department, then teams sharing a department with a pilot team. "
                {plan.left_out} " teams are left out: they already pilot or compare in a running pilot."
            </p>
            {empty}
            <ActionForm action=create attr:aria-label="Create the next wave">
                <input type="hidden" name="pilot_id" value=id.to_string() />
                <TableScroll label="Candidate teams">
                    <table class="data-table" data-testid="next-wave-teams">
                        <thead>
                            <tr>
                                <th scope="col">"Team"</th>
                                <th scope="col">"Department"</th>
                                <th scope="col">"Why"</th>
                                {may_change.then(|| view! { <th scope="col">"In the next wave"</th> })}
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </TableScroll>
                {choose.then(|| view! {
                    <p class="muted">"Pilot teams go in as having volunteered: choose only teams that did. Comparison teams carry on as before."</p>
                    <ActionError action=create />
                    <button type="submit" class="button">"Create a draft pilot"</button>
                })}
            </ActionForm>
            {created}
            <ActionError action=volunteer />
        </section>
    }
}

#[component]
fn WaveRow(
    team: WaveTeam,
    may_change: bool,
    volunteer: ServerAction<SetTeamVolunteered>,
) -> impl IntoView {
    let reasons = if team.reasons.is_empty() {
        "no reason yet".to_string()
    } else {
        team.reasons.join(", ")
    };
    let volunteered = team.reasons.iter().any(|reason| reason == "volunteered");
    let team_id = team.team_id;
    let choice = may_change.then(|| {
        let name = format!("choices[t{team_id}]");
        let suggested = team.suggested;
        view! {
            <td>
                <select name=name aria-label=format!("{} in the next wave", team.team)>
                    <option value="pilot" selected=suggested>"Pilot team"</option>
                    <option value="comparison">"Comparison team"</option>
                    <option value="skip" selected=!suggested>"Not now"</option>
                </select>
                <button type="button" class="link-button"
                    on:click=move |_| { volunteer.dispatch(SetTeamVolunteered { team_id, volunteered: !volunteered }); }>
                    {if volunteered { "Undo “volunteered”" } else { "Record that it volunteered" }}
                </button>
            </td>
        }
    });
    view! {
        <tr data-testid=format!("wave-team-{team_id}")>
            <th scope="row">{team.team.clone()}</th>
            <td>{team.department.clone()}</td>
            <td>{reasons}</td>
            {choice}
        </tr>
    }
}
