//! `/checkin/unsubscribe?token=…`: the link in every reminder. Works without signing in: the
//! secret in the link is the credential, and all it can do is turn the reminder off.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::checkin::UnsubscribeCheckinReminder,
    components::form::{succeeded, ActionError},
};

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.with(|query| query.get("token").unwrap_or_default());
    let unsubscribe = ServerAction::<UnsubscribeCheckinReminder>::new();
    let done = succeeded(unsubscribe);
    let done_without_script = move || query.with(|query| query.get("done").is_some());
    view! {
        <Title text="Stop check-in reminders" />
        <section class="narrow">
            <h1>"Stop check-in reminders"</h1>
            <Show
                when=move || done() || done_without_script()
                fallback=move || view! {
                    <ActionForm action=unsubscribe attr:aria-label="Stop reminders">
                        <input type="hidden" name="token" value=token />
                        <ActionError action=unsubscribe />
                        <button type="submit" class="button">"Stop my daily reminders"</button>
                    </ActionForm>
                }
            >
                <p class="callout callout-ok" role="status" data-testid="unsubscribed">
                    "Done: no more check-in reminders. You can turn them on again on the check-in page."
                </p>
            </Show>
        </section>
    }
}
