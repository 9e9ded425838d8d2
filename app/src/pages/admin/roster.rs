//! Admin: import the roster from an HR system's CSV — a checked preview first, then all or
//! nothing. Both run in the background; the page polls them and shows their progress.

use std::time::Duration;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::focus::take_focus_when_shown;
use crate::components::table_scroll::TableScroll;
use crate::{
    api::roster::{GetRosterImport, StartRosterImport},
    components::{form::ActionError, session::RequireRole},
    domain::{account::Role, roster::COLUMNS},
    wire::roster::{ImportJob, JobState, LineNote, RosterChange, SHOWN},
};

/// How often the page asks a running import how far it is.
const POLL_EVERY: Duration = Duration::from_millis(400);

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
    let file_note = RwSignal::new(None::<String>);
    let start = ServerAction::<StartRosterImport>::new();
    let poll = ServerAction::<GetRosterImport>::new();
    let started = move || start.value().get().and_then(Result::ok);
    // The newest state of the job just started; an older job's answers are ignored.
    let job = move || {
        poll.value()
            .get()
            .and_then(Result::ok)
            .filter(|job| Some(job.id) == started())
    };
    // A clean dry run of exactly this text makes the Import button appear; editing hides it.
    let checked = RwSignal::new(false);
    let deactivate_missing = RwSignal::new(false);
    Effect::new(move |_| {
        csv.track();
        deactivate_missing.track();
        checked.set(false);
    });
    Effect::new(move |_| {
        if let Some(id) = started() {
            poll.dispatch(GetRosterImport { id });
        }
    });
    Effect::new(move |_| {
        let Some(current) = job() else { return };
        if current.state == JobState::Running {
            let id = current.id;
            set_timeout(
                move || {
                    if started() == Some(id) {
                        poll.dispatch(GetRosterImport { id });
                    }
                },
                POLL_EVERY,
            );
        } else if current.dry_run {
            let changes = current
                .preview
                .as_ref()
                .is_some_and(|p| p.changes_anything());
            checked.set(current.succeeded() && changes);
        } else {
            checked.set(false);
        }
    });
    let running =
        move || start.pending().get() || job().is_some_and(|job| job.state == JobState::Running);
    let begin = move |dry_run: bool| {
        start.dispatch(StartRosterImport {
            csv: csv.get_untracked(),
            dry_run,
            deactivate_missing: deactivate_missing.get_untracked(),
        });
    };

    view! {
        <p class="lead">
            "Choose or paste the CSV your HR system exports. Columns: " <code>{COLUMNS.join(",")}</code>
            " — headers like “Work Email”, “Full Name” or “Department” are recognised. Nothing is written until you import, and a file with any bad line is not imported at all."
        </p>
        <p class="muted">
            "From the server's command line: " <code>"async-pilot import roster FILE --dry-run"</code> "."
        </p>
        <form method="post" action="/api/v1/roster/export" class="inline-form">
            <button type="submit" class="button button-secondary button-small">"Download the current roster"</button>
            <span class="muted">"in the same columns"</span>
        </form>
        <label>
            "Roster file"
            <input type="file" accept=".csv,text/csv" on:change=move |event| read_file(event, csv, file_note) />
        </label>
        {move || file_note.get().map(|note| view! { <p class="muted" data-testid="file-note">{note}</p> })}
        <label>
            "Roster CSV"
            <textarea name="csv" rows="10" class="csv-input" bind:value=csv spellcheck="false"></textarea>
        </label>
        <label class="checkbox">
            <input type="checkbox" bind:checked=deactivate_missing />
            "Deactivate people who are not in the file (they leave their teams and are signed out; nothing is deleted)"
        </label>
        <div class="button-row">
            <button type="button" class="button" on:click=move |_| begin(true) disabled=running>
                "Preview"
            </button>
        </div>
        <ActionError action=start />
        <ActionError action=poll />
        {move || job().map(|job| view! { <JobView job /> })}
        // After the preview it describes, so that reading on (or tabbing on) reaches it.
        <Show when=move || checked.get()>
            <div class="button-row">
                <button type="button" class="button" on:click=move |_| begin(false) disabled=running>
                    "Import"
                </button>
            </div>
        </Show>
    }
}

/// Puts the chosen file's text in the box (in the browser; the server never sees the event).
pub(crate) fn read_file(
    event: leptos::ev::Event,
    csv: RwSignal<String>,
    file_note: RwSignal<Option<String>>,
) {
    #[cfg(feature = "hydrate")]
    {
        let input: web_sys::HtmlInputElement = event_target(&event);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        let name = file.name();
        file_note.set(Some(format!("Reading {name}…")));
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => {
                    let text = text.as_string().unwrap_or_default();
                    let lines = text.lines().count();
                    csv.set(text);
                    file_note.set(Some(format!("{name}: {lines} lines. Preview it next.")));
                }
                Err(_) => file_note.set(Some(format!("{name} could not be read as text"))),
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (event, csv, file_note);
}

#[component]
fn JobView(job: ImportJob) -> impl IntoView {
    if job.state == JobState::Running {
        let text = job.progress_text();
        return view! {
            <div class="import-progress" data-testid="import-progress" role="status">
                {match job.percent() {
                    Some(percent) => view! { <progress max="100" value=percent.to_string() aria-label="Import progress"></progress> }.into_any(),
                    None => view! { <progress aria-label="Import progress"></progress> }.into_any(),
                }}
                <p>{text}</p>
            </div>
        }
        .into_any();
    }
    if job.state == JobState::Failed {
        return view! { <p class="callout callout-error" role="alert">{job.progress_text()}</p> }
            .into_any();
    }
    let summary = job.summary.clone().unwrap_or_default();
    let noted_lines = job.noted_lines;
    // The result takes focus: the button that asked for it may be gone or disabled.
    let result = NodeRef::<leptos::html::Section>::new();
    take_focus_when_shown(result);
    if job.succeeded() && !job.dry_run {
        let notes = job.preview.map(|preview| preview.notes).unwrap_or_default();
        return view! {
            <section tabindex="-1" node_ref=result aria-label="Import result">
                <p class="callout callout-ok" role="status" data-testid="import-done">"Imported: " {summary}</p>
                <Notes notes total=noted_lines />
            </section>
        }
        .into_any();
    }
    let Some(preview) = job.preview else {
        return ().into_any();
    };
    let errors = preview.errors;
    let notes = preview.notes;
    let bad_lines = job.bad_lines;
    view! {
        <section class="preview" data-testid="roster-preview" tabindex="-1" node_ref=result>
            <h2>"Preview"</h2>
            <p data-testid="roster-summary">{summary}</p>
            {(!errors.is_empty()).then(|| view! {
                <div class="callout callout-error" role="alert" data-testid="roster-errors">
                    <h3>{bad_lines} " bad line(s): nothing will be imported until they are fixed"</h3>
                    <ul>
                        {errors.into_iter().map(|error| view! { <li>"Line " {error.line} ": " {error.message}</li> }).collect_view()}
                    </ul>
                    <More shown=None total=bad_lines />
                </div>
            })}
            <Notes notes total=noted_lines />
            {(!preview.new_teams.is_empty()).then(|| view! {
                <p>"New teams: " {preview.new_teams.join(", ")}</p>
            })}
            {(!preview.new_departments.is_empty()).then(|| view! {
                <p>"New departments: " {preview.new_departments.join(", ")}</p>
            })}
            <ChangeTable title="New people" people=preview.new_people total=job.new_people />
            <ChangeTable title="Changed people" people=preview.changed_people total=job.changed_people />
            {if preview.deactivate_missing {
                view! { <ChangeTable title="Deactivated: not in the file" people=preview.missing total=job.missing_people /> }.into_any()
            } else {
                (job.missing_people > 0).then(|| view! {
                    <p class="muted" data-testid="roster-missing">
                        {job.missing_people} " active people are not in the file and stay as they are."
                    </p>
                }).into_any()
            }}
        </section>
    }
    .into_any()
}

/// Good lines the import reads differently from the file (a person listed as their own manager
/// is imported without one): worth a look, never a reason to refuse the file.
#[component]
fn Notes(notes: Vec<LineNote>, total: i64) -> impl IntoView {
    (!notes.is_empty()).then(|| {
        let shown = notes.len();
        view! {
            <div class="callout callout-warning" data-testid="roster-notes">
                <h3>{total} " note(s)"</h3>
                <ul>
                    {notes.into_iter().map(|note| view! { <li>"Line " {note.line} ": " {note.message}</li> }).collect_view()}
                </ul>
                <More shown=Some(shown) total />
            </div>
        }
    })
}

/// "… and N more" when a list was cut.
#[component]
fn More(shown: Option<usize>, total: i64) -> impl IntoView {
    let shown = shown.unwrap_or(SHOWN) as i64;
    (total > shown).then(|| view! { <p class="muted">"… and " {total - shown} " more"</p> })
}

#[component]
fn ChangeTable(title: &'static str, people: Vec<RosterChange>, total: i64) -> impl IntoView {
    if people.is_empty() {
        return None;
    }
    let shown = people.len();
    Some(view! {
        <h3>{title} " (" {total} ")"</h3>
        <TableScroll label=title>
            <table class="data-table">
                <thead><tr><th>"Line"</th><th>"Email"</th><th>"Name"</th><th>"Changes"</th></tr></thead>
                <tbody>
                    {people.into_iter().map(|person| view! {
                        <tr>
                            <td class="num">{if person.line > 0 { person.line.to_string() } else { "–".into() }}</td>
                            <td>{person.email}</td>
                            <td>{person.name}</td>
                            <td>{person.changes.join("; ")}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
        <More shown=Some(shown) total />
    })
}
