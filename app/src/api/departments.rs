//! Departments: list (admins and executives), create, rename, deactivate (admins).

use leptos::prelude::*;

use crate::{error::AppError, wire::departments::DepartmentSummary};

/// Every department with its active teams and members.
#[server(prefix = "/fn", endpoint = "list_departments")]
pub async fn list_departments() -> Result<Vec<DepartmentSummary>, AppError> {
    use crate::server::{context, repo::audit::Actor, services::departments};
    context::serve(|state, caller| async move {
        departments::list(&state.db, Actor::Caller(&caller)).await
    })
    .await
}

/// Creates a department (without `id`) or renames one.
#[server(prefix = "/fn", endpoint = "save_department")]
pub async fn save_department(id: Option<i64>, name: String) -> Result<i64, AppError> {
    use crate::server::{context, repo::audit::Actor, services::departments};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        departments::save(&state.db, Actor::Caller(&caller), id, &name, now).await
    })
    .await
}

/// Deactivates a department without active teams, or reactivates one.
#[server(prefix = "/fn", endpoint = "set_department_active")]
pub async fn set_department_active(id: i64, active: bool) -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::departments};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        departments::set_active(&state.db, Actor::Caller(&caller), id, active, now).await
    })
    .await
}
