//! The one way a use case writes: everything inside `write` commits together or not at all.

use sea_orm::{
    DatabaseConnection, DatabaseTransaction, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};

use crate::error::AppError;

/// Runs `work` in a transaction and commits it when `work` succeeds; an error (or a panic)
/// drops the transaction, which rolls it back. Services call this once per use case, with the
/// access check and input parsing done before it, and the audit entry written inside it.
///
/// On SQLite the transaction takes the write lock when it begins (`BEGIN IMMEDIATE`): the pool
/// has several connections, and a transaction that read first would otherwise fail at its
/// first write whenever another connection committed in between (the busy timeout cannot help
/// a reader that wants to become a writer). Writers wait for each other up to the busy
/// timeout; readers never wait. PostgreSQL ignores the mode.
pub async fn write<T>(
    db: &DatabaseConnection,
    work: impl AsyncFnOnce(&DatabaseTransaction) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let transaction = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        })
        .await?;
    let value = work(&transaction).await?;
    transaction.commit().await?;
    Ok(value)
}
