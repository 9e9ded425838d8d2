//! Departments: list (admins and executives), create, rename, deactivate (admins).

use leptos::prelude::*;

use crate::{domain::org::DepartmentSummary, error::AppError};

/// Every department with its active teams and members.
#[server(prefix = "/fn", endpoint = "list_departments")]
pub async fn list_departments() -> Result<Vec<DepartmentSummary>, AppError> {
    use crate::{
        domain::account::Role,
        server::{context, org, state::app_state},
    };
    context::respond(
        async {
            let state = app_state()?;
            context::with_role(&[Role::Admin, Role::Executive]).await?;
            org::departments(&state.db).await
        }
        .await,
    )
}

/// Creates a department (without `id`) or renames one.
#[server(prefix = "/fn", endpoint = "save_department")]
pub async fn save_department(id: Option<i64>, name: String) -> Result<i64, AppError> {
    use crate::server::{context, org, repo::audit::Actor, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            let admin = context::admin().await?;
            admin.require_write()?;
            let now = chrono::Utc::now();
            org::save_department(&state.db, Actor::Caller(&admin), id, &name, now).await
        }
        .await,
    )
}

/// Deactivates a department without active teams, or reactivates one.
#[server(prefix = "/fn", endpoint = "set_department_active")]
pub async fn set_department_active(id: i64, active: bool) -> Result<(), AppError> {
    use crate::server::{context, org, repo::audit::Actor, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            let admin = context::admin().await?;
            admin.require_write()?;
            let now = chrono::Utc::now();
            org::set_department_active(&state.db, Actor::Caller(&admin), id, active, now).await
        }
        .await,
    )
}
