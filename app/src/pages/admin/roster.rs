//! Admin: import the roster from an HR system's CSV — preview first, then all or nothing.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::roster::{ImportRoster, PreviewRoster},
    components::{form::ActionError, session::RequireRole},
    domain::{
        account::Role,
        roster::{RosterChange, RosterPreview, COLUMNS},
    },
};

#[component]
pub fn RosterPage() -> impl IntoView {
    view! {
        <Title text="Roster" />
        <h1>"Roster"</h1>
        <RequireRole roles=&[Role::Admin]>
            <RosterImport />
        </RequireRole>
    }
}

#[component]
fn RosterImport() -> impl IntoView {
    let csv = RwSignal::new(String::new());
    let preview = ServerAction::<PreviewRoster>::new();
    let import = ServerAction::<ImportRoster>::new();
    let previewed = move || preview.value().get().and_then(Result::ok);
    let imported = move || import.value().get().and_then(Result::ok);
    // Editing the text makes an earlier preview stale: import only what was previewed.
    Effect::new(move |_| {
        csv.track();
        import.value().set(None);
    });

    view! {
        <p class="lead">
            "Paste the CSV your HR system exports. Columns: " <code>{COLUMNS.join(",")}</code>
            " — headers like “Work Email”, “Full Name” or “Department” are recognised. Nothing is written until you import, and a file with any bad line is not imported at all."
        </p>
        <p class="muted">
            "Large files (tens of thousands of lines) import faster from the server's command line: "
            <code>"async-pilot import roster FILE --dry-run"</code> ". "
            <a href="/api/v1/roster/export" download>"Download the current roster"</a> " in the same columns."
        </p>
        <label>
            "Roster CSV"
            <textarea name="csv" rows="10" class="csv-input" bind:value=csv spellcheck="false"></textarea>
        </label>
        <div class="button-row">
            <button
                type="button"
                class="button"
                on:click=move |_| { preview.dispatch(PreviewRoster { csv: csv.get_untracked() }); }
                disabled=move || preview.pending().get()
            >
                "Preview"
            </button>
            <Show when=move || previewed().is_some_and(|p| p.errors.is_empty() && p.changes_anything())>
                <button
                    type="button"
                    class="button"
                    on:click=move |_| { import.dispatch(ImportRoster { csv: csv.get_untracked() }); }
                    disabled=move || import.pending().get()
                >
                    "Import"
                </button>
            </Show>
        </div>
        <ActionError action=preview />
        <ActionError action=import />
        {move || imported().map(|result| {
            if result.errors.is_empty() {
                view! { <p class="callout callout-ok" role="status" data-testid="import-done">"Imported: " {result.summary()}</p> }.into_any()
            } else {
                view! { <PreviewView preview=result /> }.into_any()
            }
        })}
        {move || match (previewed(), imported()) {
            (Some(preview), None) => Some(view! { <PreviewView preview /> }),
            _ => None,
        }}
    }
}

#[component]
fn PreviewView(preview: RosterPreview) -> impl IntoView {
    let summary = preview.summary();
    let errors = preview.errors.clone();
    view! {
        <section class="preview" data-testid="roster-preview">
            <h2>"Preview"</h2>
            <p data-testid="roster-summary">{summary}</p>
            {(!errors.is_empty()).then(|| view! {
                <div class="callout callout-error" role="alert" data-testid="roster-errors">
                    <h3>{errors.len()} " bad line(s): nothing will be imported until they are fixed"</h3>
                    <ul>
                        {errors.into_iter().map(|error| view! { <li>"Line " {error.line} ": " {error.message}</li> }).collect_view()}
                    </ul>
                </div>
            })}
            {(!preview.new_teams.is_empty()).then(|| view! {
                <p>"New teams: " {preview.new_teams.join(", ")}</p>
            })}
            {(!preview.new_departments.is_empty()).then(|| view! {
                <p>"New departments: " {preview.new_departments.join(", ")}</p>
            })}
            <ChangeTable title="New people" people=preview.new_people />
            <ChangeTable title="Changed people" people=preview.changed_people />
        </section>
    }
}

/// At most this many rows per table; the summary counts all of them.
const SHOWN: usize = 200;

#[component]
fn ChangeTable(title: &'static str, people: Vec<RosterChange>) -> impl IntoView {
    if people.is_empty() {
        return None;
    }
    let more = people.len().saturating_sub(SHOWN);
    Some(view! {
        <h3>{title} " (" {people.len()} ")"</h3>
        <div class="table-scroll">
            <table class="data-table">
                <thead><tr><th>"Line"</th><th>"Email"</th><th>"Name"</th><th>"Changes"</th></tr></thead>
                <tbody>
                    {people.into_iter().take(SHOWN).map(|person| view! {
                        <tr>
                            <td class="num">{person.line}</td>
                            <td>{person.email}</td>
                            <td>{person.name}</td>
                            <td>{person.changes.join("; ")}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {(more > 0).then(|| view! { <p class="muted">"… and " {more} " more"</p> })}
    })
}
