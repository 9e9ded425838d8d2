//! The schema as the databases themselves describe it: tables, columns, foreign keys, the
//! migrations applied, and the order to copy tables in.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Context;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, Value};

use super::{cells::Kind, MIGRATIONS_TABLE};

/// Tables so that every table comes after the tables it refers to (self-references aside);
/// ties in name order, so the order is the same on every run. A cycle is an error.
pub(super) fn dependency_order(
    tables: &BTreeSet<String>,
    refers_to: &BTreeMap<String, BTreeSet<String>>,
) -> Result<Vec<String>, String> {
    let mut done: Vec<String> = Vec::new();
    let mut left: BTreeSet<&String> = tables.iter().collect();
    while !left.is_empty() {
        let ready: Vec<&String> = left
            .iter()
            .copied()
            .filter(|table| {
                refers_to.get(*table).is_none_or(|parents| {
                    parents
                        .iter()
                        .all(|parent| parent == *table || !left.contains(parent))
                })
            })
            .collect();
        if ready.is_empty() {
            let stuck: Vec<&str> = left.iter().map(|table| table.as_str()).collect();
            return Err(format!(
                "the foreign keys of these tables form a cycle: {}",
                stuck.join(", ")
            ));
        }
        for table in ready {
            left.remove(table);
            done.push(table.clone());
        }
    }
    Ok(done)
}

pub(super) fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

pub(super) async fn strings(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<Value>,
) -> anyhow::Result<Vec<Vec<String>>> {
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            sql,
            values,
        ))
        .await
        .with_context(|| format!("reading the schema: {sql}"))?;
    rows.iter()
        .map(|row| {
            (0..row.column_names().len())
                .map(|index| row.try_get_by_index::<String>(index))
                .collect::<Result<Vec<_>, _>>()
                .map_err(Into::into)
        })
        .collect()
}

/// The application's tables (not the migrations' bookkeeping, nor SQLite's own).
pub async fn tables(db: &impl ConnectionTrait) -> anyhow::Result<BTreeSet<String>> {
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        }
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    };
    Ok(strings(db, sql, vec![])
        .await?
        .into_iter()
        .filter_map(|row| row.into_iter().next())
        .filter(|name| name != MIGRATIONS_TABLE)
        .collect())
}

/// A table's columns, in the database's order, with what they hold.
pub(super) async fn columns(
    db: &impl ConnectionTrait,
    table: &str,
) -> anyhow::Result<Vec<(String, Kind)>> {
    let (sql, parse): (&str, fn(&str) -> Option<Kind>) = match db.get_database_backend() {
        DbBackend::Postgres => (
            "SELECT column_name::text, data_type::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
            Kind::of_postgres,
        ),
        _ => (
            "SELECT name, type FROM pragma_table_info(?) ORDER BY cid",
            Kind::of_sqlite,
        ),
    };
    strings(db, sql, vec![table.into()])
        .await?
        .into_iter()
        .map(|row| {
            let (name, declared) = (row[0].clone(), row[1].clone());
            let kind = parse(&declared)
                .with_context(|| format!("{table}.{name}: unknown column type '{declared}'"))?;
            Ok((name, kind))
        })
        .collect()
}

/// Which tables each table refers to through a foreign key.
pub(super) async fn foreign_keys(
    db: &impl ConnectionTrait,
    tables: &BTreeSet<String>,
) -> anyhow::Result<BTreeMap<String, BTreeSet<String>>> {
    let mut refers_to: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let sql = "SELECT child.relname::text, parent.relname::text FROM pg_constraint c \
                       JOIN pg_class child ON child.oid = c.conrelid \
                       JOIN pg_class parent ON parent.oid = c.confrelid \
                       JOIN pg_namespace n ON n.oid = child.relnamespace \
                       WHERE c.contype = 'f' AND n.nspname = current_schema()";
            for row in strings(db, sql, vec![]).await? {
                refers_to
                    .entry(row[0].clone())
                    .or_default()
                    .insert(row[1].clone());
            }
        }
        _ => {
            for table in tables {
                let sql = "SELECT \"table\" FROM pragma_foreign_key_list(?)";
                for row in strings(db, sql, vec![table.as_str().into()]).await? {
                    refers_to
                        .entry(table.clone())
                        .or_default()
                        .insert(row[0].clone());
                }
            }
        }
    }
    Ok(refers_to)
}

pub(super) async fn applied_migrations(db: &DatabaseConnection) -> anyhow::Result<Vec<String>> {
    Ok(Migrator::get_applied_migrations(db)
        .await
        .context("reading the applied migrations")?
        .iter()
        .map(|migration| migration.name().to_string())
        .collect())
}
