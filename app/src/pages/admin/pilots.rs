//! Pilots: the list with a form to start one (admins), readable by executives.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::table_scroll::TableScroll;
use crate::{
    api::pilots::{list_pilots, CreatePilot},
    components::{
        error_template::ErrorTemplate,
        form::ActionError,
        session::{caller_is_admin, RequireRole},
    },
    domain::{
        account::Role,
        metrics::Metric,
        pilot::{
            plan::{DEFAULT_BASELINE_DAYS, DEFAULT_FOLLOW_UP_DAYS, DEFAULT_INTERVENTION_DAYS},
            DEFAULT_PRIVACY_K,
        },
    },
};

#[component]
pub fn PilotsPage() -> impl IntoView {
    view! {
        <Title text="Pilots" />
        <h1>"Pilots"</h1>
        <RequireRole roles=&[Role::Admin, Role::Executive]>
            <PilotList />
        </RequireRole>
    }
}

#[component]
fn PilotList() -> impl IntoView {
    let create = ServerAction::<CreatePilot>::new();
    let pilots = Resource::new(move || create.version().get(), |_| list_pilots());
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorTemplate errors /> }>
                {move || Suspend::new(async move {
                    pilots.await.map(|pilots| {
                        if pilots.is_empty() {
                            return view! { <p class="muted">"No pilots yet."</p> }.into_any();
                        }
                        view! {
                            <TableScroll label="Pilots">
                                <table class="data-table" data-testid="pilots">
                                    <thead><tr><th>"Pilot"</th><th>"Stage"</th><th>"Primary metric"</th><th>"Baseline from"</th><th class="num">"Pilot teams"</th><th class="num">"Comparison teams"</th></tr></thead>
                                    <tbody>
                                        {pilots.into_iter().map(|pilot| view! {
                                            <tr>
                                                <td><a href=format!("/admin/pilots/{}", pilot.id)>{pilot.name}</a></td>
                                                <td>{pilot.stage_label}</td>
                                                <td>{pilot.primary_metric.label()}</td>
                                                <td>{pilot.baseline_start.to_string()}</td>
                                                <td class="num">{pilot.pilot_teams}</td>
                                                <td class="num">{pilot.comparison_teams}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </TableScroll>
                        }.into_any()
                    })
                })}
            </ErrorBoundary>
        </Transition>
        <Suspense>
            {move || Suspend::new(async move {
                caller_is_admin().await.then(|| view! { <NewPilotForm create /> })
            })}
        </Suspense>
    }
}

#[component]
fn NewPilotForm(create: ServerAction<CreatePilot>) -> impl IntoView {
    view! {
        <h2>"Start a pilot"</h2>
        <p class="muted">
            "The protocol — windows, primary metric, guardrails — locks when the baseline starts, like a pre-registered study."
        </p>
        <ActionForm action=create attr:aria-label="Start a pilot">
            <div class="form-grid">
                <label>"Name" <input type="text" name="protocol[name]" required /></label>
                <label>
                    "Primary metric"
                    <select name="protocol[primary_metric]">
                        {Metric::ALL.map(|metric| view! {
                            <option value=metric.as_str() selected=metric == Metric::DeepWorkProtectionRate>{metric.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    "Guardrail metrics (comma-separated names)"
                    <input type="text" name="protocol[guardrail_metrics]" value="satisfaction_and_burnout,decision_velocity" />
                </label>
            </div>
            <label>
                "Hypothesis"
                <textarea name="protocol[hypothesis]" rows="2" required placeholder="What do you expect to change, for whom?"></textarea>
            </label>
            <div class="form-grid">
                <label>"First day of the baseline" <input type="date" name="protocol[plan][baseline_start]" required /></label>
                <label>"Baseline (days)" <input type="number" name="protocol[plan][baseline_days]" value=DEFAULT_BASELINE_DAYS /></label>
                <label>"Intervention (days)" <input type="number" name="protocol[plan][intervention_days]" value=DEFAULT_INTERVENTION_DAYS /></label>
                <label>"Follow-up (days)" <input type="number" name="protocol[plan][follow_up_days]" value=DEFAULT_FOLLOW_UP_DAYS /></label>
                <label>"Privacy threshold k (at least 3)" <input type="number" name="protocol[privacy_k]" min="3" value=DEFAULT_PRIVACY_K /></label>
            </div>
            <ActionError action=create />
            <button type="submit" class="button">"Create pilot"</button>
        </ActionForm>
        <p class="muted">"Guardrail names: " {Metric::ALL.map(Metric::as_str).join(", ")}</p>
    }
}
