//! Admin: API tokens — create (shown once), list, revoke.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::table_scroll::TableScroll;
use crate::{
    api::tokens::{list_api_tokens, CreateApiToken, RevokeApiToken},
    components::{error_template::ErrorTemplate, form::ActionError, session::RequireRole},
    domain::account::Role,
    wire::tokens::ApiTokenSummary,
};

#[component]
pub fn TokensPage() -> impl IntoView {
    view! {
        <Title text="API tokens" />
        <h1>"API tokens"</h1>
        <RequireRole roles=&[Role::Admin]>
            <TokensAdmin />
        </RequireRole>
    }
}

#[component]
fn TokensAdmin() -> impl IntoView {
    let create = ServerAction::<CreateApiToken>::new();
    let revoke = ServerAction::<RevokeApiToken>::new();
    let tokens = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        |_| list_api_tokens(),
    );
    let created = move || create.value().get().and_then(Result::ok);

    view! {
        <p class="muted">
            "Integrations send a token as " <code>"Authorization: Bearer …"</code>
            " and act with your rights as an admin: read tokens can only read. See "
            <a href="/api/v1/openapi.json">"the OpenAPI document"</a> "."
        </p>
        <ActionForm action=create attr:aria-label="Create an API token">
            <div class="form-grid">
                <label>"Name" <input type="text" name="name" placeholder="e.g. HRIS sync" required /></label>
                <label>
                    "Scope"
                    <select name="scope">
                        <option value="read" selected>"Read only"</option>
                        <option value="write">"Read and write"</option>
                    </select>
                </label>
            </div>
            <ActionError action=create />
            <button type="submit" class="button">"Create token"</button>
        </ActionForm>
        {move || created().map(|token| view! {
            <div class="callout callout-ok" role="status">
                <p><strong>{token.name}</strong> ": copy this token now — it is never shown again."</p>
                <input type="text" readonly value=token.secret class="secret" data-testid="new-token" aria-label="New token" />
            </div>
        })}
        <ActionError action=revoke />
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorTemplate errors /> }>
                {move || Suspend::new(async move {
                    tokens.await.map(|tokens| {
                        if tokens.is_empty() {
                            return view! { <p class="muted">"No tokens yet."</p> }.into_any();
                        }
                        view! {
                            <TableScroll label="API tokens">
                                <table class="data-table" data-testid="tokens">
                                    <thead>
                                        <tr><th>"Name"</th><th>"Scope"</th><th>"Created"</th><th>"Last used"</th><th>"Status"</th></tr>
                                    </thead>
                                    <tbody>
                                        {tokens.into_iter().map(|token| view! { <TokenRow token revoke /> }).collect_view()}
                                    </tbody>
                                </table>
                            </TableScroll>
                        }
                        .into_any()
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn TokenRow(token: ApiTokenSummary, revoke: ServerAction<RevokeApiToken>) -> impl IntoView {
    let day = |at: chrono::DateTime<chrono::Utc>| at.format("%Y-%m-%d %H:%M UTC").to_string();
    view! {
        <tr>
            <td>{token.name.clone()}</td>
            <td>{token.scope.as_str()}</td>
            <td>{day(token.created_at)} " by " {token.created_by.clone()}</td>
            <td>{token.last_used_at.map(day).unwrap_or_else(|| "never".into())}</td>
            <td>
                {match token.revoked_at {
                    Some(at) => view! { <span>"Revoked " {day(at)}</span> }.into_any(),
                    None => view! {
                        <details class="confirm">
                            <summary>"Revoke…"</summary>
                            <p>"Revoke " {token.name.clone()} "? Integrations using it stop working at once."</p>
                            <ActionForm action=revoke attr:class="inline-form">
                                <input type="hidden" name="id" value=token.id.to_string() />
                                <button type="submit" class="button button-small button-danger">"Revoke"</button>
                            </ActionForm>
                        </details>
                    }.into_any(),
                }}
            </td>
        </tr>
    }
}
