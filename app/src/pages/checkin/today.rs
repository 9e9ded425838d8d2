//! The participant's home: today's check-in (or that it is done), the pilot they are in and its
//! stage, and their team's page.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::checkin::get_checkin_overview;

#[component]
pub fn ParticipantToday() -> impl IntoView {
    let overview = Resource::new(|| (), |_| get_checkin_overview());
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let overview = overview.await.ok();
                overview.map(|overview| view! {
                    <section class="hero" data-testid="participant-today">
                        <h1>"Today"</h1>
                        {match overview.pilot {
                            Some(pilot) => view! {
                                <p class="lead" data-testid="my-pilot">
                                    "You take part in " <strong>{pilot.pilot}</strong> " with " {pilot.team}
                                    ". It is in its " {pilot.stage.label().to_lowercase()} " stage."
                                </p>
                                {if overview.done_today {
                                    view! { <p class="callout callout-ok" data-testid="done-today">"Done for today. Thank you."</p> }.into_any()
                                } else {
                                    view! { <p><A href="/checkin" attr:class="button">"Check in for today"</A></p> }.into_any()
                                }}
                            }.into_any(),
                            None => view! {
                                <p class="lead">{overview.refusal.unwrap_or_default()}</p>
                            }.into_any(),
                        }}
                        <p>
                            <A href="/team">"Your team"</A> " · " <A href="/me/entries">"Your entries"</A>
                        </p>
                    </section>
                })
            })}
        </Transition>
    }
}
