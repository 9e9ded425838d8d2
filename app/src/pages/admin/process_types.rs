//! Decision process types: the built-in ones and those HR defines for its decision logs.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::table_scroll::TableScroll;
use crate::{
    api::process_types::{list_process_types, CreateProcessType},
    components::{
        error_template::ErrorTemplate,
        form::{succeeded, ActionError},
        session::RequireRole,
    },
    domain::account::Role,
};

#[component]
pub fn ProcessTypesPage() -> impl IntoView {
    view! {
        <Title text="Decision process types" />
        <h1>"Decision process types"</h1>
        <RequireRole roles=&[Role::Admin]>
            <ProcessTypeList />
        </RequireRole>
    }
}

#[component]
fn ProcessTypeList() -> impl IntoView {
    let create = ServerAction::<CreateProcessType>::new();
    let created = succeeded(create);
    let types = Resource::new(move || create.version().get(), |_| list_process_types());
    view! {
        <p class="muted">"Teams tag each decision they log with a process type; the report gives the median time to decide per type. The first five are built in."</p>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorTemplate errors /> }>
                {move || Suspend::new(async move {
                    types.await.map(|types| view! {
                        <TableScroll label="Process types">
                            <table class="data-table" data-testid="process-types">
                                <thead><tr><th>"Key"</th><th>"Label"</th><th>"Defined by"</th></tr></thead>
                                <tbody>
                                    {types.into_iter().map(|kind| view! {
                                        <tr>
                                            <td><code>{kind.key}</code></td>
                                            <td>{kind.label}</td>
                                            <td>{if kind.built_in { "built in" } else { "HR" }}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </TableScroll>
                    })
                })}
            </ErrorBoundary>
        </Transition>
        <h2>"New process type"</h2>
        <ActionForm action=create attr:aria-label="New process type">
            <div class="form-grid">
                <label>"Key" <input type="text" name="process_type[key]" required placeholder="security_review" autocapitalize="none" /></label>
                <label>"Label" <input type="text" name="process_type[label]" required maxlength="80" placeholder="Security review" /></label>
            </div>
            <button type="submit" class="button button-small">"Add process type"</button>
        </ActionForm>
        <ActionError action=create />
        <Show when=created>
            <p class="callout callout-ok" role="status">"Added."</p>
        </Show>
    }
}
