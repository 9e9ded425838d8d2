//! The champion and training parts of the account page: the opt-in, one's nominations, stepping
//! down, nominating a colleague, and (for team managers) recording one's own training.

use leptos::prelude::*;

use crate::components::table_scroll::TableScroll;
use crate::{
    api::{
        champions::{get_my_champion, NominateColleague, SetChampionOptIn, StepDownAsChampion},
        training::{get_my_training, RecordTraining},
    },
    components::{
        badge::ChampionBadge,
        form::{succeeded, ActionError},
    },
    domain::champions::{training::TrainingStatus, ChampionStatus},
    wire::training::ManagerTraining,
};

#[component]
pub fn ChampionSection() -> impl IntoView {
    let toggle = ServerAction::<SetChampionOptIn>::new();
    let step_down = ServerAction::<StepDownAsChampion>::new();
    let mine = Resource::new(
        move || (toggle.version().get(), step_down.version().get()),
        |_| get_my_champion(),
    );
    view! {
        <h2>"Async champions"</h2>
        <Suspense>
            {move || Suspend::new(async move {
                mine.await.ok().map(|mine| {
                    let next = (!mine.opted_in).to_string();
                    let confirmed = mine.status == Some(ChampionStatus::Confirmed);
                    let may_nominate = mine.may_nominate;
                    view! {
                        <section data-testid="champion-section">
                            {confirmed.then(|| view! {
                                <p>"You are a confirmed champion " <ChampionBadge champion=true /></p>
                            })}
                            <ActionForm action=toggle attr:aria-label="Champion option" attr:class="inline-form">
                                <input type="hidden" name="opted_in" value=next />
                                <span>"Use my own entries to suggest me as a champion: "</span>
                                <strong data-testid="champion-opt-in-state">{if mine.opted_in { "on" } else { "off" }}</strong>
                                " "
                                <button type="submit" class="button button-small button-secondary">
                                    {if mine.opted_in { "Turn off" } else { "Turn on" }}
                                </button>
                            </ActionForm>
                            <p class="muted">
                                "Off by default. When on, HR sees where your own entries stand among your pilot's people who also opted in (percentiles, never your entries). Turning it off takes you off the candidate list at once."
                            </p>
                            <p data-testid="my-nominations">
                                {format!("Colleagues nominated you {} time{}.", mine.nominations, if mine.nominations == 1 { "" } else { "s" })}
                            </p>
                            <ul class="plain-list">
                                {mine.reasons.into_iter().map(|reason| view! {
                                    <li>"“" {reason.reason} "”" {reason.from.map(|from| format!(" — {from}"))}</li>
                                }).collect_view()}
                            </ul>
                            {confirmed.then(|| view! {
                                <details class="confirm">
                                    <summary>"Step down as a champion…"</summary>
                                    <ActionForm action=step_down attr:class="inline-form">
                                        <button type="submit" class="button button-small button-danger">"Step down"</button>
                                    </ActionForm>
                                </details>
                            })}
                        </section>
                        {may_nominate.then(|| view! { <NominateForm /> })}
                    }
                })
            })}
        </Suspense>
        <ActionError action=toggle />
        <ActionError action=step_down />
    }
}

#[component]
fn NominateForm() -> impl IntoView {
    let nominate = ServerAction::<NominateColleague>::new();
    let done = succeeded(nominate);
    view! {
        <h3>"Nominate a colleague"</h3>
        <ActionForm action=nominate attr:aria-label="Nominate a colleague">
            <div class="form-grid">
                <label>"Their email" <input type="email" name="nomination[email]" required autocomplete="off" /></label>
                <label>"Why, in one sentence" <input type="text" name="nomination[reason]" required maxlength="300" /></label>
            </div>
            <label class="checkbox">
                <input type="checkbox" name="nomination[reveal_nominator]" value="true" />
                " Let them see it was me"
            </label>
            <ActionError action=nominate />
            <Show when=done>
                <p class="callout callout-ok" role="status">"Thank you: your nomination is with HR."</p>
            </Show>
            <button type="submit" class="button button-small">"Nominate"</button>
        </ActionForm>
    }
}

/// A manager's own training, with a form per module.
#[component]
pub fn MyTrainingSection() -> impl IntoView {
    let record = ServerAction::<RecordTraining>::new();
    let mine = Resource::new(move || record.version().get(), |_| get_my_training());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                mine.await.ok().and_then(|mine| mine.training).map(|training| view! {
                    <h2>"Your manager training"</h2>
                    <TrainingTable training record />
                    <ActionError action=record />
                })
            })}
        </Suspense>
    }
}

/// A manager's modules with their status and a form to record each one.
#[component]
pub fn TrainingTable(
    training: ManagerTraining,
    record: ServerAction<RecordTraining>,
) -> impl IntoView {
    let person_id = training.person_id.to_string();
    view! {
        <p data-testid="training-trained">
            {if training.trained { "Every required module completed." } else { "Some required modules are not completed yet." }}
        </p>
        <TableScroll label="Training modules">
            <table class="data-table" data-testid="training-modules">
                <thead><tr><th>"Module"</th><th>"Status"</th><th>"Record"</th></tr></thead>
                <tbody>
                    {training.modules.into_iter().map(|module| {
                        let person_id = person_id.clone();
                        let current = module.status;
                        let testid = format!("module-{}", module.module);
                        let status = match module.completed_on {
                            Some(day) => format!("Completed on {day}"),
                            None => module.status.label().to_string(),
                        };
                        view! {
                            <tr data-testid=testid>
                                <td>{module.title.clone()} {module.required.then_some(" (required)")}</td>
                                <td data-testid="module-status">{status}</td>
                                <td>
                                    <ActionForm action=record attr:class="inline-form" attr:aria-label=format!("Record {}", module.title)>
                                        <input type="hidden" name="person_id" value=person_id />
                                        <input type="hidden" name="record[module]" value=module.module.clone() />
                                        <select name="record[status]" aria-label="Status">
                                            {TrainingStatus::ALL.into_iter().map(|status| view! {
                                                <option value=status.as_str() selected={status == current}>{status.label()}</option>
                                            }).collect_view()}
                                        </select>
                                        <input type="date" name="record[completed_on]" aria-label="Completed on" />
                                        <button type="submit" class="button button-small">"Save"</button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}
