//! `/admin/training`: the catalogue (the method's modules and HR's), every manager's status per
//! module with a form to record one, and the CSV import.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::table_scroll::TableScroll;
use crate::{
    api::training::{
        list_manager_training, list_training_modules, AddTrainingModule, ImportTraining,
        RecordTraining,
    },
    components::{error_template::ErrorTemplate, form::ActionError, session::RequireRole},
    domain::{account::Role, champions::training::TrainingStatus},
    error::AppError,
    wire::training::{ManagerTraining, TrainingModule},
};

async fn load() -> Result<(Vec<TrainingModule>, Vec<ManagerTraining>), AppError> {
    Ok((
        list_training_modules().await?,
        list_manager_training().await?,
    ))
}

#[component]
pub fn TrainingAdminPage() -> impl IntoView {
    view! {
        <Title text="Manager training" />
        <h1>"Manager training"</h1>
        <RequireRole roles=&[Role::Admin]>
            <TrainingView />
        </RequireRole>
    }
}

#[component]
fn TrainingView() -> impl IntoView {
    let add = ServerAction::<AddTrainingModule>::new();
    let record = ServerAction::<RecordTraining>::new();
    let import = ServerAction::<ImportTraining>::new();
    let data = Resource::new(
        move || {
            (
                add.version().get(),
                record.version().get(),
                import.version().get(),
            )
        },
        |_| load(),
    );
    view! {
        <p><a href="/coverage">"Training coverage of pilot teams"</a></p>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorTemplate errors /> }>
                {move || Suspend::new(async move {
                    data.await.map(|(modules, managers)| view! {
                        <h2>"Catalogue"</h2>
                        <ul class="plain-list" data-testid="training-catalogue">
                            {modules.iter().map(|module| view! {
                                <li><strong>{module.title.clone()}</strong> " " <code>{module.key.clone()}</code>
                                    {if module.built_in { " · from the method" } else { " · added by HR" }}
                                    {if module.required { " · required" } else { " · optional" }}
                                </li>
                            }).collect_view()}
                        </ul>
                        <h2>"Managers"</h2>
                        <ManagerMatrix modules=modules.clone() managers=managers.clone() />
                        <RecordForm modules managers record />
                    })
                })}
            </ErrorBoundary>
        </Transition>
        <ActionError action=record />
        <h2>"Add a module"</h2>
        <ActionForm action=add attr:aria-label="Add a module">
            <div class="form-grid">
                <label>"Key" <input type="text" name="module[key]" required placeholder="async_onboarding" /></label>
                <label>"Title" <input type="text" name="module[title]" required maxlength="120" /></label>
            </div>
            <label class="checkbox"><input type="checkbox" name="module[required]" value="true" />" Required"</label>
            <ActionError action=add />
            <button type="submit" class="button button-small">"Add module"</button>
        </ActionForm>
        <ImportForm import />
    }
}

#[component]
fn ManagerMatrix(modules: Vec<TrainingModule>, managers: Vec<ManagerTraining>) -> impl IntoView {
    view! {
        <TableScroll label="Manager training">
            <table class="data-table" data-testid="manager-training">
                <thead>
                    <tr><th>"Manager"</th><th>"Teams"</th>
                        {modules.iter().map(|module| view! { <th>{module.title.clone()}</th> }).collect_view()}
                        <th>"Trained"</th>
                    </tr>
                </thead>
                <tbody>
                    {managers.into_iter().map(|manager| view! {
                        <tr data-testid=format!("manager-{}", manager.email)>
                            <td>{manager.name}</td>
                            <td>{manager.teams.join(", ")}</td>
                            {manager.modules.into_iter().map(|module| view! {
                                <td data-testid=format!("status-{}", module.module)>{match module.completed_on {
                                    Some(day) => format!("Completed on {day}"),
                                    None => module.status.label().to_string(),
                                }}</td>
                            }).collect_view()}
                            <td>{if manager.trained { "yes" } else { "no" }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}

#[component]
fn RecordForm(
    modules: Vec<TrainingModule>,
    managers: Vec<ManagerTraining>,
    record: ServerAction<RecordTraining>,
) -> impl IntoView {
    view! {
        <h3>"Record a status"</h3>
        <ActionForm action=record attr:aria-label="Record a training status">
            <div class="form-grid">
                <label>"Manager"
                    <select name="person_id">
                        {managers.into_iter().map(|manager| view! {
                            <option value=manager.person_id.to_string()>{manager.name}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>"Module"
                    <select name="record[module]">
                        {modules.into_iter().map(|module| view! { <option value=module.key>{module.title}</option> }).collect_view()}
                    </select>
                </label>
                <label>"Status"
                    <select name="record[status]">
                        {TrainingStatus::ALL.into_iter().map(|status| view! { <option value=status.as_str()>{status.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label>"Completed on" <input type="date" name="record[completed_on]" /></label>
            </div>
            <button type="submit" class="button button-small">"Record"</button>
        </ActionForm>
    }
}

#[component]
fn ImportForm(import: ServerAction<ImportTraining>) -> impl IntoView {
    let result = move || import.value().get().and_then(Result::ok);
    view! {
        <h2>"Import statuses (CSV)"</h2>
        <p class="muted">"Columns: " <code>"email,module,status,completed_on"</code> " — status is not_started, in_progress or completed (with its date, YYYY-MM-DD). All or nothing: with any bad line nothing is written and every bad line is listed with its number. Also on the command line: " <code>"async-pilot import training FILE"</code> "."</p>
        <ActionForm action=import attr:aria-label="Import training statuses">
            <textarea name="csv" rows="6" required aria-label="CSV" placeholder="email,module,status,completed_on"></textarea>
            <label>"What to do "
                <select name="dry_run" aria-label="What to do">
                    <option value="false">"Import"</option>
                    <option value="true">"Only check"</option>
                </select>
            </label>
            <button type="submit" class="button button-small">"Go"</button>
        </ActionForm>
        <ActionError action=import />
        {move || result().map(|result| {
            if result.errors.is_empty() {
                view! {
                    <p class="callout callout-ok" role="status" data-testid="training-import-result">
                        {if result.written { format!("Imported {} statuses.", result.rows) } else { format!("{} good lines; nothing written.", result.rows) }}
                    </p>
                }.into_any()
            } else {
                view! {
                    <div class="callout" role="alert" data-testid="training-import-errors">
                        <p>"Nothing was imported:"</p>
                        <ul>{result.errors.into_iter().map(|error| view! { <li>{error.to_string()}</li> }).collect_view()}</ul>
                    </div>
                }.into_any()
            }
        })}
    }
}
