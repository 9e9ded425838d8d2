//! `/meetings`: import one's calendar, see the week's meeting hours and focus time, and audit
//! each series in one tap ("could this have been async?"); the team's recurring series below.

mod series;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::meetings::{
        get_meeting_overview, get_team_meeting_series, AuditMeetingSeries, ImportCalendar,
    },
    components::{form::ActionError, session::RequireRole},
    domain::account::Role,
    wire::meetings::MeetingOverview,
};

#[component]
pub fn MeetingsPage() -> impl IntoView {
    view! {
        <Title text="Meetings" />
        <h1>"Meetings"</h1>
        <RequireRole roles=&[Role::Participant, Role::Admin]>
            <Meetings />
        </RequireRole>
    }
}

/// Hours to at most two decimals, without trailing zeros.
pub(crate) fn hours(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let text = format!("{rounded:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[component]
fn Meetings() -> impl IntoView {
    let ics = RwSignal::new(String::new());
    let file_note = RwSignal::new(None::<String>);
    let import = ServerAction::<ImportCalendar>::new();
    let audit = ServerAction::<AuditMeetingSeries>::new();
    let overview = Resource::new(
        move || (import.version().get(), audit.version().get()),
        |_| get_meeting_overview(),
    );
    let team = Resource::new(move || audit.version().get(), |_| get_team_meeting_series());
    let imported = move || import.value().get().and_then(Result::ok);
    view! {
        <section aria-labelledby="import-heading">
            <h2 id="import-heading">"Import your calendar"</h2>
            <p class="muted">
                "Export an .ics file from Outlook, Google Calendar, Apple Calendar or Thunderbird. Only you see titles and attendees; your team sees hours per series."
            </p>
            <label>
                "Calendar file (.ics)"
                <input type="file" accept=".ics,text/calendar" data-testid="calendar-file"
                    on:change=move |event| read_calendar_file(event, ics, file_note) />
            </label>
            {move || file_note.get().map(|note| view! { <p class="muted" data-testid="calendar-file-note">{note}</p> })}
            <button type="button" class="button"
                disabled=move || ics.with(String::is_empty) || import.pending().get()
                on:click=move |_| {
                    import.dispatch(ImportCalendar { ics: ics.get_untracked(), from: None, to: None, dry_run: false });
                }>
                "Import calendar"
            </button>
            <ActionError action=import />
            {move || imported().map(|result| view! {
                <p class="callout callout-ok" role="status" data-testid="calendar-imported">
                    {format!(
                        "Imported: {} working days, {} meetings, {} meeting hours.",
                        result.days.len(),
                        result.total_meetings,
                        hours(result.total_hours)
                    )}
                </p>
            })}
        </section>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(overview) => view! { <Overview overview audit /> }.into_any(),
                    Err(error) => view! { <p class="callout callout-error" role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
        <ActionError action=audit />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                team.await.ok().map(|team| view! { <series::TeamSeries team /> })
            })}
        </Transition>
    }
}

#[component]
fn Overview(overview: MeetingOverview, audit: ServerAction<AuditMeetingSeries>) -> impl IntoView {
    let Some(week) = overview.week_start else {
        return view! { <p class="muted" data-testid="no-meetings">"No meetings yet: import your calendar above."</p> }.into_any();
    };
    view! {
        <section aria-labelledby="week-heading">
            <h2 id="week-heading">{format!("Week of {}", week.format("%-d %B %Y"))}</h2>
            <dl class="figures" data-testid="week-figures">
                <div><dt>"Meeting hours"</dt><dd data-testid="week-meeting-hours">{hours(overview.week_meeting_hours)}</dd></div>
                <div><dt>"Meetings"</dt><dd data-testid="week-meetings">{overview.week_meetings}</dd></div>
                <div><dt>"Focus time (free blocks of 2 h+)"</dt><dd data-testid="week-focus-hours">{hours(overview.week_focus_hours)}</dd></div>
            </dl>
        </section>
        <series::OwnSeries series=overview.series audit />
    }
    .into_any()
}

/// Reads the chosen file's text in the browser.
fn read_calendar_file(
    event: leptos::ev::Event,
    ics: RwSignal<String>,
    file_note: RwSignal<Option<String>>,
) {
    #[cfg(feature = "hydrate")]
    {
        let input: web_sys::HtmlInputElement = event_target(&event);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        let name = file.name();
        if file.size() > crate::domain::meeting::MAX_FILE_BYTES as f64 {
            file_note.set(Some(format!(
                "{name} is larger than 20 MB: export a shorter range."
            )));
            return;
        }
        file_note.set(Some(format!("Reading {name}…")));
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => {
                    ics.set(text.as_string().unwrap_or_default());
                    file_note.set(Some(format!("{name} is ready to import.")));
                }
                Err(_) => file_note.set(Some(format!("{name} could not be read as text"))),
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (event, ics, file_note);
}
