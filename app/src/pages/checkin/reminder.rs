//! The daily reminder setting on the check-in page: on or off, and the local time.

use leptos::prelude::*;

use crate::{
    api::checkin::SaveCheckinReminder,
    components::form::{succeeded, ActionError},
    wire::checkin::ReminderSettings,
};

#[component]
pub fn ReminderSettingsForm(
    settings: ReminderSettings,
    action: ServerAction<SaveCheckinReminder>,
) -> impl IntoView {
    let saved = succeeded(action);
    view! {
        <h2>"Daily reminder"</h2>
        <p class="muted">
            "A short mail on your working days when you have not checked in by this time (your time zone)."
        </p>
        <ActionForm action=action attr:aria-label="Daily reminder">
            <label class="checkbox">
                <input type="checkbox" name="enabled" value="on" checked=settings.enabled />
                " Remind me"
            </label>
            <label>
                "At"
                <input type="time" name="local_time" value=settings.local_time required />
            </label>
            <ActionError action=action />
            <Show when=saved>
                <p class="callout callout-ok" role="status">"Reminder saved."</p>
            </Show>
            <button type="submit" class="button button-secondary">"Save reminder"</button>
        </ActionForm>
    }
}
