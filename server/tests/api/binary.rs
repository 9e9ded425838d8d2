//! The `async-pilot` binary as an operator runs it: start, answer, stop on SIGTERM.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{create_postgres_database, postgres_server};

const BINARY: &str = env!("CARGO_BIN_EXE_async-pilot");

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

async fn wait_until_healthy(address: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Ok(response) = reqwest::get(format!("{address}/healthz")).await {
            if response.status() == 200 {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server at {address} never became healthy");
}

/// Starts `serve` on `database_url`, checks it answers, sends SIGTERM, and returns the exit code.
async fn serve_then_terminate(database_url: &str) -> Option<i32> {
    let port = free_port();
    let mut child = Command::new(BINARY)
        .args([
            "serve",
            "--addr",
            &format!("127.0.0.1:{port}"),
            "--log-level",
            "warn",
        ])
        .env("DATABASE_URL", database_url)
        .stdout(Stdio::null())
        .spawn()
        .expect("starting the binary");
    let address = format!("http://127.0.0.1:{port}");
    wait_until_healthy(&address).await;
    let page = reqwest::get(format!("{address}/"))
        .await
        .expect("home page");
    assert_eq!(page.status(), 200);
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("sending SIGTERM");
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(status) = child.try_wait().expect("waiting for the binary") {
            return status.code();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the server did not stop within 15 s of SIGTERM");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn sqlite_serve_creates_its_file_and_exits_zero_on_sigterm() {
    let folder = tempfile::tempdir().expect("temp dir");
    let file = folder.path().join("data/async-pilot.db");
    let url = format!("sqlite://{}?mode=rwc", file.display());
    assert_eq!(serve_then_terminate(&url).await, Some(0));
    assert!(file.exists(), "the SQLite file was not created");
}

#[tokio::test]
async fn postgres_serve_exits_zero_on_sigterm() {
    let Some(server) = postgres_server() else {
        eprintln!("skipped: no PostgreSQL server to test the binary against");
        return;
    };
    let (admin, name) = create_postgres_database(&server).await;
    let code = serve_then_terminate(&format!("{server}/{name}")).await;
    use sea_orm::ConnectionTrait;
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .await
        .expect("dropping the test database");
    assert_eq!(code, Some(0));
}

#[test]
fn migrate_subcommand_reports_and_exits_zero() {
    let folder = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/ap.db?mode=rwc", folder.path().display());
    let output = Command::new(BINARY)
        .args(["migrate", "--database-url", &url])
        .output()
        .expect("running migrate");
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("database is up to date"));
}

#[test]
fn an_unsupported_database_url_fails_with_a_clear_message() {
    let output = Command::new(BINARY)
        .args(["migrate", "--database-url", "mysql://root@localhost/ap"])
        .output()
        .expect("running migrate");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("unsupported database URL"), "{stderr}");
}

/// Runs `create-admin` with `password` on standard input; returns (success, stdout + stderr).
fn create_admin(database_url: &str, args: &[&str], password: &str) -> (bool, String) {
    use std::io::Write;
    let mut child = Command::new(BINARY)
        .arg("create-admin")
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("ASYNC_PILOT_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting create-admin");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{password}\n").as_bytes())
        .expect("writing the password");
    let output = child.wait_with_output().expect("create-admin finished");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

#[tokio::test]
async fn create_admin_refuses_a_weak_password_then_creates_an_admin_who_can_sign_in() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}/ap.db?mode=rwc", folder.path().display());
    let email = ["--email", "hr@example.org", "--password-stdin"];

    let (ok, output) = create_admin(&url, &email, "short");
    assert!(!ok, "{output}");
    assert!(output.contains("at least 12 characters"), "{output}");

    let (ok, output) = create_admin(
        &url,
        &["--email", "hr@example.org"],
        "correct horse battery staple",
    );
    assert!(
        !ok,
        "a password is only read with --password-stdin: {output}"
    );
    assert!(output.contains("--password-stdin"), "{output}");

    let (ok, output) = create_admin(&url, &email, "correct horse battery staple");
    assert!(ok, "{output}");
    assert!(output.contains("created admin hr@example.org"), "{output}");

    let (ok, output) = create_admin(&url, &email, "another long passphrase");
    assert!(!ok, "the email is taken: {output}");

    let db = app::server::db::connect(&url).await.expect("open");
    let signed_in = app::server::services::auth::sign_in(
        &db,
        "hr@example.org",
        "correct horse battery staple",
        None,
        chrono::Utc::now(),
    )
    .await
    .expect("the new admin signs in");
    assert_eq!(signed_in.person.role, app::domain::account::Role::Admin);
}

/// Runs the binary with `args` on `database_url`; returns (success, stdout, stderr).
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

#[test]
fn an_export_redirected_to_a_file_holds_only_the_csv() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}/ap.db?mode=rwc", folder.path().display());
    // The default log level, as someone typing the command has it.
    let output = Command::new(BINARY)
        .args(["export", "roster"])
        .env("DATABASE_URL", &url)
        .env_remove("ASYNC_PILOT_LOG")
        .output()
        .expect("running the binary");
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "email,name,team,department,manager_email,role,timezone,working_pattern\n"
    );
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("database opened"),
        "logs go to standard error"
    );
}

#[tokio::test]
async fn import_roster_names_bad_lines_writes_nothing_then_imports_and_exports() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}/ap.db?mode=rwc", folder.path().display());
    let file = folder.path().join("roster.csv");
    let bad = format!(
        "{}nobody,No Email,Data,Engineering,,,UTC,\n",
        crate::roster::ROSTER
    );
    std::fs::write(&file, bad).expect("writing the file");
    let path = file.display().to_string();

    let (ok, _, stderr) = run(&url, &["import", "roster", &path]);
    assert!(!ok, "a bad file fails");
    assert!(
        stderr.contains("line 6: 'nobody' is not an email address"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was imported"), "{stderr}");

    std::fs::write(&file, crate::roster::ROSTER).expect("writing the file");
    let (ok, stdout, stderr) = run(&url, &["import", "roster", &path, "--dry-run"]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("dry run: 4 new"), "{stdout}");
    let (ok, stdout, _) = run(&url, &["export", "roster"]);
    assert!(ok);
    assert_eq!(
        stdout.lines().count(),
        1,
        "the dry run wrote nothing: {stdout}"
    );

    let (ok, stdout, stderr) = run(&url, &["import", "roster", &path]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("imported: 4 new"), "{stdout}");
    let (ok, stdout, _) = run(&url, &["export", "roster"]);
    assert!(ok);
    assert_eq!(stdout.lines().count(), 5, "{stdout}");
    let (ok, stdout, _) = run(&url, &["import", "roster", &path]);
    assert!(ok);
    assert!(
        stdout.contains("imported: 0 new, 0 changed, 4 unchanged"),
        "{stdout}"
    );
}

#[tokio::test]
async fn demo_loads_an_organisation_with_a_pilot_once_and_prints_sign_ins() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}/ap.db?mode=rwc", folder.path().display());
    let (ok, stdout, stderr) = run(&url, &["demo"]);
    assert!(ok, "{stderr}");
    for email in [
        "admin@example.org",
        "exec@example.org",
        "member@example.org",
    ] {
        assert!(stdout.contains(email), "{stdout}");
    }
    let db = app::server::db::connect(&url).await.expect("open");
    let people = app::server::repo::people::list(&db).await.expect("people");
    assert!(people.len() > 100, "{} people", people.len());
    let teams = app::server::repo::teams::summaries(&db)
        .await
        .expect("teams");
    assert!(teams.len() >= 12, "{} teams", teams.len());
    let system = app::server::repo::audit::Actor::System;
    let pilots = app::server::services::pilots::list(&db, system)
        .await
        .expect("pilots");
    assert_eq!(pilots.len(), 2, "one in its baseline, one finished");
    assert!(pilots
        .iter()
        .all(|pilot| pilot.pilot_teams >= 2 && pilot.comparison_teams >= 2));
    use sea_orm::{EntityTrait, PaginatorTrait};
    let entries = app::server::entities::entry::Entity::find()
        .count(&db)
        .await
        .expect("entries");
    assert!(
        entries > 5_000,
        "the finished pilot has its entries: {entries}"
    );
    let signed_in = app::server::services::auth::sign_in(
        &db,
        "member@example.org",
        "async pilot demo 2026",
        None,
        chrono::Utc::now(),
    )
    .await
    .expect("the demo participant signs in");
    assert_eq!(
        signed_in.person.role,
        app::domain::account::Role::Participant
    );
    db.close().await.expect("close");

    let (ok, stdout, _) = run(&url, &["demo"]);
    assert!(ok);
    assert!(stdout.contains("already loaded"), "{stdout}");

    // Executives' portfolio from the command line: one CSV row per pilot, the finished one
    // with its suggested verdict; the JSON the API serves.
    let (ok, stdout, stderr) = run(&url, &["export", "readiness", "--format", "csv"]);
    assert!(ok, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert!(lines[0].starts_with("pilot_id,pilot,stage,progress,verdict"));
    assert!(
        lines.iter().any(|line| line.contains(",review,,extend,")),
        "{stdout}"
    );
    let (ok, stdout, stderr) = run(&url, &["export", "readiness"]);
    assert!(ok, "{stderr}");
    let portfolio: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(portfolio["pilots"].as_array().map(Vec::len), Some(2));
}
