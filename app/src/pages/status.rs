//! What this instance runs on (version, database kind, schema version), and how long entries of
//! closed pilots are kept.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::system::{get_instance_status, get_retention, SetRetention};
use crate::components::{
    error_template::ErrorTemplate,
    form::{succeeded, ActionError},
    session::RequireRole,
};
use crate::domain::account::Role;

#[component]
pub fn StatusPage() -> impl IntoView {
    view! {
        <Title text="Instance status" />
        <h1>"Instance status"</h1>
        <RequireRole roles=&[Role::Admin]>
            <StatusFacts />
            <RetentionForm />
        </RequireRole>
    }
}

#[component]
fn StatusFacts() -> impl IntoView {
    let status = Resource::new(|| (), |_| get_instance_status());
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorTemplate errors /> }>
                {move || Suspend::new(async move {
                    status.await.map(|status| view! {
                        <dl class="facts" data-testid="instance-status">
                            <dt>"Version"</dt>
                            <dd>{status.version}</dd>
                            <dt>"Database"</dt>
                            <dd data-testid="database-backend">{status.database}</dd>
                            <dt>"Schema migrations applied"</dt>
                            <dd>{status.schema_migrations}</dd>
                            <dt>"People in the organisation"</dt>
                            <dd>{status.people}</dd>
                        </dl>
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

/// The retention period: entries and check-ins of closed pilots older than it are deleted by a
/// daily job (audited with the count).
#[component]
fn RetentionForm() -> impl IntoView {
    let save = ServerAction::<SetRetention>::new();
    let saved = succeeded(save);
    let setting = Resource::new(move || save.version().get(), |_| get_retention());
    view! {
        <h2>"Data retention"</h2>
        <Suspense>
            {move || Suspend::new(async move {
                setting.await.ok().map(|setting| view! {
                    <p class="muted" data-testid="retention-summary">
                        "Entries and check-ins of closed pilots dated before "
                        <strong>{setting.first_kept_day.to_string()}</strong>
                        " are deleted by a daily job; pilots not yet closed keep all of theirs. "
                        {match setting.last_run_on {
                            Some(day) => format!("Last run: {day}."),
                            None => "It has not run yet.".to_string(),
                        }}
                    </p>
                    <ActionForm action=save attr:aria-label="Data retention" attr:class="inline-form">
                        <label>
                            "Keep entries of closed pilots for (months)"
                            <input type="number" name="months" min="1" max="120" step="1" required
                                value=setting.months.to_string() />
                        </label>
                        <button type="submit" class="button button-small">"Save"</button>
                    </ActionForm>
                    <ActionError action=save />
                    <Show when=saved>
                        <p class="callout callout-ok" role="status" data-testid="retention-saved">"Retention period saved."</p>
                    </Show>
                })
            })}
        </Suspense>
    }
}
