//! `async-pilot copy --from URL --to URL`: every table from one database into an empty, migrated
//! one (SQLite to PostgreSQL and back), in dependency order and in one transaction on the target,
//! then each table's row count and checksum read back from the target and compared.
//!
//! The copy is generic over the schema (it reads the tables, columns and foreign keys from the
//! databases themselves), so a new migration needs no change here.

mod cells;
mod schema;

use anyhow::{bail, Context};
use sea_orm::{
    AccessMode, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend,
    IsolationLevel, Statement, TransactionTrait,
};

use cells::{checksum, insert_rows, read_rows};
pub use schema::tables;
use schema::{applied_migrations, columns, dependency_order, foreign_keys, quote, strings};

/// The migrations' own bookkeeping: the target's migrator writes it, so it is compared, not
/// copied.
const MIGRATIONS_TABLE: &str = "seaql_migrations";

pub struct TableReport {
    pub table: String,
    pub source_rows: usize,
    pub target_rows: usize,
    pub source_checksum: String,
    pub target_checksum: String,
}

impl TableReport {
    pub fn matches(&self) -> bool {
        self.source_rows == self.target_rows && self.source_checksum == self.target_checksum
    }
}

/// PostgreSQL hands out ids from sequences that know nothing of the copied rows: move each past
/// the largest id copied, or the next insert would collide with one.
async fn reset_sequences(db: &DatabaseTransaction) -> anyhow::Result<()> {
    if db.get_database_backend() != DbBackend::Postgres {
        // SQLite's AUTOINCREMENT already follows the largest id inserted.
        return Ok(());
    }
    let sql = "SELECT table_name::text, column_name::text FROM information_schema.columns \
               WHERE table_schema = current_schema() \
               AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')";
    for row in strings(db, sql, vec![]).await? {
        let (table, column) = (&row[0], &row[1]);
        let reset = format!(
            "SELECT setval(pg_get_serial_sequence($1, $2), \
             COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)",
            column = quote(column),
            table = quote(table),
        );
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            reset,
            vec![quote(table).into(), column.as_str().into()],
        ))
        .await
        .with_context(|| format!("moving the id sequence of {table} past the copied rows"))?;
    }
    Ok(())
}

/// Copies every table of `from` into `to`, which must be migrated to the same version and hold
/// no rows. All or nothing: any error, or any table whose count or checksum read back from the
/// target differs from the source's, rolls the target back.
pub async fn copy(
    from: &DatabaseConnection,
    to: &DatabaseConnection,
) -> anyhow::Result<Vec<TableReport>> {
    let (source_migrations, target_migrations) = (
        applied_migrations(from).await?,
        applied_migrations(to).await?,
    );
    if source_migrations != target_migrations {
        bail!(
            "the source has {} migrations applied and the target {}: run `async-pilot migrate` \
             on the source with this version first",
            source_migrations.len(),
            target_migrations.len()
        );
    }
    let source_tables = tables(from).await?;
    let target_tables = tables(to).await?;
    if source_tables != target_tables {
        let differ: Vec<&String> = source_tables.symmetric_difference(&target_tables).collect();
        bail!("the source and the target have different tables: {differ:?}");
    }
    let mut not_empty = Vec::new();
    for table in &target_tables {
        let sql = format!("SELECT COUNT(*) FROM {}", quote(table));
        let row = to
            .query_one_raw(Statement::from_string(to.get_database_backend(), sql))
            .await?
            .context("counting rows")?;
        let count: i64 = row.try_get_by_index(0)?;
        if count > 0 {
            not_empty.push(format!("{table} ({count} rows)"));
        }
    }
    if !not_empty.is_empty() {
        bail!(
            "the target is not empty: {}. Copy into a new, empty database",
            not_empty.join(", ")
        );
    }
    // Columns as the PostgreSQL side names them (it distinguishes 32- from 64-bit integers).
    let schema_side = if from.get_database_backend() == DbBackend::Postgres {
        from
    } else {
        to
    };
    let order = dependency_order(&target_tables, &foreign_keys(to, &target_tables).await?)
        .map_err(|error| anyhow::anyhow!(error))?;

    // One snapshot of the source for every table, so rows written meanwhile cannot leave a copy
    // whose tables disagree (SQLite in WAL mode: a read transaction; PostgreSQL: repeatable read).
    let snapshot = if from.get_database_backend() == DbBackend::Postgres {
        from.begin_with_config(
            Some(IsolationLevel::RepeatableRead),
            Some(AccessMode::ReadOnly),
        )
        .await
    } else {
        from.begin().await
    }
    .context("starting a read transaction on the source")?;
    let transaction = to
        .begin()
        .await
        .context("starting the target transaction")?;
    if to.get_database_backend() == DbBackend::Sqlite {
        // Rows of a table that refers to itself may arrive before the rows they name.
        transaction
            .execute_unprepared("PRAGMA defer_foreign_keys = ON")
            .await?;
    }
    let mut reports = Vec::new();
    for table in &order {
        let table_columns = columns(schema_side, table).await?;
        let rows = read_rows(&snapshot, table, &table_columns).await?;
        let source_rows = rows.len();
        let source_checksum = checksum(&rows);
        insert_rows(&transaction, table, &table_columns, rows).await?;
        let copied = read_rows(&transaction, table, &table_columns).await?;
        reports.push(TableReport {
            table: table.clone(),
            source_rows,
            target_rows: copied.len(),
            source_checksum,
            target_checksum: checksum(&copied),
        });
    }
    reset_sequences(&transaction).await?;
    if let Some(bad) = reports.iter().find(|report| !report.matches()) {
        transaction.rollback().await?;
        bail!(
            "{}: {} rows ({}) in the source but {} rows ({}) in the target; nothing was copied",
            bad.table,
            bad.source_rows,
            bad.source_checksum,
            bad.target_rows,
            bad.target_checksum
        );
    }
    transaction.commit().await.context("committing the copy")?;
    snapshot.rollback().await?;
    Ok(reports)
}

/// The report as the command prints it.
pub fn render(reports: &[TableReport]) -> String {
    let width = reports
        .iter()
        .map(|report| report.table.len())
        .max()
        .unwrap_or(5)
        .max(5);
    let mut out = format!(
        "{:<width$}  {:>8}  {:>8}  {:<16}  {:<16}  same\n",
        "table", "source", "target", "source checksum", "target checksum"
    );
    for report in reports {
        out.push_str(&format!(
            "{:<width$}  {:>8}  {:>8}  {:<16}  {:<16}  {}\n",
            report.table,
            report.source_rows,
            report.target_rows,
            report.source_checksum,
            report.target_checksum,
            if report.matches() { "yes" } else { "NO" }
        ));
    }
    let rows: usize = reports.iter().map(|report| report.target_rows).sum();
    out.push_str(&format!(
        "copied {} tables, {rows} rows; every count and checksum matches\n",
        reports.len()
    ));
    out
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use chrono::DateTime;

    use super::{
        cells::{checksum, Cell, Kind},
        schema::dependency_order,
    };

    fn set(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|name| name.to_string()).collect()
    }

    #[test]
    fn tables_come_after_the_tables_they_refer_to() {
        let tables = set(&["entries", "people", "pilots", "teams"]);
        let refers_to = BTreeMap::from([
            ("entries".to_string(), set(&["people", "pilots"])),
            ("teams".to_string(), set(&["people"])),
            ("people".to_string(), set(&["people"])),
        ]);
        let order = dependency_order(&tables, &refers_to).expect("no cycle");
        let position = |name: &str| order.iter().position(|table| table == name);
        assert!(position("people") < position("entries"));
        assert!(position("pilots") < position("entries"));
        assert!(position("people") < position("teams"));
        assert_eq!(order.len(), 4);
    }

    #[test]
    fn a_cycle_between_tables_is_named() {
        let tables = set(&["a", "b"]);
        let refers_to = BTreeMap::from([
            ("a".to_string(), set(&["b"])),
            ("b".to_string(), set(&["a"])),
        ]);
        let error = dependency_order(&tables, &refers_to).expect_err("cycle");
        assert!(error.contains("a, b"), "{error}");
    }

    #[test]
    fn the_checksum_ignores_row_order_but_not_values_or_nanoseconds_beyond_micros() {
        let at = |nanos: u32| DateTime::from_timestamp(1_800_000_000, nanos).expect("time");
        let row = |id: i64, text: &str, nanos: u32| {
            vec![
                Cell::BigInt(Some(id)),
                Cell::Text(Some(text.to_string())),
                Cell::Timestamp(Some(at(nanos))),
            ]
        };
        let one = checksum(&[row(1, "a", 1_000), row(2, "b", 0)]);
        assert_eq!(one, checksum(&[row(2, "b", 0), row(1, "a", 1_999)]));
        assert_ne!(one, checksum(&[row(1, "b", 1_000), row(2, "a", 0)]));
        assert_ne!(one, checksum(&[row(1, "a", 2_000), row(2, "b", 0)]));
        // A null and an empty text differ.
        assert_ne!(
            checksum(&[vec![Cell::Text(None)]]),
            checksum(&[vec![Cell::Text(Some(String::new()))]])
        );
    }

    #[test]
    fn column_types_are_read_from_both_databases() {
        assert_eq!(
            Kind::of_sqlite("timestamp_with_timezone_text"),
            Some(Kind::Timestamp)
        );
        assert_eq!(Kind::of_sqlite("bigint"), Some(Kind::BigInt));
        assert_eq!(Kind::of_sqlite("varchar"), Some(Kind::Text));
        assert_eq!(Kind::of_sqlite("boolean"), Some(Kind::Bool));
        assert_eq!(Kind::of_sqlite("date"), Some(Kind::Date));
        assert_eq!(Kind::of_postgres("integer"), Some(Kind::Int));
        assert_eq!(Kind::of_postgres("bytea"), None);
    }
}
