//! The overview: what Async Pilot is for and how a pilot runs.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::components::lifecycle_explorer::LifecycleExplorer;
use crate::components::session::use_current_user;
use crate::domain::account::Role;
use crate::pages::checkin::today::ParticipantToday;

/// Participants see their day (check-in, pilot, team); executives the readiness portfolio;
/// admins and visitors the overview.
#[component]
pub fn HomePage() -> impl IntoView {
    let user = use_current_user();
    view! {
        <Transition fallback=|| view! { <Overview /> }>
            {move || Suspend::new(async move {
                let role = match user {
                    Some(user) => user.await.ok().flatten().map(|user| user.role),
                    None => None,
                };
                if role == Some(Role::Executive) {
                    // An executive's question is whether to roll out further: the portfolio.
                    view! {
                        <Title text="Rollout readiness" />
                        <crate::pages::readiness::PortfolioView print=false />
                    }
                    .into_any()
                } else if role == Some(Role::Participant) {
                    // What is open for them comes first: a pulse to answer, then the day.
                    view! {
                        <Title text="Your day" />
                        <crate::pages::pulse::OpenPulseNotice />
                        <ParticipantToday />
                    }
                    .into_any()
                } else {
                    view! { <Overview /> }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn Overview() -> impl IntoView {
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
