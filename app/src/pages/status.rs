//! What this instance runs on: version, database kind, schema version.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::system::get_instance_status;
use crate::components::{error_template::ErrorTemplate, session::RequireRole};
use crate::domain::account::Role;

#[component]
pub fn StatusPage() -> impl IntoView {
    view! {
        <Title text="Instance status" />
        <h1>"Instance status"</h1>
        <RequireRole roles=&[Role::Admin]>
            <StatusFacts />
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
