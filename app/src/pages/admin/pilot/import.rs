//! Admin: import a pilot's metric entries or decisions from CSV — a checked preview first (what
//! is stored, what is unchanged, what is not stored for lack of consent, every bad line), then
//! all or nothing. Both run in the background; the page polls them.

use std::time::Duration;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::params::use_id_param;
use crate::{
    api::entry_imports::{GetEntryImport, StartEntryImport},
    components::{form::ActionError, session::RequireRole},
    domain::{
        account::Role,
        capture::{decision_import, entry_import},
    },
    pages::admin::roster::read_file,
    wire::entry_imports::{EntryImportJob, ImportKind, ImportPreview, JobState, SHOWN},
};

const POLL_EVERY: Duration = Duration::from_millis(400);

#[component]
pub fn PilotImportPage() -> impl IntoView {
    view! {
        <Title text="Import into a pilot" />
        <RequireRole roles=&[Role::Admin]>
            <PilotImport />
        </RequireRole>
    }
}

#[component]
fn PilotImport() -> impl IntoView {
    let pilot_id = use_id_param("id");
    let kind = RwSignal::new(ImportKind::Entries);
    let csv = RwSignal::new(String::new());
    let file_note = RwSignal::new(None::<String>);
    let start = ServerAction::<StartEntryImport>::new();
    let poll = ServerAction::<GetEntryImport>::new();
    let started = move || start.value().get().and_then(Result::ok);
    let job = move || {
        poll.value()
            .get()
            .and_then(Result::ok)
            .filter(|job| Some(job.id) == started())
    };
    // A clean dry run of exactly this text and kind shows the Import button; editing hides it.
    let checked = RwSignal::new(false);
    Effect::new(move |_| {
        csv.track();
        kind.track();
        checked.set(false);
    });
    Effect::new(move |_| {
        if let Some(id) = started() {
            poll.dispatch(GetEntryImport {
                pilot_id: pilot_id(),
                id,
            });
        }
    });
    Effect::new(move |_| {
        let Some(current) = job() else { return };
        if current.state == JobState::Running {
            let id = current.id;
            set_timeout(
                move || {
                    if started() == Some(id) {
                        poll.dispatch(GetEntryImport {
                            pilot_id: pilot_id(),
                            id,
                        });
                    }
                },
                POLL_EVERY,
            );
        } else {
            let clean = current
                .preview
                .as_ref()
                .is_some_and(|preview| preview.bad_lines == 0 && preview.to_store() > 0);
            checked.set(current.dry_run && current.state == JobState::Finished && clean);
        }
    });
    let running =
        move || start.pending().get() || job().is_some_and(|job| job.state == JobState::Running);
    let begin = move |dry_run: bool| {
        start.dispatch(StartEntryImport {
            pilot_id: pilot_id(),
            kind: kind.get_untracked(),
            csv: csv.get_untracked(),
            dry_run,
        });
    };
    let columns = move || match kind.get() {
        ImportKind::Entries => entry_import::COLUMNS.join(","),
        ImportKind::Decisions => decision_import::COLUMNS[..5].join(","),
    };
    let choice = move |value: ImportKind, label: &'static str| {
        view! {
            <label class="checkbox">
                <input
                    type="radio"
                    name="kind"
                    value=value.as_str()
                    prop:checked=move || kind.get() == value
                    on:change=move |_| kind.set(value)
                />
                {label}
            </label>
        }
    };

    view! {
        <h1>"Import into the pilot"</h1>
        <p class="lead">
            "For a pilot whose data lives elsewhere (a survey tool, Viva Insights, a spreadsheet). Nothing is written until you import, and a file with any bad line is not imported at all. Importing the same file again changes nothing."
        </p>
        <p><a href=move || format!("/admin/pilots/{}", pilot_id())>"Back to the pilot"</a></p>
        <fieldset>
            <legend>"What the file holds"</legend>
            {choice(ImportKind::Entries, "Metric values (one value per line)")}
            {choice(ImportKind::Decisions, "Decisions")}
        </fieldset>
        <p class="muted">"Columns: " <code data-testid="import-columns">{columns}</code></p>
        <label>
            "CSV file"
            <input type="file" accept=".csv,text/csv" on:change=move |event| read_file(event, csv, file_note) />
        </label>
        {move || file_note.get().map(|note| view! { <p class="muted">{note}</p> })}
        <label>
            "CSV"
            <textarea name="csv" rows="10" class="csv-input" bind:value=csv spellcheck="false"></textarea>
        </label>
        <div class="button-row">
            <button type="button" class="button" on:click=move |_| begin(true) disabled=running>
                "Preview"
            </button>
            <Show when=move || checked.get()>
                <button type="button" class="button" on:click=move |_| begin(false) disabled=running>
                    "Import"
                </button>
            </Show>
        </div>
        <ActionError action=start />
        <ActionError action=poll />
        {move || job().map(|job| view! { <JobView job /> })}
    }
}

#[component]
fn JobView(job: EntryImportJob) -> impl IntoView {
    match job.state {
        JobState::Running => {
            let text = job.progress_text();
            view! {
                <div class="import-progress" data-testid="import-progress" role="status">
                    {match job.percent() {
                        Some(percent) => view! { <progress max="100" value=percent.to_string() aria-label="Import progress"></progress> }.into_any(),
                        None => view! { <progress aria-label="Import progress"></progress> }.into_any(),
                    }}
                    <p>{text}</p>
                </div>
            }
            .into_any()
        }
        JobState::Failed => {
            view! { <p class="callout callout-error" role="alert">{job.progress_text()}</p> }
                .into_any()
        }
        JobState::Finished if job.applied() => view! {
            <p class="callout callout-ok" role="status" data-testid="import-done">
                "Imported: " {job.summary.clone().unwrap_or_default()}
            </p>
        }
        .into_any(),
        JobState::Finished => match job.preview {
            Some(preview) => view! { <PreviewView kind=job.kind preview /> }.into_any(),
            None => ().into_any(),
        },
    }
}

#[component]
fn PreviewView(kind: ImportKind, preview: ImportPreview) -> impl IntoView {
    let bad_lines = preview.bad_lines;
    let nothing_to_do = bad_lines == 0 && preview.to_store() == 0;
    let errors = preview.errors.clone();
    view! {
        <section class="preview" data-testid="import-preview">
            <h2>"Preview"</h2>
            <dl class="facts" data-testid="import-counts">
                <dt>"To store"</dt>
                <dd data-testid="count-to-store">{preview.to_store()} " (" {preview.new} " new, " {preview.changed} " replacing another value)"</dd>
                <dt>"Unchanged"</dt>
                <dd data-testid="count-unchanged">{preview.unchanged}</dd>
                {(kind == ImportKind::Entries).then(|| view! {
                    <dt>"Not stored: outside the pilot's teams"</dt>
                    <dd data-testid="count-outside">{preview.outside_teams}</dd>
                    <dt>"Not stored: no consent, or withdrawn"</dt>
                    <dd data-testid="count-no-consent">{preview.without_consent}</dd>
                })}
                <dt>"Bad lines"</dt>
                <dd data-testid="count-bad">{bad_lines}</dd>
            </dl>
            {nothing_to_do.then(|| view! { <p class="muted">"Everything in this file is already stored: importing it would change nothing."</p> })}
            {(!errors.is_empty()).then(|| view! {
                <div class="callout callout-error" role="alert" data-testid="import-errors">
                    <h3>{bad_lines} " bad line(s): nothing will be imported until they are fixed"</h3>
                    <ul>
                        {errors.into_iter().map(|error| view! { <li>"Line " {error.line} ": " {error.message}</li> }).collect_view()}
                    </ul>
                    {(bad_lines > SHOWN as i64).then(|| view! { <p class="muted">"… and " {bad_lines - SHOWN as i64} " more"</p> })}
                </div>
            })}
        </section>
    }
}
