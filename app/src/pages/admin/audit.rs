//! Admin: the audit log, filtered by action, person and days, newest first.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::table_scroll::TableScroll;
use crate::{
    api::audit::list_audit_events,
    components::{
        error_template::ErrorTemplate,
        pager::{Order, Pager},
        session::RequireRole,
    },
    domain::{account::Role, audit::AuditAction},
    wire::audit::AuditQuery,
};

#[component]
pub fn AuditPage() -> impl IntoView {
    view! {
        <Title text="Audit log" />
        <h1>"Audit log"</h1>
        <RequireRole roles=&[Role::Admin]>
            <AuditLog />
        </RequireRole>
    }
}

#[component]
fn AuditLog() -> impl IntoView {
    let query = use_query_map();
    let filters = move || {
        query.with(|query| AuditQuery {
            action: query.get("action"),
            actor: query.get("actor"),
            since: query.get("since"),
            until: query.get("until"),
            page: query.get("page").and_then(|page| page.parse().ok()),
        })
    };
    let events = Resource::new(filters, |query| {
        list_audit_events(
            query.action,
            query.actor,
            query.since,
            query.until,
            query.page,
        )
    });
    let value =
        move |name: &'static str| move || query.with(|query| query.get(name).unwrap_or_default());

    view! {
        <form method="get" action="/admin/audit" aria-label="Filter the audit log">
            <div class="form-grid">
                <label>
                    "Action"
                    <select name="action">
                        <option value="">"Any"</option>
                        {AuditAction::ALL.map(|action| view! {
                            <option value=action.as_str() selected=move || value("action")() == action.as_str()>
                                {action.label()}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
                <label>"Person (email contains)" <input type="search" name="actor" value=value("actor") /></label>
                <label>"From" <input type="date" name="since" value=value("since") /></label>
                <label>"To" <input type="date" name="until" value=value("until") /></label>
            </div>
            <button type="submit" class="button">"Filter"</button>
        </form>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorTemplate errors /> }>
                {move || Suspend::new(async move {
                    let filters = filters();
                    events.await.map(|page| {
                        let export_url =
                            format!("/api/v1/audit-events/export?{}", filter_params(&filters).join("&"));
                        let link = move |to: u64| {
                            let mut params = filter_params(&filters);
                            params.push(format!("page={to}"));
                            format!("/admin/audit?{}", params.join("&"))
                        };
                        view! {
                            <form method="post" action=export_url class="inline-form">
                                <span class="muted" data-testid="audit-total">{page.total} " events"</span>
                                <button type="submit" class="button button-secondary button-small">"Download CSV"</button>
                            </form>
                            <TableScroll label="Audit log">
                                <table class="data-table" data-testid="audit-events">
                                    <thead>
                                        <tr><th>"When (UTC)"</th><th>"Who"</th><th>"What"</th><th>"Object"</th><th>"Detail"</th></tr>
                                    </thead>
                                    <tbody>
                                        {page.events.into_iter().map(|event| {
                                            let what = AuditAction::parse(&event.action)
                                                .map(AuditAction::label)
                                                .unwrap_or("Other");
                                            view! {
                                                <tr>
                                                    <td>{event.at.format("%Y-%m-%d %H:%M:%S").to_string()}</td>
                                                    <td>{event.actor.unwrap_or_else(|| "system".into())}</td>
                                                    <td>{what}</td>
                                                    <td>{event.object_type} {event.object_id.map(|id| format!(" #{id}"))}</td>
                                                    <td>{event.detail}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </TableScroll>
                            <Pager page=page.page as u64 total=page.total as u64 per_page=page.per_page as u64 href=link order=Order::NewestFirst />
                        }
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

/// The filters that are set, as `name=value` query parameters.
fn filter_params(filters: &AuditQuery) -> Vec<String> {
    [
        ("action", &filters.action),
        ("actor", &filters.actor),
        ("since", &filters.since),
        ("until", &filters.until),
    ]
    .into_iter()
    .filter_map(|(name, value)| {
        let value = value.as_deref().filter(|value| !value.is_empty())?;
        Some(format!("{name}={}", percent_encode(value)))
    })
    .collect()
}

fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'@' => {
                (byte as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}
