//! The pilot's pulse surveys: HR opens one for the baseline and one for the follow-up, and may
//! close one early. Dates and status only: who answered is never shown.

use leptos::prelude::*;

use crate::{
    api::pulses::{list_pulses, ClosePulse, OpenPulse},
    components::{form::ActionError, session::caller_is_admin},
    wire::pulses::{PulsePhase, PulseStatus, PulseSummary},
};

#[component]
pub fn PilotPulses(#[prop(into)] pilot_id: Signal<i64>) -> impl IntoView {
    let open = ServerAction::<OpenPulse>::new();
    let close = ServerAction::<ClosePulse>::new();
    let pulses = Resource::new(
        move || (pilot_id.get(), open.version().get(), close.version().get()),
        |(id, ..)| list_pulses(id),
    );
    view! {
        <Transition>
            {move || Suspend::new(async move {
                let is_admin = caller_is_admin().await;
                let pulses = pulses.await.unwrap_or_default();
                let missing: Vec<PulsePhase> = PulsePhase::ALL
                    .into_iter()
                    .filter(|phase| pulses.iter().all(|pulse| pulse.phase != *phase))
                    .collect();
                is_admin.then(|| view! {
                    <h2>"Pulse surveys"</h2>
                    <p class="muted">"One in the baseline and one in the follow-up, to the consenting members of the pilot's teams; reminders go out at opening and three days before closing to those who have not answered."</p>
                    <ul class="plain-list" data-testid="pulses">
                        {pulses.into_iter().map(|pulse| view! { <PulseRow pulse close /> }).collect_view()}
                    </ul>
                    {(!missing.is_empty()).then(|| view! { <OpenForm pilot_id=pilot_id.get_untracked() phases=missing open /> })}
                    <ActionError action=close />
                })
            })}
        </Transition>
    }
}

#[component]
fn PulseRow(pulse: PulseSummary, close: ServerAction<ClosePulse>) -> impl IntoView {
    let closable = pulse.status != PulseStatus::Closed;
    view! {
        <li data-testid=format!("pulse-{}", pulse.phase.as_str())>
            <strong>{pulse.phase.label()} " pulse"</strong>
            ": " {pulse.opens_on.to_string()} " to " {pulse.closes_on.to_string()} " · "
            <span data-testid="pulse-status">{pulse.status.label()}</span>
            {closable.then(|| view! {
                <details class="confirm">
                    <summary>"Close now…"</summary>
                    <p>"Close the " {pulse.phase.label().to_lowercase()} " pulse? Nobody can answer or change an answer after this."</p>
                    <ActionForm action=close attr:class="inline-form">
                        <input type="hidden" name="id" value=pulse.id.to_string() />
                        <button type="submit" class="button button-small button-danger">"Close the pulse"</button>
                    </ActionForm>
                </details>
            })}
        </li>
    }
}

#[component]
fn OpenForm(
    pilot_id: i64,
    phases: Vec<PulsePhase>,
    open: ServerAction<OpenPulse>,
) -> impl IntoView {
    view! {
        <ActionForm action=open attr:aria-label="Open a pulse survey">
            <input type="hidden" name="pilot_id" value=pilot_id.to_string() />
            <div class="form-grid">
                <label>
                    "Phase"
                    <select name="input[phase]">
                        {phases.into_iter().map(|phase| view! { <option value=phase.as_str()>{phase.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    "Opens on"
                    <input type="date" name="input[opens_on]" required />
                </label>
                <label>
                    "Closes on"
                    <input type="date" name="input[closes_on]" required />
                </label>
            </div>
            <ActionError action=open />
            <button type="submit" class="button">"Open the pulse"</button>
        </ActionForm>
    }
}
