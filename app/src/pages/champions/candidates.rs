//! `/admin/champions`: HR's candidate list (score and every signal explained), confirming or
//! dismissing with a note, and the confirmed champions.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::table_scroll::TableScroll;
use crate::{
    api::champions::{list_champion_candidates, DecideChampionCandidate},
    components::{
        badge::ChampionBadge, error_template::ErrorTemplate, form::ActionError,
        session::RequireRole,
    },
    domain::{account::Role, champions::ChampionStatus},
    wire::champions::Candidate,
};

#[component]
pub fn ChampionsAdminPage() -> impl IntoView {
    view! {
        <Title text="Champion candidates" />
        <h1>"Champion candidates"</h1>
        <RequireRole roles=&[Role::Admin]>
            <CandidateTable />
        </RequireRole>
    }
}

#[component]
fn CandidateTable() -> impl IntoView {
    let decide = ServerAction::<DecideChampionCandidate>::new();
    let list = Resource::new(
        move || decide.version().get(),
        |_| list_champion_candidates(),
    );
    view! {
        <p><a href="/coverage">"Coverage of pilot teams"</a> " · " <a href="/admin/training">"Manager training"</a></p>
        <ActionError action=decide />
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorTemplate errors /> }>
                {move || Suspend::new(async move {
                    list.await.map(|list| view! {
                        <p class="muted" data-testid="scoring-rules">{list.rules}</p>
                        {list.candidates.is_empty().then(|| view! {
                            <p data-testid="no-candidates">"Nobody has opted in or been nominated yet."</p>
                        })}
                        <TableScroll label="Champion candidates">
                            <table class="data-table" data-testid="candidates">
                                <thead><tr><th>"Person"</th><th>"Score"</th><th>"Signals"</th><th>"Nominations"</th><th>"Decision"</th></tr></thead>
                                <tbody>
                                    {list.candidates.into_iter().map(|candidate| view! { <CandidateRow candidate decide /> }).collect_view()}
                                </tbody>
                            </table>
                        </TableScroll>
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn CandidateRow(
    candidate: Candidate,
    decide: ServerAction<DecideChampionCandidate>,
) -> impl IntoView {
    let confirmed = candidate.status == Some(ChampionStatus::Confirmed);
    let status = candidate
        .status
        .map(|status| status.label().to_string())
        .unwrap_or_else(|| "Undecided".into());
    let id = candidate.person_id.to_string();
    let score = candidate
        .score
        .map(|score| format!("{score:.0}"))
        .unwrap_or_else(|| "–".into());
    view! {
        <tr data-testid=format!("candidate-{}", candidate.email)>
            <td>
                <strong>{candidate.name.clone()}</strong> <ChampionBadge champion=confirmed />
                <br /><span class="muted">{candidate.email.clone()}</span>
                <br /><span class="muted">{candidate.team.clone().unwrap_or_else(|| "no team".into())}
                {candidate.pilot.clone().map(|pilot| format!(" · {pilot}"))}</span>
                <br /><span class="muted">{if candidate.opted_in { "opted in" } else { "nominated only: no entries used" }}</span>
            </td>
            <td data-testid="candidate-score"><strong>{score}</strong></td>
            <td>
                <ul class="signal-list">
                    {candidate.signals.into_iter().map(|signal| {
                        let class = if signal.value.is_none() { "signal-missing" } else { "" };
                        let value = signal.value.map(|value| format!("{value:.0}")).unwrap_or_else(|| "missing".into());
                        view! {
                            <li class=class>{signal.label} ": " <strong>{value}</strong> " — " {signal.explanation}</li>
                        }
                    }).collect_view()}
                </ul>
            </td>
            <td>
                {candidate.nominations}
                <ul class="signal-list">
                    {candidate.reasons.into_iter().map(|reason| view! {
                        <li>"“" {reason.reason} "”" {reason.from.map(|from| format!(" — {from}"))}</li>
                    }).collect_view()}
                </ul>
            </td>
            <td>
                <span data-testid="candidate-status">{status}</span>
                {candidate.note.map(|note| view! { <br /><span class="muted">{note}</span> })}
                <ActionForm action=decide attr:aria-label=format!("Decide on {}", candidate.name)>
                    <input type="hidden" name="person_id" value=id />
                    <input type="text" name="decision[note]" placeholder="Note (optional)" maxlength="500" aria-label="Note" />
                    <select name="decision[decision]" aria-label="Decision">
                        <option value="confirm">"Confirm as champion"</option>
                        <option value="dismiss">"Dismiss"</option>
                    </select>
                    <button type="submit" class="button button-small">"Save decision"</button>
                </ActionForm>
            </td>
        </tr>
    }
}
