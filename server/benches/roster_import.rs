//! Benchmark: importing a 50,000-line roster into a fresh SQLite file, then re-importing it.
//! Writes its figures to `$CARGO_TARGET_DIR/bench-results/roster_import.txt` (or `target/…`).
//!   cargo bench -p async-pilot --bench roster_import

use std::{fmt::Write, time::Instant};

use app::server::{
    db,
    repo::audit::Actor,
    services::{people, roster},
};
use migrations::{Migrator, MigratorTrait};

const LINES: usize = 50_000;

fn roster_csv() -> String {
    let mut csv =
        String::from("email,name,team,department,manager_email,role,timezone,working_pattern\n");
    for i in 0..LINES {
        let manager = if i % 10 == 0 {
            String::new()
        } else {
            format!("p{}@example.org", i / 10 * 10)
        };
        let _ = writeln!(
            csv,
            "p{i}@example.org,Person {i},Team {},Department {},{manager},,Europe/Berlin,full_time",
            i / 10,
            i / 1000
        );
    }
    csv
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let folder = tempfile::tempdir()?;
    let url = format!("sqlite://{}/bench.db?mode=rwc", folder.path().display());
    let db = db::connect(&url).await?;
    Migrator::up(&db, None).await?;
    let now = chrono::Utc::now();
    people::create_admin(
        &db,
        "hr@example.org",
        "HR",
        "correct horse battery staple",
        now,
    )
    .await
    .map_err(|error| anyhow::anyhow!("{error}"))?;
    let csv = roster_csv();

    let started = Instant::now();
    let first = roster::import(&db, &csv, Actor::System, now)
        .await
        .map_err(|error| anyhow::anyhow!("{error}"))?
        .map_err(|rejected| anyhow::anyhow!("refused: {:?}", rejected.errors.first()))?;
    let import = started.elapsed();

    let started = Instant::now();
    let second = roster::import(&db, &csv, Actor::System, now)
        .await
        .map_err(|error| anyhow::anyhow!("{error}"))?
        .map_err(|rejected| anyhow::anyhow!("refused: {:?}", rejected.errors.first()))?;
    let reimport = started.elapsed();

    let report = format!(
        "roster import, {LINES} lines, SQLite file, release build\n\
         first import: {:.2} s ({})\n\
         re-import:    {:.2} s ({})\n",
        import.as_secs_f64(),
        first.summary(),
        reimport.as_secs_f64(),
        second.summary()
    );
    print!("{report}");
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let folder = std::path::Path::new(&target).join("bench-results");
    std::fs::create_dir_all(&folder)?;
    std::fs::write(folder.join("roster_import.txt"), report)?;
    Ok(())
}
