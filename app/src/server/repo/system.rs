//! What the database itself can tell about the instance.

use sea_orm::{ConnectionTrait, DbBackend, DbErr, EntityTrait, PaginatorTrait, Statement};

use crate::server::entities::person;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseInfo {
    pub backend: &'static str,
    pub applied_migrations: i64,
    pub people: i64,
}

pub async fn database_info(db: &impl ConnectionTrait) -> Result<DatabaseInfo, DbErr> {
    let backend = db.get_database_backend();
    let applied_migrations = db
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT COUNT(*) AS applied FROM seaql_migrations",
        ))
        .await?
        .map(|row| row.try_get::<i64>("", "applied"))
        .transpose()?
        .unwrap_or(0);
    let people = person::Entity::find().count(db).await?;
    Ok(DatabaseInfo {
        backend: backend_name(backend),
        applied_migrations,
        people: i64::try_from(people).unwrap_or(i64::MAX),
    })
}

fn backend_name(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Sqlite => "SQLite",
        DbBackend::Postgres => "PostgreSQL",
        DbBackend::MySql => "MySQL",
        // The enum is non-exhaustive across sea-orm versions.
        #[allow(unreachable_patterns)]
        _ => "other",
    }
}
