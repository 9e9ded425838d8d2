//! Set a password from an invite or reset link.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::auth::{get_link, SetPasswordFromLink},
    components::{error_template::ErrorTemplate, form::ActionError},
    domain::account::MIN_PASSWORD_CHARS,
};

#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.with(|query| query.get("token").unwrap_or_default());
    let next = move || query.with(|query| query.get("next").unwrap_or_default());
    let link = Resource::new(token, get_link);
    let set_password = ServerAction::<SetPasswordFromLink>::new();

    view! {
        <Title text="Set your password" />
        <section class="narrow">
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorTemplate errors /> }>
                    {move || Suspend::new(async move {
                        link.await.map(|link| view! {
                            <h1>
                                {if link.is_invite { "Welcome to Async Pilot" } else { "Choose a new password" }}
                            </h1>
                            <p>
                                "Setting the password for " <strong data-testid="link-email">{link.email}</strong>
                                ". Use at least " {MIN_PASSWORD_CHARS}
                                " characters; a few unrelated words are easy to remember and hard to guess."
                            </p>
                            <ActionForm action=set_password attr:aria-label="Set password">
                                <input type="hidden" name="token" value=token />
                                <input type="hidden" name="next" value=next />
                                <label>
                                    "New password"
                                    <input
                                        type="password"
                                        name="password"
                                        autocomplete="new-password"
                                        minlength=MIN_PASSWORD_CHARS
                                        required
                                    />
                                </label>
                                <ActionError action=set_password />
                                <button type="submit" class="button">"Set password and sign in"</button>
                            </ActionForm>
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}
