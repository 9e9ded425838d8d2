//! Opening and migrating databases.

use app::server::repo::system::database_info;
use migrations::{Migrator, MigratorTrait};

use crate::on_both_databases;
use crate::support::TestDb;

on_both_databases!(
    a_fresh_database_is_fully_migrated,
    migrating_twice_changes_nothing,
);

async fn a_fresh_database_is_fully_migrated(db: TestDb) {
    let info = database_info(&db.connection).await.expect("database info");
    assert_eq!(info.applied_migrations, Migrator::migrations().len() as i64);
    assert_eq!(info.people, 0);
}

async fn migrating_twice_changes_nothing(db: TestDb) {
    async_pilot::database::migrate(&db.connection)
        .await
        .expect("second migration run");
    let pending = Migrator::get_pending_migrations(&db.connection)
        .await
        .expect("pending");
    assert!(pending.is_empty());
}

/// SQLite only: these settings have no PostgreSQL counterpart.
#[tokio::test]
async fn sqlite_files_use_wal_and_foreign_keys() {
    // In-memory databases cannot use WAL, so open a real file the way the server does.
    let folder = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/nested/ap.db?mode=rwc", folder.path().display());
    let connection = async_pilot::database::open(&url)
        .await
        .expect("open creates the folder");
    let journal: String = pragma(&connection, "journal_mode").await;
    let foreign_keys: i64 = pragma(&connection, "foreign_keys").await;
    assert_eq!(journal.to_lowercase(), "wal");
    assert_eq!(foreign_keys, 1);
    assert!(folder.path().join("nested/ap.db").exists());
    connection.close().await.expect("close");
}

async fn pragma<T: sea_orm::TryGetable>(connection: &sea_orm::DatabaseConnection, name: &str) -> T {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};

    connection
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            format!("PRAGMA {name}"),
        ))
        .await
        .expect("pragma query")
        .expect("pragma row")
        .try_get_by_index(0)
        .expect("pragma value")
}
