//! Facts about the running instance, for admins.

use sea_orm::ConnectionTrait;

use crate::{
    domain::access::Action,
    error::AppError,
    server::repo::{self, audit::Actor},
    wire::system::InstanceStatus,
};

/// Counts only, but about the whole organisation.
pub async fn status(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
) -> Result<InstanceStatus, AppError> {
    super::authorize(&actor, Action::ReadInstance)?;
    let info = repo::system::database_info(db).await?;
    Ok(InstanceStatus {
        version: env!("CARGO_PKG_VERSION").to_string(),
        database: info.backend.to_string(),
        schema_migrations: info.applied_migrations,
        people: info.people,
    })
}
