//! Cells as both databases read and write them, and a table's checksum.

use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, QueryResult, Statement, Value};
use sha2::{Digest, Sha256};

use super::schema::quote;

/// Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound parameters.
const ROWS_PER_INSERT: usize = 100;

/// What a column holds, whatever each database calls it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    BigInt,
    Int,
    Bool,
    Double,
    Text,
    Date,
    Timestamp,
    Json,
}

impl Kind {
    /// PostgreSQL's `information_schema.columns.data_type`.
    pub(super) fn of_postgres(data_type: &str) -> Option<Self> {
        Some(match data_type {
            "bigint" => Self::BigInt,
            "integer" | "smallint" => Self::Int,
            "boolean" => Self::Bool,
            "double precision" | "real" => Self::Double,
            "text" | "character varying" | "character" => Self::Text,
            "date" => Self::Date,
            "timestamp with time zone" | "timestamp without time zone" => Self::Timestamp,
            "json" | "jsonb" => Self::Json,
            _ => return None,
        })
    }

    /// SQLite's declared type, as sea-query writes it. SQLite stores any integer as 64 bits.
    pub(super) fn of_sqlite(declared: &str) -> Option<Self> {
        let declared = declared.to_ascii_lowercase();
        Some(
            if declared.contains("timestamp") || declared.contains("datetime") {
                Self::Timestamp
            } else if declared.contains("bool") {
                Self::Bool
            } else if declared.contains("int") {
                Self::BigInt
            } else if declared.contains("double") || declared.contains("real") {
                Self::Double
            } else if declared.contains("json") {
                Self::Json
            } else if declared == "date" {
                Self::Date
            } else if declared.contains("char") || declared.contains("text") || declared.is_empty()
            {
                Self::Text
            } else {
                return None;
            },
        )
    }
}

/// One value, read from either database.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    BigInt(Option<i64>),
    Int(Option<i32>),
    Bool(Option<bool>),
    Double(Option<f64>),
    Text(Option<String>),
    Date(Option<NaiveDate>),
    Timestamp(Option<DateTime<Utc>>),
    Json(Option<serde_json::Value>),
}

impl Cell {
    fn read(row: &QueryResult, index: usize, kind: Kind) -> Result<Self, sea_orm::DbErr> {
        Ok(match kind {
            Kind::BigInt => Self::BigInt(row.try_get_by_index(index)?),
            Kind::Int => Self::Int(row.try_get_by_index(index)?),
            Kind::Bool => Self::Bool(row.try_get_by_index(index)?),
            Kind::Double => Self::Double(row.try_get_by_index(index)?),
            Kind::Text => Self::Text(row.try_get_by_index(index)?),
            Kind::Date => Self::Date(row.try_get_by_index(index)?),
            Kind::Timestamp => Self::Timestamp(row.try_get_by_index(index)?),
            Kind::Json => Self::Json(row.try_get_by_index(index)?),
        })
    }

    fn into_value(self) -> Value {
        match self {
            Self::BigInt(value) => value.into(),
            Self::Int(value) => value.into(),
            Self::Bool(value) => value.into(),
            Self::Double(value) => value.into(),
            Self::Text(value) => value.into(),
            Self::Date(value) => value.into(),
            Self::Timestamp(value) => value.into(),
            Self::Json(value) => value.into(),
        }
    }

    /// An unambiguous spelling for the checksum. Timestamps count to the microsecond:
    /// PostgreSQL keeps no more, so a copy from SQLite drops the nanoseconds and nothing else.
    fn canonical(&self, out: &mut Vec<u8>) {
        fn put(out: &mut Vec<u8>, tag: u8, text: Option<String>) {
            out.push(tag);
            match text {
                None => out.push(0),
                Some(text) => {
                    out.push(1);
                    out.extend_from_slice(&(text.len() as u64).to_le_bytes());
                    out.extend_from_slice(text.as_bytes());
                }
            }
        }
        match self {
            Self::BigInt(value) => put(out, b'i', value.map(|v| v.to_string())),
            Self::Int(value) => put(out, b'i', value.map(|v| v.to_string())),
            Self::Bool(value) => put(out, b'b', value.map(|v| v.to_string())),
            Self::Double(value) => put(out, b'd', value.map(|v| format!("{:x}", v.to_bits()))),
            Self::Text(value) => put(out, b's', value.clone()),
            Self::Date(value) => put(out, b'D', value.map(|v| v.to_string())),
            Self::Timestamp(value) => {
                put(out, b't', value.map(|v| v.timestamp_micros().to_string()))
            }
            Self::Json(value) => put(out, b'j', value.as_ref().map(|v| v.to_string())),
        }
    }
}

/// A table's rows in any order give the same checksum: each row is hashed, the hashes sorted,
/// and the sorted list hashed.
pub(super) fn checksum(rows: &[Vec<Cell>]) -> String {
    let mut row_hashes: Vec<[u8; 32]> = rows
        .iter()
        .map(|row| {
            let mut bytes = Vec::new();
            for cell in row {
                cell.canonical(&mut bytes);
            }
            Sha256::digest(&bytes).into()
        })
        .collect();
    row_hashes.sort_unstable();
    let mut all = Sha256::new();
    for hash in &row_hashes {
        all.update(hash);
    }
    all.finalize()
        .iter()
        .take(8)
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Every row of `table`, its columns read as their kinds say.
pub(super) async fn read_rows(
    db: &impl ConnectionTrait,
    table: &str,
    columns: &[(String, Kind)],
) -> anyhow::Result<Vec<Vec<Cell>>> {
    let names: Vec<String> = columns.iter().map(|(name, _)| quote(name)).collect();
    let sql = format!("SELECT {} FROM {}", names.join(", "), quote(table));
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .with_context(|| format!("reading {table}"))?;
    rows.iter()
        .map(|row| {
            columns
                .iter()
                .enumerate()
                .map(|(index, (name, kind))| {
                    Cell::read(row, index, *kind).with_context(|| format!("reading {table}.{name}"))
                })
                .collect()
        })
        .collect()
}

pub(super) async fn insert_rows(
    db: &DatabaseTransaction,
    table: &str,
    columns: &[(String, Kind)],
    rows: Vec<Vec<Cell>>,
) -> anyhow::Result<()> {
    let backend = db.get_database_backend();
    let names: Vec<String> = columns.iter().map(|(name, _)| quote(name)).collect();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let mut values = Vec::new();
        let mut tuples = Vec::new();
        for row in rows.by_ref().take(ROWS_PER_INSERT) {
            let placeholders: Vec<String> = row
                .into_iter()
                .map(|cell| {
                    values.push(cell.into_value());
                    match backend {
                        DbBackend::Postgres => format!("${}", values.len()),
                        _ => "?".to_string(),
                    }
                })
                .collect();
            tuples.push(format!("({})", placeholders.join(", ")));
        }
        let sql = format!(
            "INSERT INTO {} ({}) VALUES {}",
            quote(table),
            names.join(", "),
            tuples.join(", ")
        );
        db.execute_raw(Statement::from_sql_and_values(backend, sql, values))
            .await
            .with_context(|| format!("writing {table}"))?;
    }
    Ok(())
}
