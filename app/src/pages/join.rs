//! A team's enrollment link: what the pilot collects, who sees what, and consent.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    api::enrollment::{get_join_info, JoinPilot},
    components::{
        error_template::ErrorTemplate,
        form::{succeeded, ActionError},
        session::RequireRole,
    },
    domain::account::Role,
    domain::capture::reminder::DEFAULT_TIME,
};

#[component]
pub fn JoinPage() -> impl IntoView {
    view! {
        <Title text="Join a pilot" />
        <RequireRole roles=&Role::ALL>
            <JoinView />
        </RequireRole>
    }
}

#[component]
fn JoinView() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|params| params.get("token").unwrap_or_default());
    let join = ServerAction::<JoinPilot>::new();
    let info = Resource::new(
        move || (token(), join.version().get()),
        |(token, _)| get_join_info(token),
    );
    let joined = succeeded(join);
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorTemplate errors /> }>
                {move || Suspend::new(async move {
                    info.await.map(|info| view! {
                        <h1>"Join “" {info.pilot.clone()} "”"</h1>
                        <p class="lead">{info.hypothesis.clone()}</p>
                        <p>"Your team, " <strong>{info.team.clone()}</strong> ", takes part as a " {info.arm.label().to_lowercase()} "."</p>
                        <section class="card consent-terms" data-testid="consent-terms">
                            <h2>"What is collected"</h2>
                            <ul>
                                <li>"From " {info.baseline_start.to_string()} ": a daily check-in of a few seconds (energy, focus hours, response expectations), a meeting audit, decisions and short pulse surveys."</li>
                                <li>"Only work patterns: no message content, no calendar details beyond times and durations you import."</li>
                            </ul>
                            <h2>"Who sees what"</h2>
                            <ul>
                                <li>"You see your own entries. Nobody else ever sees an individual answer."</li>
                                <li>"Your team, HR and executives see results for groups of at least " <strong data-testid="privacy-k">{info.privacy_k}</strong> " people; smaller groups are hidden everywhere, exports and the API included."</li>
                                <li>"HR sees how many in your team have joined, never who."</li>
                            </ul>
                            <h2>"Your choice"</h2>
                            <p>"Joining is voluntary. You can withdraw at any time from your account page: from then on nothing more is collected and your entries stop counting in reports."</p>
                        </section>
                        {if info.already_enrolled {
                            view! { <p class="callout callout-ok" role="status" data-testid="enrolled">"You are enrolled. Thank you!"</p> }.into_any()
                        } else {
                            view! {
                                <ActionForm action=join attr:aria-label="Consent">
                                    <input type="hidden" name="token" value=token() />
                                    <p class="reminder-choice">
                                        <label>
                                            <input type="checkbox" name="remind" value="on" data-testid="join-remind" />
                                            " Remind me by mail to check in, on my working days at "
                                        </label>
                                        <label>
                                            <span class="visually-hidden">"Reminder time"</span>
                                            <input type="time" name="remind_at" value=DEFAULT_TIME required />
                                        </label>
                                        " (my time). I can change or stop it on the check-in page."
                                    </p>
                                    <ActionError action=join />
                                    <button type="submit" class="button">"I agree and join"</button>
                                </ActionForm>
                            }.into_any()
                        }}
                    })
                })}
            </ErrorBoundary>
        </Transition>
        <Show when=joined>
            <p class="muted"><a href="/account">"Your account"</a> " lists your pilots."</p>
        </Show>
    }
}
