//! Sign in with email and password.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{api::auth::SignIn, components::form::ActionError};

#[component]
pub fn SignInPage() -> impl IntoView {
    let query = use_query_map();
    let next = move || query.with(|query| query.get("next").unwrap_or_else(|| "/".into()));
    let sign_in = ServerAction::<SignIn>::new();

    view! {
        <Title text="Sign in" />
        <section class="narrow">
            <h1>"Sign in"</h1>
            <p class="muted">
                "No account yet? Your HR admin sends you an invite link to set your password."
            </p>
            <ActionForm action=sign_in attr:aria-label="Sign in">
                <input type="hidden" name="next" value=next />
                <label>
                    "Email"
                    <input type="email" name="email" autocomplete="username" required />
                </label>
                <label>
                    "Password"
                    <input type="password" name="password" autocomplete="current-password" required />
                </label>
                <ActionError action=sign_in />
                <button type="submit" class="button" disabled=move || sign_in.pending().get()>
                    "Sign in"
                </button>
            </ActionForm>
        </section>
    }
}
