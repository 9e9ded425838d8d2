//! Teams: department, manager, time zone and size. The roster import creates and moves them.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::pilots::list_teams,
    components::{error_template::ErrorTemplate, session::RequireRole},
    domain::account::Role,
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
    let teams = Resource::new(|| (), |_| list_teams());
    let search = RwSignal::new(String::new());
    view! {
        <p class="muted">"Teams come from the " <a href="/admin/roster">"roster"</a> "; import an updated file to add or move people."</p>
        <label>"Search teams or departments" <input type="search" bind:value=search /></label>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorTemplate errors /> }>
                {move || Suspend::new(async move {
                    teams.await.map(|teams| view! {
                        <div class="table-scroll">
                            <table class="data-table" data-testid="teams">
                                <thead><tr><th>"Team"</th><th>"Department"</th><th>"Manager"</th><th>"Time zone"</th><th class="num">"Members"</th></tr></thead>
                                <tbody>
                                    {teams.into_iter().map(|team| {
                                        let haystack = format!("{} {}", team.name, team.department).to_lowercase();
                                        view! {
                                            <tr class:hidden=move || !haystack.contains(&search.get().to_lowercase())>
                                                <td>{team.name}</td>
                                                <td>{team.department}</td>
                                                <td>{team.manager.unwrap_or_else(|| "–".into())}</td>
                                                <td>{team.time_zone}</td>
                                                <td class="num">{team.members}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}
