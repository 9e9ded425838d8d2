//! Admin: outgoing mail. With a mail server configured it shows what went out; without one, it
//! is where HR finds the messages (password links people asked for) to pass on by hand.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::mail::list_outgoing_mail,
    components::{
        error_template::ErrorTemplate,
        pager::{Order, Pager},
        session::RequireRole,
    },
    domain::{account::Role, mail::MailStatus},
    wire::mail::OutgoingMail,
};

fn format_instant(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

#[component]
pub fn MailPage() -> impl IntoView {
    view! {
        <Title text="Outgoing mail" />
        <h1>"Outgoing mail"</h1>
        <RequireRole roles=&[Role::Admin]>
            <Outbox />
        </RequireRole>
    }
}

#[component]
fn Outbox() -> impl IntoView {
    let query = use_query_map();
    let page = move || {
        query.with(|query| {
            query
                .get("page")
                .and_then(|page| page.parse().ok())
                .unwrap_or(0u64)
        })
    };
    let mails = Resource::new(page, list_outgoing_mail);
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorTemplate errors /> }>
                {move || Suspend::new(async move {
                    mails.await.map(|page| {
                        let link = |to: u64| format!("/admin/mail?page={to}");
                        view! {
                            {if page.delivers {
                                view! { <p class="muted">"This server delivers mail through its mail server; failed messages are tried again up to five times."</p> }.into_any()
                            } else {
                                view! {
                                    <p class="callout" data-testid="mail-not-delivered">
                                        "This server has no mail server configured (" <code>"ASYNC_PILOT_SMTP_URL"</code>
                                        "), so nothing below was sent. Pass each waiting message on to its recipient yourself, for instance by copying its link into your own mail."
                                    </p>
                                }.into_any()
                            }}
                            {if page.mails.is_empty() {
                                view! { <p class="muted">"No mail yet."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="mail-list" data-testid="outbox">
                                        {page.mails.into_iter().map(|mail| view! { <MailItem mail /> }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <Pager page=page.page total=page.total per_page=crate::domain::mail::PAGE_SIZE href=link order=Order::NewestFirst />
                        }
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn MailItem(mail: OutgoingMail) -> impl IntoView {
    let status = match mail.status {
        MailStatus::Sent => format!(
            "sent {}",
            mail.sent_at.map(format_instant).unwrap_or_default()
        ),
        MailStatus::Waiting => match &mail.last_error {
            Some(error) => format!("waiting (last attempt failed: {error})"),
            None => "waiting".into(),
        },
        MailStatus::GaveUp => format!(
            "not delivered: {}",
            mail.last_error.clone().unwrap_or_default()
        ),
    };
    let test_id = format!("mail-{}", mail.recipient);
    view! {
        <li class="card" data-testid=test_id>
            <p>
                <strong>{mail.subject}</strong> " to " {mail.recipient}
                <span class="muted">" · " {format_instant(mail.created_at)} " · " {status}</span>
            </p>
            <details>
                <summary>"Message"</summary>
                <pre class="mail-body">{mail.body}</pre>
            </details>
        </li>
    }
}
