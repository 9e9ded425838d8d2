//! Admin: importing a pilot's metric entries or decisions as a background job (a dry run first,
//! then all or nothing), polled for progress.

use leptos::prelude::*;

use crate::{
    error::AppError,
    wire::entry_imports::{EntryImportJob, ImportKind},
};

/// Starts checking (`dry_run`) or importing `csv` into the pilot in the background; returns the
/// job's id.
#[server(prefix = "/fn", endpoint = "start_entry_import")]
pub async fn start_entry_import(
    pilot_id: i64,
    kind: ImportKind,
    csv: String,
    dry_run: bool,
) -> Result<i64, AppError> {
    use crate::server::{context, services::entry_imports};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        entry_imports::start(&state.db, &caller, pilot_id, kind, csv, dry_run, now).await
    })
    .await
}

/// How far an import has come, and once finished what it did or would do (or its bad lines).
#[server(prefix = "/fn", endpoint = "get_entry_import")]
pub async fn get_entry_import(pilot_id: i64, id: i64) -> Result<EntryImportJob, AppError> {
    use crate::server::{context, repo::audit::Actor, services::entry_imports};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        entry_imports::get(&state.db, Actor::Caller(&caller), pilot_id, id, now).await
    })
    .await
}
