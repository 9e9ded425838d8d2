//! What a page shows in place of content that failed to load.

use leptos::prelude::*;

use crate::error::AppError;

#[component]
pub fn ErrorTemplate(errors: ArcRwSignal<Errors>) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_response_status(&errors);

    let messages = move || {
        errors
            .get()
            .into_iter()
            .map(|(_, error)| match error.downcast_ref::<AppError>() {
                Some(app_error) => app_error.to_string(),
                None => error.to_string(),
            })
            .collect::<Vec<_>>()
    };

    view! {
        <section class="callout callout-error" role="alert" data-testid="error">
            <h2>"That did not work"</h2>
            <ul>
                {move || messages().into_iter().map(|message| view! { <li>{message}</li> }).collect_view()}
            </ul>
        </section>
    }
}

/// Server-rendered error pages answer with the status of the error they show.
#[cfg(feature = "ssr")]
fn set_response_status(errors: &ArcRwSignal<Errors>) {
    let status = errors
        .get_untracked()
        .into_iter()
        .find_map(|(_, error)| error.downcast_ref::<AppError>().map(AppError::status_code))
        .unwrap_or(500);
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(status),
    ) {
        response.set_status(status);
    }
}
