//! The signed-in person as every page sees them, and the guard in front of role-only pages.
//! The guard is for the reader's sake; the server functions behind each page check again.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::{
    api::auth::get_current_user, domain::account::Role, error::AppError, wire::auth::CurrentUser,
};

pub type CurrentUserResource = Resource<Result<Option<CurrentUser>, AppError>>;

/// Loads the caller again on every navigation, so that signing in or out (and a session that
/// expired) shows at once.
pub fn provide_current_user() -> CurrentUserResource {
    let location = use_location();
    let user = Resource::new(move || location.pathname.get(), |_| get_current_user());
    provide_context(user);
    user
}

pub fn use_current_user() -> Option<CurrentUserResource> {
    use_context::<CurrentUserResource>()
}

/// Whether the signed-in person is an admin: pages use it to leave out controls that the
/// server would refuse anyway.
pub async fn caller_is_admin() -> bool {
    is_admin(use_current_user()).await
}

/// The same from a resource taken beforehand: for fetchers that run outside the component.
pub async fn is_admin(user: Option<CurrentUserResource>) -> bool {
    match user {
        Some(user) => user
            .await
            .ok()
            .flatten()
            .is_some_and(|user| user.role == Role::Admin),
        None => false,
    }
}

/// Shows `children` only to the listed roles; others see why not and where to go.
#[component]
pub fn RequireRole(roles: &'static [Role], children: ChildrenFn) -> impl IntoView {
    let location = use_location();
    let user = use_current_user();
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || {
                let children = children.clone();
                let next = location.pathname.get_untracked();
                Suspend::new(async move {
                    let signed_in = match user {
                        Some(user) => user.await.ok().flatten(),
                        None => None,
                    };
                    match signed_in {
                        Some(person) if roles.contains(&person.role) => children().into_any(),
                        Some(_) => view! {
                            <section class="callout callout-error" role="alert" data-testid="forbidden">
                                <h2>"You do not have access to this page"</h2>
                                <p>"It is for " {role_list(roles)} " only."</p>
                            </section>
                        }
                        .into_any(),
                        None => view! {
                            <section class="callout" data-testid="sign-in-required">
                                <h2>"Please sign in"</h2>
                                <p>
                                    <a href=format!("/sign-in?next={next}")>"Sign in"</a>
                                    " to see this page."
                                </p>
                                <p class="muted">
                                    "No password yet, or forgotten it? The sign-in page sends you a link to set one."
                                </p>
                            </section>
                        }
                        .into_any(),
                    }
                })
            }}
        </Transition>
    }
}

fn role_list(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|role| role.label())
        .collect::<Vec<_>>()
        .join(", ")
}
