//! The caller's own account: who they are, change password, sign out everywhere.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::{
        auth::{ChangePassword, SignOutEverywhere},
        enrollment::{list_my_enrollments, WithdrawConsent},
    },
    components::{
        form::{succeeded, ActionError},
        session::{use_current_user, RequireRole},
    },
    domain::account::{Role, MIN_PASSWORD_CHARS},
};

#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <Title text="Your account" />
        <h1>"Your account"</h1>
        <RequireRole roles=&Role::ALL>
            <AccountDetails />
        </RequireRole>
    }
}

#[component]
fn AccountDetails() -> impl IntoView {
    let query = use_query_map();
    let welcome = move || query.with(|query| query.get("welcome").is_some());
    let user = use_current_user();
    let change_password = ServerAction::<ChangePassword>::new();
    let sign_out_everywhere = ServerAction::<SignOutEverywhere>::new();
    let changed = succeeded(change_password);

    view! {
        <Show when=welcome>
            <p class="callout callout-ok" data-testid="welcome">"Your password is set and you are signed in."</p>
        </Show>
        <Suspense>
            {move || Suspend::new(async move {
                let person = match user {
                    Some(user) => user.await.ok().flatten(),
                    None => None,
                };
                person.map(|person| view! {
                    <dl class="facts" data-testid="account-facts">
                        <dt>"Name"</dt>
                        <dd>{person.display_name}</dd>
                        <dt>"Email"</dt>
                        <dd>{person.email}</dd>
                        <dt>"Role"</dt>
                        <dd data-testid="account-role">{person.role.label()}</dd>
                    </dl>
                })
            })}
        </Suspense>

        <MyPilots />
        <crate::pages::champions::account::ChampionSection />
        <crate::pages::champions::account::MyTrainingSection />
        <crate::pages::working_days::WorkingDaysForm />

        <h2>"Change password"</h2>
        <ActionForm action=change_password attr:aria-label="Change password">
            <div class="form-grid">
                <label>
                    "Current password"
                    <input type="password" name="current_password" autocomplete="current-password" required />
                </label>
                <label>
                    "New password"
                    <input
                        type="password"
                        name="new_password"
                        autocomplete="new-password"
                        minlength=MIN_PASSWORD_CHARS
                        required
                    />
                </label>
            </div>
            <ActionError action=change_password />
            <Show when=changed>
                <p class="callout callout-ok" role="status">
                    "Password changed. Your other sessions have been signed out."
                </p>
            </Show>
            <button type="submit" class="button">"Change password"</button>
        </ActionForm>

        <h2>"Your data"</h2>
        <p class="muted">"Everything Async Pilot holds about you — profile, team history, entries, consents, check-ins, pulse answers, sessions and the audit events about you — as CSV files in one ZIP."</p>
        <p>
            <a href="/api/v1/me/data.zip" class="button button-secondary" download="my-data.zip" data-testid="download-my-data">
                "Download my data"
            </a>
        </p>

        <h2>"Sessions"</h2>
        <p class="muted">"Lost a phone or used a shared computer? End every session of yours, here included."</p>
        <ActionForm action=sign_out_everywhere attr:aria-label="Sign out everywhere">
            <ActionError action=sign_out_everywhere />
            <button type="submit" class="button button-secondary">"Sign out everywhere"</button>
        </ActionForm>
    }
}

#[component]
fn MyPilots() -> impl IntoView {
    let withdraw = ServerAction::<WithdrawConsent>::new();
    let enrollments = Resource::new(move || withdraw.version().get(), |_| list_my_enrollments());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let enrollments = enrollments.await.unwrap_or_default();
                (!enrollments.is_empty()).then(|| view! {
                    <h2>"Your pilots"</h2>
                    <ul class="plain-list" data-testid="my-pilots">
                        {enrollments.into_iter().map(|enrollment| view! {
                            <li>
                                <strong>{enrollment.pilot.clone()}</strong> " · " {enrollment.team.clone()} " · "
                                {enrollment.report_published.then(|| view! {
                                    <a href=format!("/pilots/{}/report", enrollment.pilot_id) data-testid="my-pilot-report">"Read the report"</a>
                                    " · "
                                })}
                                {match enrollment.withdrawn_at {
                                    Some(at) => view! { <span>"withdrawn on " {at.format("%Y-%m-%d").to_string()}</span> }.into_any(),
                                    None => view! {
                                        <span>"enrolled since " {enrollment.consented_at.format("%Y-%m-%d").to_string()}</span>
                                        <details class="confirm">
                                            <summary>"Withdraw…"</summary>
                                            <p>"Nothing more is collected from you, and your entries stop counting in reports."</p>
                                            <ActionForm action=withdraw attr:class="inline-form">
                                                <input type="hidden" name="pilot_id" value=enrollment.pilot_id.to_string() />
                                                <button type="submit" class="button button-small button-danger">"Withdraw consent"</button>
                                            </ActionForm>
                                        </details>
                                    }.into_any(),
                                }}
                            </li>
                        }).collect_view()}
                    </ul>
                    <ActionError action=withdraw />
                })
            })}
        </Suspense>
    }
}
