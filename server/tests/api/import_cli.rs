//! `async-pilot import entries|decisions FILE --pilot ID [--dry-run]` as an operator runs it:
//! bad lines on standard error and a failing exit, the preview on standard output.

use std::process::Command;

use app::server::entities::{decision, entry};
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::entry_imports::{consent, day};
use crate::pilots::setup;
use crate::support::{migrated, TestDb};

const BINARY: &str = env!("CARGO_BIN_EXE_async-pilot");

pub fn run(database_url: &str, args: &[&str]) -> (bool, String, String) {
    let output = Command::new(BINARY)
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("ASYNC_PILOT_LOG", "warn")
        .output()
        .expect("running the binary");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[tokio::test]
async fn import_entries_names_bad_lines_then_imports_once() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}/ap.db?mode=rwc", folder.path().display());
    let db = TestDb {
        url: url.clone(),
        connection: migrated(&url).await,
    };
    let (pilot, _, _) = setup(&db, 3).await;
    consent(&db, pilot, "ann@example.org").await;
    let pilot = pilot.to_string();
    let file = folder.path().join("metrics.csv");
    let path = file.display().to_string();
    let good = format!(
        "email,date,measure,value,qualifier\nann@example.org,{},energy,4,morning\n",
        day(0)
    );
    std::fs::write(
        &file,
        format!("{good}ann@example.org,{},energy,7,morning\n", day(1)),
    )
    .expect("writing the file");

    let (ok, _, stderr) = run(&url, &["import", "entries", &path, "--pilot", &pilot]);
    assert!(!ok, "a bad file fails");
    assert!(
        stderr.contains("line 3: energy: must be a whole number from 1 to 5"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was imported"), "{stderr}");

    std::fs::write(&file, &good).expect("writing the file");
    let (ok, stdout, stderr) = run(
        &url,
        &["import", "entries", &path, "--pilot", &pilot, "--dry-run"],
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains("dry run: 1 new"), "{stdout}");
    let stored = || async {
        entry::Entity::find()
            .count(&db.connection)
            .await
            .expect("count")
    };
    assert_eq!(stored().await, 0);

    let (ok, stdout, stderr) = run(&url, &["import", "entries", &path, "--pilot", &pilot]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("imported: 1 new"), "{stdout}");
    let (ok, stdout, _) = run(&url, &["import", "entries", &path, "--pilot", &pilot]);
    assert!(ok);
    assert!(stdout.contains("0 new, 0 changed, 1 unchanged"), "{stdout}");
    assert_eq!(stored().await, 1);

    let decisions = folder.path().join("decisions.csv");
    std::fs::write(
        &decisions,
        "team,process_type,raised_at,decided_at,documented\nPlatform,hiring,2026-03-02,,yes\n",
    )
    .expect("writing the file");
    let decisions = decisions.display().to_string();
    let (ok, stdout, stderr) = run(
        &url,
        &["import", "decisions", &decisions, "--pilot", &pilot],
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains("imported: 1 new"), "{stdout}");
    assert_eq!(
        decision::Entity::find()
            .count(&db.connection)
            .await
            .expect("count"),
        1
    );
    let (ok, _, stderr) = run(
        &url,
        &["import", "decisions", &decisions, "--pilot", "999999"],
    );
    assert!(!ok);
    assert!(stderr.contains("not found"), "{stderr}");
}
