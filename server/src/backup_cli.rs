//! `async-pilot backup --output FILE` and `async-pilot restore FILE` for SQLite databases.
//!
//! A backup is `VACUUM INTO`: one read transaction, so the copy is consistent while the server
//! keeps serving (writers are not blocked in WAL mode), then checked by opening the copy and
//! running `PRAGMA integrity_check`. PostgreSQL has pg_dump for this.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use app::server::db::{self, Backend};
use migrations::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement,
};

use crate::copy_cli;

const USE_PG_DUMP: &str = "this is a PostgreSQL database: back it up with pg_dump \
     (e.g. `pg_dump --format=custom --file=async-pilot.dump DBNAME`) and restore with pg_restore";

/// Opens one SQLite file as it is: no WAL switch, no file created, one connection.
async fn open_file(path: &Path, read_only: bool) -> anyhow::Result<DatabaseConnection> {
    let mode = if read_only { "ro" } else { "rw" };
    let mut options = ConnectOptions::new(format!("sqlite://{}?mode={mode}", path.display()));
    options
        .max_connections(1)
        .min_connections(1)
        .sqlx_logging(false);
    Database::connect(options)
        .await
        .with_context(|| format!("cannot open {}", path.display()))
}

/// `PRAGMA integrity_check`: "ok", or the problems it lists.
pub async fn integrity_check(db: &impl ConnectionTrait) -> anyhow::Result<Vec<String>> {
    let rows = db
        .query_all_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA integrity_check",
        ))
        .await
        .context("running PRAGMA integrity_check")?;
    rows.iter()
        .map(|row| row.try_get_by_index::<String>(0).map_err(Into::into))
        .collect()
}

fn sqlite_path(url: &str) -> anyhow::Result<PathBuf> {
    match Backend::of_url(url) {
        Some(Backend::Postgres) => bail!(USE_PG_DUMP),
        Some(Backend::Sqlite) => db::sqlite_file_path(url)
            .map(PathBuf::from)
            .with_context(|| {
                format!(
                    "{} is an in-memory database: nothing to back up or restore",
                    db::redact(url)
                )
            }),
        None => bail!("unsupported database URL '{}'", db::redact(url)),
    }
}

/// Copies the live database at `url` to `output`, which must not exist yet, and checks the copy.
pub async fn backup(url: &str, output: &Path) -> anyhow::Result<String> {
    let source = sqlite_path(url)?;
    if !source.exists() {
        bail!("there is no database at {}", source.display());
    }
    if output.exists() {
        bail!(
            "{} already exists: choose a new file (a backup never overwrites one)",
            output.display()
        );
    }
    let live = open_file(&source, true).await?;
    // The busy timeout lets the copy wait out a writer's checkpoint rather than fail.
    live.execute_unprepared("PRAGMA busy_timeout = 5000")
        .await?;
    let target = output.display().to_string();
    live.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "VACUUM INTO ?",
        vec![target.into()],
    ))
    .await
    .with_context(|| format!("copying the database into {}", output.display()))?;
    live.close().await?;

    let copy = open_file(output, true).await?;
    let verdict = integrity_check(&copy).await?;
    let tables = copy_cli::tables(&copy).await?.len();
    let migrations = Migrator::get_applied_migrations(&copy).await?.len();
    copy.close().await?;
    if verdict != ["ok"] {
        bail!(
            "the copy at {} fails its integrity check: {}",
            output.display(),
            verdict.join("; ")
        );
    }
    let bytes = std::fs::metadata(output)
        .map(|meta| meta.len())
        .unwrap_or(0);
    Ok(format!(
        "backed up {} to {} ({bytes} bytes, {tables} tables, {migrations} migrations); \
         integrity check: ok",
        source.display(),
        output.display()
    ))
}

/// True when the database holds no row in any application table (a fresh, migrated one).
async fn holds_no_rows(db: &DatabaseConnection) -> anyhow::Result<bool> {
    for table in copy_cli::tables(db).await? {
        let sql = format!("SELECT EXISTS (SELECT 1 FROM \"{table}\")");
        let row = db
            .query_one_raw(Statement::from_string(DbBackend::Sqlite, sql))
            .await?
            .context("reading a table")?;
        if row.try_get_by_index::<bool>(0)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Puts the backup `file` in place of the database at `url`. Only over nothing, or over a
/// database that holds no rows and that nothing else has open (a stopped server): a restore
/// never destroys data. To replace a database with data, move its file away first.
pub async fn restore(url: &str, file: &Path) -> anyhow::Result<String> {
    let target = sqlite_path(url)?;
    let backup = open_file(file, true).await?;
    let verdict = integrity_check(&backup).await?;
    let applied = Migrator::get_applied_migrations(&backup).await?.len();
    let known = Migrator::migrations().len();
    backup.close().await?;
    if verdict != ["ok"] {
        bail!(
            "{} fails its integrity check ({}); nothing was restored",
            file.display(),
            verdict.join("; ")
        );
    }
    if applied > known {
        bail!(
            "{} comes from a newer version of Async Pilot ({applied} migrations, this one knows \
             {known}); restore it with that version",
            file.display()
        );
    }

    if target.exists() {
        let current = open_file(&target, false).await?;
        if !holds_no_rows(&current).await? {
            current.close().await?;
            bail!(
                "{} holds data: a restore only replaces an empty database. Stop the server and \
                 move that file (and its -wal and -shm files) away first if you mean to replace it",
                target.display()
            );
        }
        // Leaving WAL mode needs every other connection closed: if the server is running, the
        // mode stays "wal" and we stop here.
        let mode = current
            .query_one_raw(Statement::from_string(
                DbBackend::Sqlite,
                "PRAGMA journal_mode = DELETE",
            ))
            .await
            .ok()
            .flatten()
            .and_then(|row| row.try_get_by_index::<String>(0).ok())
            .unwrap_or_default();
        current.close().await?;
        if !mode.eq_ignore_ascii_case("delete") {
            bail!(
                "{} is in use (is the server running?): stop it, then restore",
                target.display()
            );
        }
    } else if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the folder {}", parent.display()))?;
    }

    // Copy next to the target, flush, then rename over it: a crash leaves the old or the new.
    let staging = target.with_extension("restoring");
    std::fs::copy(file, &staging)
        .with_context(|| format!("cannot copy {} to {}", file.display(), staging.display()))?;
    std::fs::File::open(&staging)
        .and_then(|copied| copied.sync_all())
        .context("flushing the restored copy to disk")?;
    for stale in ["-wal", "-shm"] {
        let mut name = target.clone().into_os_string();
        name.push(stale);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
    std::fs::rename(&staging, &target)
        .with_context(|| format!("cannot move the copy to {}", target.display()))?;
    Ok(format!(
        "restored {} into {} ({applied} migrations; pending ones apply when the server starts)",
        file.display(),
        target.display()
    ))
}

/// `async-pilot copy`: opens both ends, migrates the target, copies, reports.
pub async fn copy(from: &str, to: &str) -> anyhow::Result<String> {
    if from == to {
        bail!("--from and --to name the same database");
    }
    let source = crate::database::open(from).await?;
    if !Migrator::get_pending_migrations(&source).await?.is_empty() {
        source.close().await?;
        bail!(
            "the source {} has pending migrations: run `async-pilot migrate` on it first",
            db::redact(from)
        );
    }
    let target = crate::database::open(to).await?;
    crate::database::migrate(&target).await?;
    let outcome = copy_cli::copy(&source, &target).await;
    source.close().await?;
    target.close().await?;
    Ok(copy_cli::render(&outcome?))
}
