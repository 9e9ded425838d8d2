//! Logging through `tracing`, configured from one option. Logs go to standard error, so what a
//! command prints (`export roster > roster.csv`) stays clean.

use std::io::IsTerminal;

use anyhow::Context;
use tracing_subscriber::EnvFilter;

/// `level` is either a bare level, which keeps noisy dependencies at `warn`, or full directives.
pub fn init(level: &str) -> anyhow::Result<()> {
    let directives = if level.contains('=') || level.contains(',') {
        level.to_string()
    } else {
        format!("{level},sqlx=warn,sea_orm=warn,sea_orm_migration=warn,hyper=warn,tower_http=warn")
    };
    let filter = EnvFilter::try_new(&directives)
        .with_context(|| format!("'{level}' is not a valid log level or filter"))?;
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init()
        .map_err(|error| anyhow::anyhow!("logging was already set up: {error}"))
}
