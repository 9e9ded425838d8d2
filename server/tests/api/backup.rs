//! `async-pilot backup`, `restore` and `copy` as an operator runs them, over real database files
//! and a real PostgreSQL server: the copy goes SQLite → PostgreSQL → SQLite and sessions, API
//! tokens and new rows keep working at each stop.

use std::path::Path;
use std::process::Command;

use app::domain::account::Role;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::accounts::create_token;
use crate::entry_imports::{consent, day};
use crate::pilots::setup;
use crate::support::{
    create_postgres_database, migrated, person, postgres_server, session_cookie, TestApp, TestDb,
};

const BINARY: &str = env!("CARGO_BIN_EXE_async-pilot");

fn run(database_url: &str, args: &[&str]) -> (bool, String, String) {
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

fn sqlite_url(folder: &Path, name: &str) -> String {
    format!("sqlite://{}/{name}?mode=rwc", folder.display())
}

async fn count(db: &impl ConnectionTrait, table: &str) -> i64 {
    db.query_one_raw(Statement::from_string(
        db.get_database_backend(),
        format!("SELECT COUNT(*) FROM {table}"),
    ))
    .await
    .expect("count")
    .expect("a row")
    .try_get_by_index(0)
    .expect("a number")
}

/// A pilot with teams, people, a consent, entries, an admin with a session and an API token.
struct Filled {
    cookie: String,
    token: String,
}

async fn fill(db: &TestDb, folder: &Path) -> Filled {
    let (pilot, _, _) = setup(db, 3).await;
    consent(db, pilot, "ann@example.org").await;
    let file = folder.join("metrics.csv");
    std::fs::write(
        &file,
        format!(
            "email,date,measure,value,qualifier\n\
             ann@example.org,{},energy,4,morning\n\
             ann@example.org,{},focus_planned_hours,2.5,\n",
            day(0),
            day(1)
        ),
    )
    .expect("writing the file");
    let pilot = pilot.to_string();
    let path = file.display().to_string();
    let (ok, _, stderr) = run(&db.url, &["import", "entries", &path, "--pilot", &pilot]);
    assert!(ok, "{stderr}");
    let admin = person(db, "ops@example.org", Role::Admin, None).await;
    let cookie = session_cookie(db, admin).await;
    let app = TestApp::spawn(db).await;
    let (_, token) = create_token(&app, &cookie, "write").await;
    app.stop().await;
    Filled { cookie, token }
}

/// The session and the token still work on `db`, and a new person gets a fresh id.
async fn still_works(db: &TestDb, filled: &Filled, new_email: &str) {
    let app = TestApp::spawn(db).await;
    assert_eq!(app.get_as("/api/v1/me", &filled.cookie).await.status(), 200);
    assert_eq!(
        app.get_as("/api/v1/people", &filled.token).await.status(),
        200
    );
    let invited = app
        .client
        .post(app.url("/api/v1/people"))
        .bearer_auth(&filled.token)
        .json(&serde_json::json!({ "email": new_email, "name": "New", "role": "participant" }))
        .send()
        .await
        .expect("request");
    assert_eq!(invited.status(), 201, "ids continue past the copied ones");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copy_moves_everything_to_postgresql_and_back_and_logins_keep_working() {
    let Some(server) = postgres_server() else {
        eprintln!("skipped: no PostgreSQL server to copy to");
        return;
    };
    let folder = tempfile::tempdir().expect("temporary folder");
    let url = sqlite_url(folder.path(), "first.db");
    let sqlite = TestDb {
        url: url.clone(),
        connection: migrated(&url).await,
    };
    let filled = fill(&sqlite, folder.path()).await;
    let entries = count(&sqlite.connection, "entries").await;
    assert_eq!(entries, 2);

    let (admin, name) = create_postgres_database(&server).await;
    let pg_url = format!("{server}/{name}");
    let (ok, stdout, stderr) = run(&url, &["copy", "--from", &url, "--to", &pg_url]);
    assert!(ok, "{stdout}{stderr}");
    assert!(
        stdout.contains("every count and checksum matches"),
        "{stdout}"
    );
    assert!(stdout.contains("entries"), "{stdout}");
    assert!(!stdout.contains(" NO\n"), "{stdout}");

    let postgres = TestDb {
        url: pg_url.clone(),
        connection: migrated(&pg_url).await,
    };
    assert_eq!(count(&postgres.connection, "entries").await, entries);
    assert_eq!(
        count(&postgres.connection, "people").await,
        count(&sqlite.connection, "people").await
    );
    still_works(&postgres, &filled, "moved@example.org").await;

    let (ok, _, stderr) = run(&url, &["copy", "--from", &url, "--to", &pg_url]);
    assert!(!ok, "a second copy into a full database is refused");
    assert!(stderr.contains("the target is not empty"), "{stderr}");

    let back = sqlite_url(folder.path(), "back.db");
    let (ok, stdout, stderr) = run(&url, &["copy", "--from", &pg_url, "--to", &back]);
    assert!(ok, "{stdout}{stderr}");
    assert!(stdout.contains("every count and checksum matches"));
    let returned = TestDb {
        url: back.clone(),
        connection: migrated(&back).await,
    };
    assert_eq!(
        count(&returned.connection, "people").await,
        count(&postgres.connection, "people").await
    );
    still_works(&returned, &filled, "returned@example.org").await;

    postgres.connection.close().await.expect("closing");
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .await
        .expect("dropping the test database");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_serving_restores_only_where_it_destroys_nothing() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let url = sqlite_url(folder.path(), "live.db");
    let live = TestDb {
        url: url.clone(),
        connection: migrated(&url).await,
    };
    let filled = fill(&live, folder.path()).await;
    let app = TestApp::spawn(&live).await;

    let backup = folder.path().join("backup.db");
    let backup_path = backup.display().to_string();
    let (ok, stdout, stderr) = run(&url, &["backup", "--output", &backup_path]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("integrity check: ok"), "{stdout}");
    assert_eq!(
        app.get_as("/api/v1/me", &filled.cookie).await.status(),
        200,
        "the server kept serving"
    );
    let (ok, _, stderr) = run(&url, &["backup", "--output", &backup_path]);
    assert!(!ok, "a backup never overwrites a file");
    assert!(stderr.contains("already exists"), "{stderr}");
    let (ok, _, stderr) = run(
        "postgres://postgres@127.0.0.1:1/none",
        &["backup", "--output", "x.db"],
    );
    assert!(!ok);
    assert!(stderr.contains("pg_dump"), "{stderr}");

    let (ok, _, stderr) = run(&url, &["restore", &backup_path]);
    assert!(!ok, "a database with data is never replaced");
    assert!(stderr.contains("holds data"), "{stderr}");
    app.stop().await;

    let fresh = sqlite_url(folder.path(), "fresh/restored.db");
    let (ok, stdout, stderr) = run(&fresh, &["restore", &backup_path]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("restored"), "{stdout}");
    let restored = TestDb {
        url: fresh.clone(),
        connection: migrated(&fresh).await,
    };
    assert_eq!(
        count(&restored.connection, "entries").await,
        count(&live.connection, "entries").await
    );
    still_works(&restored, &filled, "restored@example.org").await;

    let empty_url = sqlite_url(folder.path(), "empty.db");
    let in_use = migrated(&empty_url).await;
    // Hold a read open, as a serving pool would.
    assert_eq!(count(&in_use, "people").await, 0);
    let (ok, _, stderr) = run(&empty_url, &["restore", &backup_path]);
    assert!(!ok, "an open database is not replaced");
    assert!(stderr.contains("in use"), "{stderr}");
    in_use.close().await.expect("closing");
    let (ok, _, stderr) = run(&empty_url, &["restore", &backup_path]);
    assert!(ok, "{stderr}");
    let replaced = migrated(&empty_url).await;
    assert_eq!(
        count(&replaced, "entries").await,
        count(&live.connection, "entries").await
    );
    assert_eq!(replaced.get_database_backend(), DbBackend::Sqlite);
}
