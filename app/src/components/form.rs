//! Pieces every form uses: the error an action returned, and a short success note.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::error::AppError;

/// The error of the last run of `action`, as an alert naming the problem.
#[component]
pub fn ActionError<S>(action: ServerAction<S>) -> impl IntoView
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let message = move || match action.value().get() {
        Some(Err(error)) => Some(error.to_string()),
        _ => None,
    };
    view! {
        <Show when=move || message().is_some()>
            <p class="form-error" role="alert" data-testid="form-error">{message}</p>
        </Show>
    }
}

/// True once `action` has succeeded, until it runs again.
pub fn succeeded<S>(action: ServerAction<S>) -> impl Fn() -> bool + Copy
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    move || matches!(action.value().get(), Some(Ok(_)))
}
