//! The one way a use case writes: everything inside `write` commits together or not at all.

use sea_orm::{DatabaseConnection, DatabaseTransaction, TransactionTrait};

use crate::error::AppError;

/// Runs `work` in a transaction and commits it when `work` succeeds; an error (or a panic)
/// drops the transaction, which rolls it back. Services call this once per use case, with the
/// access check and input parsing done before it, and the audit entry written inside it.
pub async fn write<T>(
    db: &DatabaseConnection,
    work: impl AsyncFnOnce(&DatabaseTransaction) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let transaction = db.begin().await?;
    let value = work(&transaction).await?;
    transaction.commit().await?;
    Ok(value)
}
