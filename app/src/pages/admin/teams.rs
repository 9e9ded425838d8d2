//! Teams: department, manager, time zone and size. The roster import creates and moves them.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::table_scroll::TableScroll;
use crate::{
    api::teams::{list_teams, SaveTeam, SetTeamActive},
    components::{
        error_template::ErrorTemplate,
        form::ActionError,
        pager::{search_href, Order, Pager},
        session::{caller_is_admin, RequireRole},
    },
    domain::account::Role,
    wire::teams::TeamSummary,
};

#[component]
pub fn TeamsPage() -> impl IntoView {
    view! {
        <Title text="Teams" />
        <h1>"Teams"</h1>
        <RequireRole roles=&[Role::Admin, Role::Executive]>
            <TeamList />
        </RequireRole>
    }
}

#[component]
fn TeamList() -> impl IntoView {
    let save = ServerAction::<SaveTeam>::new();
    let set_active = ServerAction::<SetTeamActive>::new();
    let query = use_query_map();
    let search = move || query.with(|query| query.get("q").filter(|q| !q.is_empty()));
    let page =
        move || query.with(|query| query.get("page").and_then(|page| page.parse::<u64>().ok()));
    let teams = Resource::new(
        move || {
            (
                search(),
                page(),
                save.version().get(),
                set_active.version().get(),
            )
        },
        |(search, page, ..)| list_teams(search, page),
    );
    view! {
        <p class="muted">"Teams come from the " <a href="/admin/roster">"roster"</a> "; import an updated file to add or move people. Departments are listed " <a href="/admin/departments">"on their own page"</a> "."</p>
        <form method="get" action="/admin/teams" class="inline-form" aria-label="Search teams">
            <label class="visually-hidden" for="team-search">"Search teams or departments"</label>
            <input id="team-search" type="search" name="q" placeholder="Team or department" value=move || search().unwrap_or_default() />
            <button type="submit" class="button button-small">"Search"</button>
        </form>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorTemplate errors /> }>
                {move || Suspend::new(async move {
                    let is_admin = caller_is_admin().await;
                    let search = search();
                    teams.await.map(|found| {
                        let link = move |to: u64| search_href("/admin/teams", search.as_deref(), to);
                        view! {
                            <p class="muted" data-testid="teams-total">{found.total} " teams"</p>
                            <TableScroll label="Teams">
                                <table class="data-table" data-testid="teams">
                                    <thead><tr><th>"Team"</th><th>"Department"</th><th>"Manager"</th><th>"Time zone"</th><th class="num">"Members"</th><th>"Actions"</th></tr></thead>
                                    <tbody>
                                        {found.teams.into_iter().map(|team| {
                                            let test_id = format!("team-{}", team.name);
                                            view! {
                                                <tr data-testid=test_id>
                                                    <td>{team.name.clone()} {(!team.active).then_some(" (inactive)")}</td>
                                                    <td>{team.department.clone()}</td>
                                                    <td>{team.manager.clone().unwrap_or_else(|| "–".into())}</td>
                                                    <td>{team.time_zone.clone()}</td>
                                                    <td class="num">{team.members}</td>
                                                    <td class="actions">{is_admin.then(|| view! { <TeamActions team save set_active /> })}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </TableScroll>
                            <Pager page=found.page total=found.total per_page=found.per_page href=link order=Order::Forward />
                        }
                    })
                })}
            </ErrorBoundary>
        </Transition>
        <ActionError action=save />
        <ActionError action=set_active />
        <Suspense>
            {move || Suspend::new(async move {
                caller_is_admin().await.then(|| view! {
                    <h2>"New team"</h2>
                    <TeamForm team=None save />
                })
            })}
        </Suspense>
    }
}

#[component]
fn TeamActions(
    team: TeamSummary,
    save: ServerAction<SaveTeam>,
    set_active: ServerAction<SetTeamActive>,
) -> impl IntoView {
    let id = team.id;
    let active = team.active;
    let name = team.name.clone();
    view! {
        <details class="confirm-edit">
            <summary>"Edit…"</summary>
            <TeamForm team=Some(team) save />
        </details>
        {if active {
            view! {
                <details class="confirm">
                    <summary>"Deactivate…"</summary>
                    <p>"Deactivate " {name} "? Only a team without members or pilots can be deactivated; nothing is deleted."</p>
                    <ActionForm action=set_active attr:class="inline-form">
                        <input type="hidden" name="id" value=id.to_string() />
                        <input type="hidden" name="active" value="false" />
                        <button type="submit" class="button button-small button-danger">"Deactivate"</button>
                    </ActionForm>
                </details>
            }.into_any()
        } else {
            view! {
                <ActionForm action=set_active attr:class="inline-form">
                    <input type="hidden" name="id" value=id.to_string() />
                    <input type="hidden" name="active" value="true" />
                    <button type="submit" class="button button-small button-secondary">"Reactivate"</button>
                </ActionForm>
            }.into_any()
        }}
    }
}

/// Creates a team (`team` None) or edits one.
#[component]
fn TeamForm(team: Option<TeamSummary>, save: ServerAction<SaveTeam>) -> impl IntoView {
    let label = if team.is_some() {
        "Edit team"
    } else {
        "New team"
    };
    let id = team.as_ref().map(|team| team.id.to_string());
    let name = team.as_ref().map(|t| t.name.clone()).unwrap_or_default();
    let department = team
        .as_ref()
        .map(|t| t.department.clone())
        .unwrap_or_default();
    let manager = team
        .as_ref()
        .and_then(|t| t.manager.clone())
        .unwrap_or_default();
    let time_zone = team
        .as_ref()
        .map(|t| t.time_zone.clone())
        .unwrap_or_default();
    view! {
        <ActionForm action=save attr:aria-label=label>
            {id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
            <div class="form-grid">
                <label>"Name" <input type="text" name="team[name]" value=name required /></label>
                <label>"Department" <input type="text" name="team[department]" value=department required /></label>
                <label>"Manager (email)" <input type="email" name="team[manager_email]" value=manager /></label>
                <label>"Time zone" <input type="text" name="team[time_zone]" value=time_zone placeholder="Europe/Berlin" /></label>
            </div>
            <button type="submit" class="button button-small">"Save team"</button>
        </ActionForm>
    }
}
