//! The protocol form of a pilot, filled in with what is stored.

use leptos::prelude::*;

use crate::{
    api::pilots::UpdateProtocol,
    components::form::ActionError,
    wire::pilots::{Metric, PilotDetail},
};

/// The protocol form, filled in. Once the baseline started a change needs a reason.
#[component]
pub(super) fn EditProtocol(
    pilot: PilotDetail,
    update: ServerAction<UpdateProtocol>,
) -> impl IntoView {
    let locked = pilot.protocol_locked_at.is_some();
    let primary = pilot.primary_metric;
    let guardrails: Vec<&str> = pilot.guardrail_metrics.iter().map(|m| m.as_str()).collect();
    view! {
        <details class="edit-protocol">
            <summary>"Edit the protocol"</summary>
            {locked.then(|| view! {
                <p class="callout">"The protocol is locked since the baseline started. Change it only for a reason you would defend in the review: the reason goes into the audit log with the change."</p>
            })}
            <ActionForm action=update attr:aria-label="Edit the protocol">
                <input type="hidden" name="id" value=pilot.id.to_string() />
                <div class="form-grid">
                    <label>"Name" <input type="text" name="protocol[name]" value=pilot.name.clone() required /></label>
                    <label>
                        "Primary metric"
                        <select name="protocol[primary_metric]">
                            {Metric::ALL.map(|metric| view! {
                                <option value=metric.as_str() selected=metric == primary>{metric.label()}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label>
                        "Guardrail metrics (comma-separated names)"
                        <input type="text" name="protocol[guardrail_metrics]" value=guardrails.join(",") />
                    </label>
                </div>
                <label>
                    "Hypothesis"
                    <textarea name="protocol[hypothesis]" rows="2" required>{pilot.hypothesis.clone()}</textarea>
                </label>
                <div class="form-grid">
                    <label>"First day of the baseline" <input type="date" name="protocol[plan][baseline_start]" value=pilot.baseline_start.to_string() required /></label>
                    <label>"Baseline (days)" <input type="number" name="protocol[plan][baseline_days]" value=pilot.baseline_days /></label>
                    <label>"Intervention (days)" <input type="number" name="protocol[plan][intervention_days]" value=pilot.intervention_days /></label>
                    <label>"Follow-up (days)" <input type="number" name="protocol[plan][follow_up_days]" value=pilot.follow_up_days /></label>
                    <label>"Privacy threshold k (at least 3)" <input type="number" name="protocol[privacy_k]" min="3" value=pilot.privacy_k /></label>
                </div>
                <label>
                    {if locked { "Reason for the change (required)" } else { "Reason (optional before the baseline)" }}
                    <input type="text" name="reason" required=locked />
                </label>
                <ActionError action=update />
                <button type="submit" class="button">"Save the protocol"</button>
            </ActionForm>
        </details>
    }
}
