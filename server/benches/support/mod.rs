//! What the benchmarks share: the kind of build, a throwaway PostgreSQL database, an
//! organisation from a roster, and the results file.

#![allow(dead_code)] // each benchmark uses its own part

use app::server::{db, repo::audit::Actor, services};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

pub fn build() -> &'static str {
    if cfg!(debug_assertions) {
        "debug build"
    } else {
        "release build"
    }
}

/// Runs `measure` on a fresh database on the PostgreSQL server named by `variable` (such as
/// `postgres://postgres@127.0.0.1:5432`) and drops it afterwards; None when it is not set.
pub async fn on_postgres(
    variable: &str,
    prefix: &str,
    measure: impl AsyncFnOnce(&DatabaseConnection) -> anyhow::Result<String>,
) -> anyhow::Result<Option<String>> {
    let Some(server) = std::env::var(variable).ok().filter(|url| !url.is_empty()) else {
        return Ok(None);
    };
    let server = server.trim_end_matches('/');
    let name = format!("{prefix}_{}", std::process::id());
    let admin = db::connect(&format!("{server}/postgres")).await?;
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await?;
    let postgres = db::connect(&format!("{server}/{name}")).await?;
    let measured = measure(&postgres).await;
    postgres.close().await?;
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .await?;
    measured.map(Some)
}

/// An admin (a roster import never leaves the organisation without one), then the roster.
pub async fn organisation(
    db: &DatabaseConnection,
    roster_csv: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let fail = |error: app::error::AppError| anyhow::anyhow!("{error}");
    services::people::create_admin(
        db,
        "hr@example.org",
        "HR",
        "correct horse battery staple",
        now,
    )
    .await
    .map_err(fail)?;
    services::roster::import(db, roster_csv, Actor::System, now)
        .await
        .map_err(fail)?
        .map_err(|rejected| anyhow::anyhow!("roster refused: {:?}", rejected.errors.first()))?;
    Ok(())
}

/// Writes `report` to `$CARGO_TARGET_DIR/bench-results/<file>` (or `target/…`).
pub fn write_results(file: &str, report: &str) -> anyhow::Result<()> {
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let folder = std::path::Path::new(&target).join("bench-results");
    std::fs::create_dir_all(&folder)?;
    std::fs::write(folder.join(file), report)?;
    Ok(())
}

/// The usual run: `measure` on a SQLite file, then on PostgreSQL when
/// `ASYNC_PILOT_BENCH_POSTGRES` is set; prints as it goes and writes the results file.
pub async fn on_both(
    title: &str,
    prefix: &str,
    file: &str,
    measure: impl AsyncFn(&str, &DatabaseConnection) -> anyhow::Result<String>,
) -> anyhow::Result<()> {
    let mut report = format!("{title}, {}\n", build());
    let folder = tempfile::tempdir()?;
    let sqlite = db::connect(&format!(
        "sqlite://{}/bench.db?mode=rwc",
        folder.path().display()
    ))
    .await?;
    let measured = measure("SQLite file", &sqlite).await?;
    print!("{measured}");
    report.push_str(&measured);
    match on_postgres("ASYNC_PILOT_BENCH_POSTGRES", prefix, async |db| {
        measure("PostgreSQL", db).await
    })
    .await?
    {
        Some(measured) => {
            print!("{measured}");
            report.push_str(&measured);
        }
        None => report.push_str("PostgreSQL: not measured (set ASYNC_PILOT_BENCH_POSTGRES)\n"),
    }
    write_results(file, &report)
}
