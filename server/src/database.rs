//! Opening and migrating the database at start-up.

use anyhow::Context;
use app::server::db;
use migrations::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;

/// Connects, creating the folder of a SQLite file first so that a fresh checkout just works.
pub async fn open(url: &str) -> anyhow::Result<DatabaseConnection> {
    if let Some(parent) =
        db::sqlite_file_path(url).and_then(|path| std::path::Path::new(path).parent())
    {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create the folder {}", parent.display()))?;
        }
    }
    let connection = db::connect(url)
        .await
        .with_context(|| format!("cannot open the database {}", db::redact(url)))?;
    tracing::info!(database = %db::redact(url), "database opened");
    Ok(connection)
}

/// Applies pending migrations; returns how many are applied in total.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<usize> {
    let pending = Migrator::get_pending_migrations(db).await?.len();
    Migrator::up(db, None)
        .await
        .context("applying migrations")?;
    let applied = Migrator::get_applied_migrations(db).await?.len();
    if pending > 0 {
        tracing::info!(pending, applied, "migrations applied");
    }
    Ok(applied)
}
