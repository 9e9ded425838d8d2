//! Sign in with email and password.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::auth::{RequestPasswordLink, SignIn},
    components::form::ActionError,
};

#[component]
pub fn SignInPage() -> impl IntoView {
    let query = use_query_map();
    let next = move || query.with(|query| query.get("next").unwrap_or_else(|| "/".into()));
    let sign_in = ServerAction::<SignIn>::new();

    view! {
        <Title text="Sign in" />
        <section class="narrow">
            <h1>"Sign in"</h1>
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
            <PasswordLinkRequest next />
        </section>
    }
}

/// "No password yet, or forgotten it?": a link to set one, mailed to the address if it belongs
/// to an active account. The answer is the same either way.
#[component]
fn PasswordLinkRequest(next: impl Fn() -> String + Send + Sync + 'static) -> impl IntoView {
    let request = ServerAction::<RequestPasswordLink>::new();
    let answer = move || request.value().get().and_then(Result::ok);
    view! {
        <details class="password-link" open=move || answer().is_some()>
            <summary>"No password yet, or forgotten it?"</summary>
            <ActionForm action=request attr:aria-label="Get a link to set a password">
                <input type="hidden" name="next" value=next />
                <label>
                    "Your work email"
                    <input type="email" name="email" autocomplete="username" required />
                </label>
                <ActionError action=request />
                <button type="submit" class="button button-secondary" disabled=move || request.pending().get()>
                    "Send me a link"
                </button>
            </ActionForm>
            {move || answer().map(|delivers| view! {
                <p class="callout callout-ok" role="status" data-testid="link-requested">
                    {if delivers {
                        "If an active account uses that address, a link to set a password is on its way. Check your inbox (and spam folder)."
                    } else {
                        "This server does not send mail, so it cannot send you a link itself: ask your HR admin for a link to set your password."
                    }}
                </p>
            })}
        </details>
    }
}
