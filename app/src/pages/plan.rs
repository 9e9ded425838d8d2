//! The pilot timeline planner: a start date and window lengths in, the calendar of the pilot out.
//!
//! It is a GET form, so it works before the WebAssembly has loaded and its result can be linked.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_query_map};

use crate::components::timeline::Timeline;
use crate::domain::pilot::plan::{
    PilotPlan, PlanInput, WindowDays, DEFAULT_BASELINE_DAYS, DEFAULT_FOLLOW_UP_DAYS,
    DEFAULT_INTERVENTION_DAYS,
};

#[component]
pub fn PlanPage() -> impl IntoView {
    let query = use_query_map();
    let input = Memo::new(move |_| {
        query.with(|query| {
            let field = |name: &str, default: u16| query.get(name).unwrap_or(default.to_string());
            query.get("baseline_start").map(|baseline_start| PlanInput {
                baseline_start,
                baseline_days: field("baseline_days", DEFAULT_BASELINE_DAYS),
                intervention_days: field("intervention_days", DEFAULT_INTERVENTION_DAYS),
                follow_up_days: field("follow_up_days", DEFAULT_FOLLOW_UP_DAYS),
            })
        })
    });
    let outcome = move || input.get().map(|input| PilotPlan::parse(&input));
    let invalid_field =
        Memo::new(move |_| outcome().and_then(Result::err).map(|error| error.field));
    let initial = input.get_untracked().unwrap_or_else(|| PlanInput {
        baseline_start: String::new(),
        baseline_days: DEFAULT_BASELINE_DAYS.to_string(),
        intervention_days: DEFAULT_INTERVENTION_DAYS.to_string(),
        follow_up_days: DEFAULT_FOLLOW_UP_DAYS.to_string(),
    });
    let invalid =
        move |name: &'static str| Signal::derive(move || invalid_field.get() == Some(name));

    view! {
        <Title text="Plan a pilot" />
        <h1>"Plan a pilot timeline"</h1>
        <p class="lead">
            "Pick the first day of the baseline and how long each window lasts. Every entry belongs "
            "to a stage by its date, so these windows decide what counts as before and after."
        </p>
        <Form method="GET" action="/plan">
            <div class="form-grid">
                <label>
                    "First day of the baseline"
                    <input type="date" name="baseline_start" required value=initial.baseline_start
                        aria-invalid=move || invalid("baseline_start").get().to_string() />
                </label>
                <DaysField label="Baseline (days)" name="baseline_days"
                    value=initial.baseline_days invalid=invalid("baseline_days") />
                <DaysField label="Intervention (days)" name="intervention_days"
                    value=initial.intervention_days invalid=invalid("intervention_days") />
                <DaysField label="Follow-up (days)" name="follow_up_days"
                    value=initial.follow_up_days invalid=invalid("follow_up_days") />
            </div>
            <button type="submit" class="button">"Show the timeline"</button>
        </Form>
        {move || match outcome() {
            None => view! {
                <p class="muted">"The default windows follow the method: about 30 days of baseline and 30 of follow-up."</p>
            }.into_any(),
            Some(Ok(plan)) => view! { <Timeline plan /> }.into_any(),
            Some(Err(error)) => view! {
                <p class="callout callout-error" role="alert" data-testid="plan-error">
                    {error.to_string()}
                </p>
            }.into_any(),
        }}
    }
}

/// A window length in days, with the limits the domain enforces shown to the browser too.
#[component]
fn DaysField(
    label: &'static str,
    name: &'static str,
    value: String,
    invalid: Signal<bool>,
) -> impl IntoView {
    view! {
        <label>
            {label}
            <input type="number" name=name min=WindowDays::MIN max=WindowDays::MAX required
                value=value aria-invalid=move || invalid.get().to_string() />
        </label>
    }
}
