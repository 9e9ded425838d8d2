//! Admin: people and their roles — invite, change role, reset link, deactivate.

use leptos::prelude::*;

use crate::components::badge::ChampionBadge;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::table_scroll::TableScroll;
use crate::{
    api::people::{
        list_people, ChangeRole, EditPerson, ErasePerson, InvitePerson, IssueResetLink,
        SetPersonActive,
    },
    components::{
        error_template::ErrorTemplate,
        form::ActionError,
        pager::{search_href, Order, Pager},
        session::RequireRole,
    },
    domain::{account::Role, org::WorkingPattern},
    wire::people::{IssuedLink, PersonSummary},
};

#[component]
pub fn PeoplePage() -> impl IntoView {
    view! {
        <Title text="People" />
        <h1>"People"</h1>
        <RequireRole roles=&[Role::Admin]>
            <PeopleAdmin />
        </RequireRole>
    }
}

#[component]
fn PeopleAdmin() -> impl IntoView {
    let invite = ServerAction::<InvitePerson>::new();
    let change_role = ServerAction::<ChangeRole>::new();
    let set_active = ServerAction::<SetPersonActive>::new();
    let reset = ServerAction::<IssueResetLink>::new();
    let edit = ServerAction::<EditPerson>::new();
    let erase = ServerAction::<ErasePerson>::new();
    let query = use_query_map();
    let search = move || query.with(|query| query.get("q").filter(|q| !q.is_empty()));
    let page =
        move || query.with(|query| query.get("page").and_then(|page| page.parse::<i64>().ok()));
    let people = Resource::new(
        move || {
            (
                search(),
                page(),
                invite.version().get(),
                change_role.version().get(),
                set_active.version().get(),
                edit.version().get(),
                erase.version().get(),
            )
        },
        |(search, page, ..)| list_people(search, page),
    );
    let invited = move || invite.value().get().and_then(Result::ok);
    let reset_link = move || reset.value().get().and_then(Result::ok);

    view! {
        <h2>"Invite someone"</h2>
        <p class="muted">
            "They get a one-time link, valid for 7 days, to set their password. It is mailed to them when a mail server is set up; otherwise send it to them yourself."
        </p>
        <ActionForm action=invite attr:aria-label="Invite a person">
            <div class="form-grid">
                <label>"Email" <input type="email" name="email" required /></label>
                <label>"Name" <input type="text" name="name" required /></label>
                <label>
                    "Role"
                    <select name="role">
                        {Role::ALL.map(|role| view! {
                            <option value=role.as_str() selected=role == Role::Participant>{role.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <ActionError action=invite />
            <button type="submit" class="button">"Invite"</button>
        </ActionForm>
        {move || invited().map(|link| view! { <IssuedLinkNote link title="Invite link" /> })}
        {move || reset_link().map(|link| view! { <IssuedLinkNote link title="Password-reset link" /> })}
        <ActionError action=reset />
        <ActionError action=change_role />
        <ActionError action=set_active />
        <ActionError action=edit />
        <ActionError action=erase />
        {move || erase.value().get().and_then(Result::ok).map(|erased| view! {
            <p class="callout callout-ok" role="status" data-testid="erased">
                "Erased: " {erased.rows_deleted} " rows deleted; the audit log now says “" {erased.pseudonym} "”."
            </p>
        })}

        <h2>"Everyone"</h2>
        <form method="get" action="/admin/people" class="inline-form" aria-label="Search people">
            <label class="visually-hidden" for="people-search">"Search by name or email"</label>
            <input id="people-search" type="search" name="q" placeholder="Name or email" value=move || search().unwrap_or_default() />
            <button type="submit" class="button button-small">"Search"</button>
        </form>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorTemplate errors /> }>
                {move || Suspend::new(async move {
                    let search = search();
                    people.await.map(|found| {
                        let link = move |to: u64| search_href("/admin/people", search.as_deref(), to);
                        view! {
                            <p class="muted" data-testid="people-total">{found.total} " people"</p>
                            <TableScroll label="People">
                                <table class="data-table" data-testid="people">
                                    <thead>
                                        <tr><th>"Name"</th><th>"Email"</th><th>"Team"</th><th>"Role"</th><th>"Status"</th><th>"Actions"</th></tr>
                                    </thead>
                                    <tbody>
                                        {found.people.into_iter().map(|person| view! {
                                            <PersonRow person edit change_role set_active reset erase />
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </TableScroll>
                            <Pager page=found.page as u64 total=found.total as u64 per_page=found.per_page as u64 href=link order=Order::Forward />
                        }
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn PersonRow(
    person: PersonSummary,
    edit: ServerAction<EditPerson>,
    change_role: ServerAction<ChangeRole>,
    set_active: ServerAction<SetPersonActive>,
    reset: ServerAction<IssueResetLink>,
    erase: ServerAction<ErasePerson>,
) -> impl IntoView {
    let status = match (person.active, person.has_password) {
        (false, _) => "Deactivated",
        (true, false) => "Invited",
        (true, true) => "Active",
    };
    let id = person.id;
    let name = person.display_name.clone();
    let edit_label = format!("Edit {}", person.display_name);
    let form_name = person.display_name.clone();
    let form_team = person.team.clone().unwrap_or_default();
    let form_manager = person.manager_email.clone().unwrap_or_default();
    let form_zone = person.time_zone.clone();
    let form_pattern = person.working_pattern.clone();
    view! {
        <tr data-testid=format!("person-{}", person.email)>
            <td>{person.display_name.clone()} <ChampionBadge champion=person.champion /></td>
            <td>{person.email.clone()}</td>
            <td>{person.team.clone().unwrap_or_else(|| "–".into())}</td>
            <td>
                <ActionForm action=change_role attr:class="inline-form" attr:aria-label=format!("Role of {name}")>
                    <input type="hidden" name="person_id" value=id.to_string() />
                    <select name="role" aria-label="Role">
                        {Role::ALL.map(|role| view! {
                            <option value=role.as_str() selected=role == person.role>{role.label()}</option>
                        }).collect_view()}
                    </select>
                    <button type="submit" class="button button-small">"Save"</button>
                </ActionForm>
            </td>
            <td>{status}</td>
            <td class="actions">
                <details class="confirm-edit">
                    <summary>"Edit…"</summary>
                    <ActionForm action=edit attr:aria-label=edit_label>
                        <input type="hidden" name="person_id" value=id.to_string() />
                        <div class="form-grid">
                            <label>"Name" <input type="text" name="person[name]" value=form_name required /></label>
                            <label>"Team" <input type="text" name="person[team]" value=form_team /></label>
                            <label>"Manager (email)" <input type="email" name="person[manager_email]" value=form_manager /></label>
                            <label>"Time zone" <input type="text" name="person[time_zone]" value=form_zone /></label>
                            <label>
                                "Working pattern"
                                <select name="person[working_pattern]">
                                    {WorkingPattern::ALL.map(|pattern| view! {
                                        <option value=pattern.as_str() selected=pattern.as_str() == form_pattern>{pattern.label()}</option>
                                    }).collect_view()}
                                </select>
                            </label>
                        </div>
                        <button type="submit" class="button button-small">"Save"</button>
                    </ActionForm>
                </details>
                {person.active.then(|| view! {
                    <ActionForm action=reset attr:class="inline-form">
                        <input type="hidden" name="person_id" value=id.to_string() />
                        <button type="submit" class="button button-small button-secondary">"New link"</button>
                    </ActionForm>
                })}
                {if person.active {
                    view! {
                        <details class="confirm">
                            <summary>"Deactivate…"</summary>
                            <p>"Deactivate " {name.clone()} "? Their sessions end at once and they cannot sign in."</p>
                            <ActionForm action=set_active attr:class="inline-form">
                                <input type="hidden" name="person_id" value=id.to_string() />
                                <input type="hidden" name="active" value="false" />
                                <button type="submit" class="button button-small button-danger">"Deactivate"</button>
                            </ActionForm>
                        </details>
                    }.into_any()
                } else {
                    view! {
                        <ActionForm action=set_active attr:class="inline-form">
                            <input type="hidden" name="person_id" value=id.to_string() />
                            <input type="hidden" name="active" value="true" />
                            <button type="submit" class="button button-small button-secondary">"Reactivate"</button>
                        </ActionForm>
                    }.into_any()
                }}
                <details class="confirm">
                    <summary>"Erase…"</summary>
                    <p>
                        "Erase " {name.clone()} " on their request? Their entries, consents, check-ins, pulse answers, memberships and sessions are deleted for good; the audit log keeps a pseudonym. Type their email to confirm."
                    </p>
                    <ActionForm action=erase attr:class="inline-form" attr:aria-label=format!("Erase {name}")>
                        <input type="hidden" name="person_id" value=id.to_string() />
                        <input type="email" name="confirm" aria-label="Their email, to confirm" required />
                        <button type="submit" class="button button-small button-danger">"Erase"</button>
                    </ActionForm>
                </details>
            </td>
        </tr>
    }
}

#[component]
fn IssuedLinkNote(link: IssuedLink, title: &'static str) -> impl IntoView {
    view! {
        <div class="callout callout-ok" role="status">
            <p>
                <strong>{title}</strong> " for " {link.email}
                {if link.mailed { " — mailed to them; shown here once as well:" } else { " — shown once; copy it now and send it to them:" }}
            </p>
            <input type="text" readonly value=link.url class="secret" data-testid="issued-link" aria-label=title />
        </div>
    }
}
