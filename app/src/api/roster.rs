//! Admin: roster import (preview first, then all or nothing) and export.

use leptos::prelude::*;

use crate::{domain::roster::RosterPreview, error::AppError};

/// What importing `csv` would change, and every bad line; writes nothing.
#[server(prefix = "/fn", endpoint = "preview_roster")]
pub async fn preview_roster(csv: String) -> Result<RosterPreview, AppError> {
    use crate::server::{context, roster, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            context::admin().await?;
            roster::preview(&state.db, &csv).await
        }
        .await,
    )
}

/// Imports `csv` if it has no bad lines; otherwise writes nothing and returns the problems
/// (as the preview's `errors`).
#[server(prefix = "/fn", endpoint = "import_roster")]
pub async fn import_roster(csv: String) -> Result<RosterPreview, AppError> {
    use crate::server::{context, repo::audit::Actor, roster, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            let admin = context::admin().await?;
            admin.require_write()?;
            let outcome =
                roster::import(&state.db, &csv, Actor::Caller(&admin), chrono::Utc::now()).await?;
            Ok(outcome.unwrap_or_else(|rejected| rejected))
        }
        .await,
    )
}
