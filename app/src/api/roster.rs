//! Admin: roster import as a background job (a dry run first, then all or nothing), polled for
//! progress.

use leptos::prelude::*;

use crate::{error::AppError, wire::roster::ImportJob};

/// Starts checking (`dry_run`) or importing `csv` in the background; returns the job's id.
/// With `deactivate_missing`, active people the file does not list are deactivated.
#[server(prefix = "/fn", endpoint = "start_roster_import")]
pub async fn start_roster_import(
    csv: String,
    dry_run: bool,
    deactivate_missing: bool,
) -> Result<i64, AppError> {
    use crate::{
        domain::roster::RosterOptions,
        server::{context, services::roster_imports},
    };
    context::serve(|state, caller| async move {
        let options = RosterOptions { deactivate_missing };
        let now = chrono::Utc::now();
        roster_imports::start(&state.db, &caller, csv, dry_run, options, now).await
    })
    .await
}

/// How far an import has come, and once finished what it did or would do (or its bad lines).
#[server(prefix = "/fn", endpoint = "get_roster_import")]
pub async fn get_roster_import(id: i64) -> Result<ImportJob, AppError> {
    use crate::server::{context, repo::audit::Actor, services::roster_imports};
    context::serve(|state, caller| async move {
        roster_imports::get(&state.db, Actor::Caller(&caller), id, chrono::Utc::now()).await
    })
    .await
}
