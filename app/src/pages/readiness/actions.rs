//! HR's forms on a pilot's readiness page: the decision that ends the review, a new follow-up
//! after "extend", and the thresholds (until the baseline starts).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::{
    api::readiness::{ExtendFollowUp, RecordDecision, SetReadinessThresholds},
    components::form::ActionError,
    domain::readiness::{
        shape::Verdict,
        thresholds::{Thresholds, ThresholdsInput},
    },
    error::AppError,
};

/// Reloads the page's data after each successful run of `action`.
pub fn reload_after<S>(action: ServerAction<S>, changed: RwSignal<u32>)
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(_))) {
            changed.update(|n| *n += 1);
        }
    });
}

#[component]
pub fn DecisionForm(id: i64, suggested: Option<Verdict>, changed: RwSignal<u32>) -> impl IntoView {
    let action = ServerAction::<RecordDecision>::new();
    reload_after(action, changed);
    let preselected = suggested.map(Verdict::decision);
    let option = move |value: &'static str, label: &'static str| {
        let selected = preselected.is_some_and(|decision| decision.as_str() == value);
        view! { <option value=value selected=selected>{label}</option> }
    };
    let hint = match suggested {
        Some(verdict) => format!(
            "The evidence suggests “{}”. A different decision needs a rationale; both are kept.",
            verdict.label()
        ),
        None => "There is no suggested verdict yet: give a rationale.".to_string(),
    };
    view! {
        <section class="panel no-print" data-testid="decision-form">
            <h2>"Record the decision"</h2>
            <p class="muted">{hint}</p>
            <ActionForm action attr:aria-label="Record the decision">
                <input type="hidden" name="pilot_id" value=id.to_string() />
                <label>
                    "Decision"
                    <select name="decision">
                        {option("expand", "Expand")}
                        {option("extend", "Extend")}
                        {option("stop", "Stop and rethink")}
                    </select>
                </label>
                <label>
                    "Rationale"
                    <textarea name="rationale" rows="3" maxlength="4000"></textarea>
                </label>
                <ActionError action />
                <button type="submit" class="button">"Record the decision"</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn ExtensionForm(id: i64, changed: RwSignal<u32>) -> impl IntoView {
    let action = ServerAction::<ExtendFollowUp>::new();
    reload_after(action, changed);
    view! {
        <section class="panel no-print" data-testid="extension-form">
            <h2>"Start a new follow-up"</h2>
            <p class="muted">
                "The same teams measure again from next Monday. The days until then count as "
                "intervention: measured, not compared."
            </p>
            <ActionForm action attr:aria-label="Start a new follow-up">
                <input type="hidden" name="pilot_id" value=id.to_string() />
                <label>
                    "Follow-up (days)"
                    <input type="number" name="follow_up_days" value="30" min="7" max="120" required />
                </label>
                <ActionError action />
                <button type="submit" class="button">"Start a new follow-up"</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn ThresholdsForm(
    id: i64,
    thresholds: Thresholds,
    locked: bool,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let action = ServerAction::<SetReadinessThresholds>::new();
    reload_after(action, changed);
    let input = ThresholdsInput::from_thresholds(&thresholds);
    let note = if locked {
        "Locked with the protocol when the baseline started."
    } else {
        "You may change them until the baseline starts; then they lock with the protocol."
    };
    view! {
        <section class="panel no-print" data-testid="thresholds-form">
            <h2>"Thresholds"</h2>
            <p class="muted">{note}</p>
            <ActionForm action attr:aria-label="Readiness thresholds">
                <input type="hidden" name="pilot_id" value=id.to_string() />
                <div class="form-grid">
                    <label>"Primary metric: p below"
                        <input type="text" inputmode="decimal" name="thresholds[primary_p]" value=input.primary_p disabled=locked /></label>
                    <label>"Guardrails: worse when q below"
                        <input type="text" inputmode="decimal" name="thresholds[guardrail_q]" value=input.guardrail_q disabled=locked /></label>
                    <label>"Participation at least (%)"
                        <input type="text" inputmode="decimal" name="thresholds[participation_percent]" value=input.participation_percent disabled=locked /></label>
                    <label>"Managers trained at least (%)"
                        <input type="text" inputmode="decimal" name="thresholds[training_percent]" value=input.training_percent disabled=locked /></label>
                </div>
                <ActionError action />
                {(!locked).then(|| view! { <button type="submit" class="button button-secondary">"Save thresholds"</button> })}
            </ActionForm>
        </section>
    }
}
