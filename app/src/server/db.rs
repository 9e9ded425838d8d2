//! Opening the database: SQLite by default, PostgreSQL when the URL says so.

use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

/// How long SQLite waits for a competing writer before giving up with "database is locked".
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Self::Postgres)
        } else {
            None
        }
    }
}

/// True for SQLite URLs that name no file: each connection would see its own empty database.
pub fn is_sqlite_memory(url: &str) -> bool {
    url.contains(":memory:") || url.contains("mode=memory")
}

/// The file a SQLite URL points at, if it points at one.
pub fn sqlite_file_path(url: &str) -> Option<&str> {
    if Backend::of_url(url) != Some(Backend::Sqlite) || is_sqlite_memory(url) {
        return None;
    }
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty()).then_some(path)
}

/// Connections the server keeps to a SQLite file. In WAL mode readers work side by side and
/// never wait for the writer, so a long report or search does not hold up check-ins or the
/// health check. Writes go through `tx::write`, whose transactions take the write lock when they
/// begin (`BEGIN IMMEDIATE`): a second writer waits up to the busy timeout instead of failing on
/// a stale read snapshot.
pub const SQLITE_POOL_SIZE: u32 = 4;

pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with(url, SQLITE_POOL_SIZE).await
}

/// `connect` with another pool size for SQLite files (tests read the settings back from
/// several connections at once); every connection gets the same settings.
pub async fn connect_with(url: &str, sqlite_pool_size: u32) -> Result<DatabaseConnection, DbErr> {
    let backend = Backend::of_url(url).ok_or_else(|| {
        DbErr::Custom(format!(
            "unsupported database URL '{}': use sqlite://PATH or postgres://…",
            redact(url)
        ))
    })?;
    let mut options = ConnectOptions::new(url);
    options
        .sqlx_logging(true)
        .sqlx_logging_level(tracing::log::LevelFilter::Debug)
        .acquire_timeout(Duration::from_secs(10));
    if backend == Backend::Sqlite {
        let in_memory = is_sqlite_memory(url);
        options.map_sqlx_sqlite_opts(move |sqlite| {
            let sqlite = sqlite
                .create_if_missing(true)
                .foreign_keys(true)
                .busy_timeout(SQLITE_BUSY_TIMEOUT)
                // Case-insensitive search beyond ASCII (see `repo::contains_any_case`).
                .with_regexp();
            if in_memory {
                sqlite
            } else {
                // WAL: readers never block the writer, so a backup (VACUUM INTO) or a report
                // can run while check-ins keep arriving. FULL: each commit's WAL frames reach
                // the disk before the commit returns, so a write acknowledged with a 2xx
                // survives a power cut, not only a crash of the process (NORMAL would lose
                // the last commits on power loss). These are per connection: sqlx applies
                // them to every connection the pool opens.
                sqlite
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
            }
        });
        if in_memory {
            // One connection that never closes, or the database would vanish with it.
            options.map_sqlx_sqlite_pool_opts(|pool| {
                pool.max_connections(1)
                    .min_connections(1)
                    .idle_timeout(None)
                    .max_lifetime(None)
            });
        } else {
            options.max_connections(sqlite_pool_size);
        }
    }
    Database::connect(options).await
}

/// A database URL fit for a log line: the password replaced.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_file_paths_are_read_from_urls() {
        assert_eq!(
            sqlite_file_path("sqlite://data/a.db?mode=rwc"),
            Some("data/a.db")
        );
        assert_eq!(sqlite_file_path("sqlite:data/a.db"), Some("data/a.db"));
        assert_eq!(sqlite_file_path("sqlite::memory:"), None);
        assert_eq!(sqlite_file_path("postgres://localhost/x"), None);
    }

    #[test]
    fn passwords_never_reach_the_log() {
        assert_eq!(
            redact("postgres://ap:secret@db:5432/ap"),
            "postgres://ap:***@db:5432/ap"
        );
        assert_eq!(redact("sqlite://data/a.db"), "sqlite://data/a.db");
    }

    #[test]
    fn unknown_schemes_have_no_backend() {
        assert_eq!(Backend::of_url("mysql://x"), None);
        assert_eq!(Backend::of_url("postgresql://x"), Some(Backend::Postgres));
    }
}
