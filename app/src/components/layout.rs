//! The frame around every page: header with the navigation the caller's role allows, footer.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    api::auth::SignOut,
    components::{focus::focus_element, session::provide_current_user},
    domain::account::Role,
    wire::auth::CurrentUser,
};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    // Effects run only in the browser, so this flips once the WebAssembly has taken over the
    // page: end-to-end tests wait for it before exercising client-side behaviour.
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    let user = provide_current_user();
    // After a client-side navigation the link that was followed is gone: focus moves to the new
    // page's content (as a full page load would start there), not back to the document.
    let content = NodeRef::<leptos::html::Main>::new();
    let location = leptos_router::hooks::use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|before| before != path) {
            if let Some(main) = content.get_untracked() {
                focus_element(&main, false);
            }
        }
        path
    });
    // The router would take the skip link's `#content` for a navigation: focus the content.
    let skip = move |event: leptos::ev::MouseEvent| {
        if let Some(main) = content.get_untracked() {
            event.prevent_default();
            focus_element(&main, true);
        }
    };

    view! {
        <div class="page" data-hydrated=move || if hydrated.get() { "true" } else { "false" }>
            <a class="skip-link" href="#content" on:click=skip>"Skip to content"</a>
            <header class="site-header">
                <A href="/" attr:class="brand">
                    <span class="brand-mark" aria-hidden="true">"◐"</span>
                    " Async Pilot"
                </A>
                <Transition fallback=|| view! { <Navigation user=None /> }>
                    {move || Suspend::new(async move {
                        let user = user.await.ok().flatten();
                        view! { <Navigation user /> }
                    })}
                </Transition>
            </header>
            <main id="content" class="content" tabindex="-1" node_ref=content>{children()}</main>
            <footer class="site-footer">
                <p>
                    "Async Pilot " {env!("CARGO_PKG_VERSION")}
                    " · pilot async-first work honestly: baseline, change, follow-up, decide."
                </p>
            </footer>
        </div>
    }
}

#[component]
fn Navigation(user: Option<CurrentUser>) -> impl IntoView {
    let role = user.as_ref().map(|user| user.role);
    let is_admin = role == Some(Role::Admin);
    let sees_pilots = matches!(role, Some(Role::Admin | Role::Executive));
    let checks_in = matches!(role, Some(Role::Admin | Role::Participant));
    let signed_in = user.is_some();
    view! {
        <nav aria-label="Main">
            <ul>
                <li><A href="/" exact=true>"Overview"</A></li>
                <li><A href="/plan">"Plan a pilot"</A></li>
                {checks_in.then(|| view! {
                    <li><A href="/checkin">"Check-in"</A></li>
                    <li><A href="/meetings">"Meetings"</A></li>
                })}
                {signed_in.then(|| view! { <li><A href="/team">"Team"</A></li> })}
                {sees_pilots.then(|| view! {
                    <li><A href="/readiness">"Readiness"</A></li>
                    <li><A href="/admin/pilots">"Pilots"</A></li>
                    <li><A href="/admin/departments">"Departments"</A></li>
                    <li><A href="/admin/teams">"Teams"</A></li>
                    <li><A href="/coverage">"Coverage"</A></li>
                })}
                {is_admin.then(|| view! {
                    <li><A href="/admin/roster">"Roster"</A></li>
                    <li><A href="/admin/custom-metrics">"Custom metrics"</A></li>
                    <li><A href="/admin/people">"People"</A></li>
                    <li><A href="/admin/champions">"Champions"</A></li>
                    <li><A href="/admin/training">"Training"</A></li>
                    <li><A href="/admin/tokens">"API tokens"</A></li>
                    <li><A href="/admin/audit">"Audit log"</A></li>
                    <li><A href="/admin/mail">"Outgoing mail"</A></li>
                    <li><A href="/admin/process-types">"Process types"</A></li>
                    <li><A href="/status">"Instance status"</A></li>
                })}
                {match user {
                    Some(user) => view! { <AccountMenu user /> }.into_any(),
                    None => view! { <li><A href="/sign-in">"Sign in"</A></li> }.into_any(),
                }}
            </ul>
        </nav>
    }
}

#[component]
fn AccountMenu(user: CurrentUser) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <li>
            <A href="/account">
                <span data-testid="signed-in-as">{user.display_name}</span>
                <span class="role-badge">{user.role.label()}</span>
            </A>
        </li>
        <li>
            <ActionForm action=sign_out attr:class="inline-form">
                <button type="submit" class="link-button">"Sign out"</button>
            </ActionForm>
        </li>
    }
}
