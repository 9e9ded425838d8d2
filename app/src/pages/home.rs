//! The overview: what Async Pilot is for and how a pilot runs.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::components::lifecycle_explorer::LifecycleExplorer;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text="Overview" />
        <crate::pages::pulse::OpenPulseNotice />
        <section class="hero">
            <h1>"Move to async-first work by piloting it honestly"</h1>
            <p class="lead">
                "Start with a few willing teams, measure how they work before and after, compare them "
                "with teams that did not change, grow champions, and only then decide whether to roll out further."
            </p>
            <p><A href="/plan" attr:class="button">"Plan a pilot timeline"</A></p>
        </section>
        <section class="cards" aria-label="What the product measures">
            <article class="card">
                <h2>"Meeting load"</h2>
                <p>"Meetings and meeting hours per person per week, and the share that could have been async."</p>
            </article>
            <article class="card">
                <h2>"Response expectations"</h2>
                <p>"What the team charter says versus the reply times people actually feel pushed to."</p>
            </article>
            <article class="card">
                <h2>"Focus and energy"</h2>
                <p>"Deep work protected versus planned, and energy across the week, in seconds a day."</p>
            </article>
            <article class="card">
                <h2>"Privacy first"</h2>
                <p>"Groups smaller than the privacy threshold are never shown. Individual answers stay with their author."</p>
            </article>
        </section>
        <LifecycleExplorer />
    }
}
