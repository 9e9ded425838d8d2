//! `/me/entries`: everything the person entered themselves, one entry deletable at a time (with
//! a confirmation), and all of it as CSV.

use leptos::prelude::*;
use leptos_meta::Title;

use super::labels::{measure_label, value_label};
use crate::components::table_scroll::TableScroll;
use crate::{
    api::checkin::{list_my_entries, DeleteMyEntry},
    components::{form::ActionError, session::RequireRole},
    domain::account::Role,
};

#[component]
pub fn MyEntriesPage() -> impl IntoView {
    view! {
        <Title text="Your entries" />
        <section class="narrow">
            <h1>"Your entries"</h1>
            <RequireRole roles=&Role::ALL>
                <MyEntries />
            </RequireRole>
        </section>
    }
}

#[component]
fn MyEntries() -> impl IntoView {
    let delete = ServerAction::<DeleteMyEntry>::new();
    let entries = Resource::new(move || delete.version().get(), |_| list_my_entries());
    view! {
        <p class="muted">
            "What you entered yourself. Nobody else sees single entries; reports only show groups "
            "of at least the pilot's privacy threshold."
        </p>
        <p>
            <a href="/api/v1/me/entries.csv" class="button button-secondary" download="my-entries.csv">
                "Download all as CSV"
            </a>
        </p>
        <ActionError action=delete />
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Ok(entries) if entries.is_empty() => view! {
                        <p class="muted" data-testid="entries-empty">"You have not entered anything yet."</p>
                    }.into_any(),
                    Ok(entries) => view! {
                        <TableScroll label="My entries">
                            <table class="data-table" data-testid="my-entries">
                                <thead>
                                    <tr><th>"Day"</th><th>"What"</th><th class="num">"Value"</th><th>"From"</th><th></th></tr>
                                </thead>
                                <tbody>
                                    {entries.into_iter().map(|entry| view! {
                                        <tr>
                                            <td>{entry.date.format("%Y-%m-%d").to_string()}</td>
                                            <td>{measure_label(&entry)}</td>
                                            <td class="num">{value_label(&entry)}</td>
                                            <td>{entry.source.as_str()}</td>
                                            <td>
                                                <details class="confirm">
                                                    <summary>"Delete…"</summary>
                                                    <ActionForm action=delete attr:class="inline-form">
                                                        <input type="hidden" name="id" value=entry.id.to_string() />
                                                        <button type="submit" class="button button-small button-danger">
                                                            "Delete this entry"
                                                        </button>
                                                    </ActionForm>
                                                </details>
                                            </td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </TableScroll>
                    }.into_any(),
                    Err(error) => view! {
                        <p class="callout callout-error" role="alert">{error.to_string()}</p>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}
