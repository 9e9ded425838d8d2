//! Pilots: admins set them up and move them on; executives read them; counts only, never people.

use leptos::prelude::*;

use crate::{
    domain::{
        enrollment::{PilotDetail, PilotSummary},
        pilot::ProtocolInput,
    },
    error::AppError,
};

#[server(prefix = "/fn", endpoint = "list_pilots")]
pub async fn list_pilots() -> Result<Vec<PilotSummary>, AppError> {
    use crate::{
        domain::account::Role,
        server::{context, pilots, state::app_state},
    };
    context::respond(
        async {
            let state = app_state()?;
            context::with_role(&[Role::Admin, Role::Executive]).await?;
            pilots::list(&state.db).await
        }
        .await,
    )
}

#[server(prefix = "/fn", endpoint = "get_pilot")]
pub async fn get_pilot(id: i64) -> Result<PilotDetail, AppError> {
    use crate::{
        domain::account::Role,
        server::{context, pilots, state::app_state},
    };
    context::respond(
        async {
            let state = app_state()?;
            context::with_role(&[Role::Admin, Role::Executive]).await?;
            pilots::detail(&state.db, id).await
        }
        .await,
    )
}

#[server(prefix = "/fn", endpoint = "create_pilot")]
pub async fn create_pilot(protocol: ProtocolInput) -> Result<i64, AppError> {
    use crate::server::{context, pilots, repo::audit::Actor, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            let admin = context::admin().await?;
            admin.require_write()?;
            let id = pilots::create(
                &state.db,
                Actor::Caller(&admin),
                &protocol,
                chrono::Utc::now(),
            )
            .await?;
            leptos_axum::redirect(&format!("/admin/pilots/{id}"));
            Ok(id)
        }
        .await,
    )
}

/// After the baseline started the protocol is locked: `reason` is then required and audited.
#[server(prefix = "/fn", endpoint = "update_protocol")]
pub async fn update_protocol(
    id: i64,
    protocol: ProtocolInput,
    reason: String,
) -> Result<(), AppError> {
    use crate::server::{context, pilots, repo::audit::Actor, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            let admin = context::admin().await?;
            admin.require_write()?;
            pilots::update_protocol(
                &state.db,
                Actor::Caller(&admin),
                id,
                &protocol,
                &reason,
                chrono::Utc::now(),
            )
            .await
        }
        .await,
    )
}

/// Adds a team; returns its enrollment link (shown once).
#[server(prefix = "/fn", endpoint = "add_pilot_team")]
pub async fn add_pilot_team(
    pilot_id: i64,
    team_id: i64,
    arm: String,
    volunteered: Option<String>,
) -> Result<String, AppError> {
    use crate::{
        domain::enrollment::Arm,
        server::{context, pilots, repo::audit::Actor, state::app_state},
    };
    context::respond(
        async {
            let state = app_state()?;
            let admin = context::admin().await?;
            admin.require_write()?;
            let arm = Arm::parse(&arm).ok_or_else(|| {
                AppError::validation("arm", format!("'{arm}' is not pilot or comparison"))
            })?;
            let volunteered = volunteered.is_some_and(|value| value == "on" || value == "true");
            let token = pilots::add_team(
                &state.db,
                Actor::Caller(&admin),
                pilot_id,
                team_id,
                arm,
                volunteered,
                chrono::Utc::now(),
            )
            .await?;
            Ok(context::absolute_url(&format!("/join/{token}")))
        }
        .await,
    )
}

#[server(prefix = "/fn", endpoint = "renew_pilot_team_link")]
pub async fn renew_pilot_team_link(pilot_team_id: i64) -> Result<String, AppError> {
    use crate::server::{context, pilots, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            let admin = context::admin().await?;
            admin.require_write()?;
            let token = pilots::renew_link(&state.db, pilot_team_id).await?;
            Ok(context::absolute_url(&format!("/join/{token}")))
        }
        .await,
    )
}

#[server(prefix = "/fn", endpoint = "remove_pilot_team")]
pub async fn remove_pilot_team(pilot_team_id: i64) -> Result<(), AppError> {
    use crate::server::{context, pilots, repo::audit::Actor, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            let admin = context::admin().await?;
            admin.require_write()?;
            pilots::remove_team(
                &state.db,
                Actor::Caller(&admin),
                pilot_team_id,
                chrono::Utc::now(),
            )
            .await
        }
        .await,
    )
}

/// Moves the pilot to `stage` (the next one); `decision` is needed to move to "decided".
#[server(prefix = "/fn", endpoint = "advance_pilot")]
pub async fn advance_pilot(
    id: i64,
    stage: String,
    decision: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{context, pilots, repo::audit::Actor, state::app_state};
    context::respond(
        async {
            let state = app_state()?;
            let admin = context::admin().await?;
            admin.require_write()?;
            let now = chrono::Utc::now();
            pilots::advance(
                &state.db,
                Actor::Caller(&admin),
                id,
                &stage,
                decision.as_deref(),
                now.date_naive(),
                now,
            )
            .await
        }
        .await,
    )
}
