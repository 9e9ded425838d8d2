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

/// Every pooled connection, not only the first, carries the settings: several transactions
/// held at once each have their own connection, and each reads them back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_pooled_sqlite_connection_has_the_durability_settings() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};

    let folder = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/ap.db?mode=rwc", folder.path().display());
    let connection = app::server::db::connect_with(&url, 4).await.expect("open");
    let mut held = Vec::new();
    for _ in 0..4 {
        held.push(connection.begin().await.expect("a pooled connection"));
    }
    let mut seen = Vec::new();
    for transaction in &held {
        let row = transaction
            .query_one_raw(Statement::from_string(
                DbBackend::Sqlite,
                "SELECT (SELECT journal_mode FROM pragma_journal_mode), \
                        (SELECT synchronous FROM pragma_synchronous), \
                        (SELECT foreign_keys FROM pragma_foreign_keys), \
                        (SELECT timeout FROM pragma_busy_timeout)",
            ))
            .await
            .expect("pragmas")
            .expect("a row");
        let journal: String = row.try_get_by_index(0).expect("journal_mode");
        let synchronous: i64 = row.try_get_by_index(1).expect("synchronous");
        let foreign_keys: i64 = row.try_get_by_index(2).expect("foreign_keys");
        let busy_timeout: i64 = row.try_get_by_index(3).expect("busy_timeout");
        seen.push((
            journal.to_lowercase(),
            synchronous,
            foreign_keys,
            busy_timeout,
        ));
    }
    let expected = (
        "wal".to_string(),
        2, // FULL
        1,
        app::server::db::SQLITE_BUSY_TIMEOUT.as_millis() as i64,
    );
    assert_eq!(seen, vec![expected; 4]);
    for transaction in held {
        transaction.rollback().await.expect("rollback");
    }
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
