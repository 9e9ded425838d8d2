//! Departments: the groups teams belong to. Admins create, rename and deactivate them.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::table_scroll::TableScroll;
use crate::{
    api::departments::{list_departments, SaveDepartment, SetDepartmentActive},
    components::{
        error_template::ErrorTemplate,
        form::ActionError,
        session::{caller_is_admin, RequireRole},
    },
    domain::account::Role,
    wire::departments::DepartmentSummary,
};

#[component]
pub fn DepartmentsPage() -> impl IntoView {
    view! {
        <Title text="Departments" />
        <h1>"Departments"</h1>
        <RequireRole roles=&[Role::Admin, Role::Executive]>
            <DepartmentList />
        </RequireRole>
    }
}

#[component]
fn DepartmentList() -> impl IntoView {
    let save = ServerAction::<SaveDepartment>::new();
    let set_active = ServerAction::<SetDepartmentActive>::new();
    let departments = Resource::new(
        move || (save.version().get(), set_active.version().get()),
        |_| list_departments(),
    );
    let search = RwSignal::new(String::new());
    view! {
        <p class="muted">"Departments group " <a href="/admin/teams">"teams"</a> ". The " <a href="/admin/roster">"roster"</a> " import creates the ones it names."</p>
        <label>"Search departments" <input type="search" bind:value=search /></label>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorTemplate errors /> }>
                {move || Suspend::new(async move {
                    let is_admin = caller_is_admin().await;
                    departments.await.map(|departments| view! {
                        <TableScroll label="Departments">
                            <table class="data-table" data-testid="departments">
                                <thead><tr><th>"Department"</th><th class="num">"Active teams"</th><th class="num">"Members"</th><th>"Actions"</th></tr></thead>
                                <tbody>
                                    {departments.into_iter().map(|department| {
                                        let name = department.name.to_lowercase();
                                        let test_id = format!("department-{}", department.name);
                                        view! {
                                            <tr class:hidden=move || !name.contains(&search.get().to_lowercase()) data-testid=test_id>
                                                <td>{department.name.clone()} {(!department.active).then_some(" (inactive)")}</td>
                                                <td class="num">{department.teams}</td>
                                                <td class="num">{department.members}</td>
                                                <td class="actions">{is_admin.then(|| view! { <DepartmentActions department save set_active /> })}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </TableScroll>
                    })
                })}
            </ErrorBoundary>
        </Transition>
        <ActionError action=save />
        <ActionError action=set_active />
        <Suspense>
            {move || Suspend::new(async move {
                caller_is_admin().await.then(|| view! {
                    <h2>"New department"</h2>
                    <ActionForm action=save attr:aria-label="New department">
                        <label>"Name" <input type="text" name="name" required /></label>
                        <button type="submit" class="button button-small">"Create department"</button>
                    </ActionForm>
                })
            })}
        </Suspense>
    }
}

#[component]
fn DepartmentActions(
    department: DepartmentSummary,
    save: ServerAction<SaveDepartment>,
    set_active: ServerAction<SetDepartmentActive>,
) -> impl IntoView {
    let id = department.id.to_string();
    let name = department.name;
    let rename_label = format!("Rename {name}");
    let (rename_id, rename_name) = (id.clone(), name.clone());
    let toggle = if department.active {
        view! {
            <details class="confirm">
                <summary>"Deactivate…"</summary>
                <p>"Deactivate " {name.clone()} "? Only a department without active teams can be deactivated; nothing is deleted."</p>
                <ActionForm action=set_active attr:class="inline-form">
                    <input type="hidden" name="id" value=id.clone() />
                    <input type="hidden" name="active" value="false" />
                    <button type="submit" class="button button-small button-danger">"Deactivate"</button>
                </ActionForm>
            </details>
        }
        .into_any()
    } else {
        view! {
            <ActionForm action=set_active attr:class="inline-form">
                <input type="hidden" name="id" value=id.clone() />
                <input type="hidden" name="active" value="true" />
                <button type="submit" class="button button-small button-secondary">"Reactivate"</button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <details class="confirm-edit">
            <summary>"Rename…"</summary>
            <ActionForm action=save attr:aria-label=rename_label>
                <input type="hidden" name="id" value=rename_id />
                <label>"Name" <input type="text" name="name" value=rename_name required /></label>
                <button type="submit" class="button button-small">"Save"</button>
            </ActionForm>
        </details>
        {toggle}
    }
}
