//! Calendar import (issue 13): the command line as an operator runs it, and the service on both
//! databases (covered days replaced, nothing else touched, same file twice changes nothing).

use std::process::Command;

use app::domain::account::Role;
use app::server::entities::{entry, person};
use app::server::repo::audit::Actor;
use app::server::services::calendar_import::{import_for, Window};
use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};

use crate::on_both_databases;
use crate::support::{migrated, person, TestDb};

const BINARY: &str = env!("CARGO_BIN_EXE_async-pilot");
const OUTLOOK: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../app/src/domain/meeting/fixtures/outlook_berlin_march.ics"
);

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

async fn anna(db: &TestDb) -> i64 {
    let id = person(db, "anna@example.org", Role::Participant, None).await;
    let mut row = person::Entity::find_by_id(id)
        .one(&db.connection)
        .await
        .expect("find")
        .expect("person")
        .into_active_model();
    row.time_zone = Set("Europe/Berlin".into());
    row.update(&db.connection).await.expect("time zone");
    id
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

async fn values(db: &TestDb, person_id: i64) -> Vec<(String, String, f64, String)> {
    let mut rows: Vec<_> = entry::Entity::find()
        .filter(entry::Column::PersonId.eq(person_id))
        .all(&db.connection)
        .await
        .expect("entries")
        .into_iter()
        .map(|e| (e.entry_date.to_string(), e.measure, e.value, e.source))
        .collect();
    rows.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    rows
}

#[tokio::test]
async fn import_calendar_prints_the_issue_json_and_writes_every_working_day() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}/ap.db?mode=rwc", folder.path().display());
    let db = TestDb {
        url: url.clone(),
        connection: migrated(&url).await,
    };
    let id = anna(&db).await;
    let window = ["--from", "2026-03-23", "--to", "2026-04-03"];
    let mut args = vec!["import", "calendar", OUTLOOK, "--email", "anna@example.org"];
    args.extend(window);

    let mut dry = args.clone();
    dry.extend(["--dry-run", "--format", "json"]);
    let (ok, stdout, stderr) = run(&url, &dry);
    assert!(ok, "{stderr}");
    let printed: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(printed["total_meetings"], 6);
    assert_eq!(printed["total_hours"], 5.5);
    assert_eq!(printed["days"].as_object().expect("days").len(), 10);
    assert_eq!(
        printed["days"]["2026-03-26"],
        serde_json::json!({"meetings": 2, "meeting_hours": 2.0, "calendar_focus_hours": 6.0})
    );
    assert_eq!(printed["days"]["2026-03-24"]["meetings"], 0);
    assert!(values(&db, id).await.is_empty(), "a dry run writes nothing");

    let (ok, stdout, stderr) = run(&url, &args);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("imported: 10 working days"), "{stdout}");
    let first = values(&db, id).await;
    assert_eq!(first.len(), 30);
    assert!(first.iter().all(|(_, _, _, source)| source == "calendar"));
    let (ok, _, _) = run(&url, &args);
    assert!(ok);
    assert_eq!(
        values(&db, id).await,
        first,
        "the same file twice changes nothing"
    );

    let bad = folder.path().join("bad.ics");
    std::fs::write(
        &bad,
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=Mars/Olympus:20260325T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .expect("writing");
    let bad = bad.display().to_string();
    let (ok, _, stderr) = run(
        &url,
        &["import", "calendar", &bad, "--email", "anna@example.org"],
    );
    assert!(!ok);
    assert!(stderr.contains("line 3:"), "{stderr}");
    assert!(stderr.contains("Mars/Olympus"), "{stderr}");
    assert!(stderr.contains("nothing was imported"), "{stderr}");

    let (ok, _, stderr) = run(
        &url,
        &[
            "import",
            "calendar",
            OUTLOOK,
            "--email",
            "nobody@example.org",
        ],
    );
    assert!(!ok);
    assert!(stderr.contains("nobody@example.org"), "{stderr}");
}

on_both_databases!(reimporting_replaces_the_covered_days_and_nothing_else);

async fn reimporting_replaces_the_covered_days_and_nothing_else(db: TestDb) {
    let id = anna(&db).await;
    let file = std::fs::read(OUTLOOK).expect("fixture");
    let import = |from: &str, to: &str| {
        let db = db.clone();
        let file = file.clone();
        let window = Window {
            from: Some(date(from)),
            to: Some(date(to)),
        };
        async move {
            import_for(
                &db.connection,
                Actor::System,
                "Anna@Example.org",
                &file,
                window,
                false,
                Utc::now(),
            )
            .await
            .expect("import")
        }
    };
    import("2026-03-23", "2026-04-03").await;
    // A later value for a day the next import will not cover.
    entry::Entity::update_many()
        .col_expr(entry::Column::Value, sea_orm::sea_query::Expr::value(7.0))
        .filter(entry::Column::PersonId.eq(id))
        .filter(entry::Column::EntryDate.eq(date("2026-03-30")))
        .filter(entry::Column::Measure.eq("meeting_hours"))
        .exec(&db.connection)
        .await
        .expect("change");
    // Re-import only the first week: the 30th keeps its changed value.
    let summary = import("2026-03-23", "2026-03-27").await;
    assert_eq!(summary.days.len(), 5);
    let after = values(&db, id).await;
    assert_eq!(after.len(), 30);
    let value_of = |day: &str, measure: &str| {
        after
            .iter()
            .find(|(d, m, _, _)| d == day && m == measure)
            .map(|(_, _, v, _)| *v)
    };
    assert_eq!(value_of("2026-03-30", "meeting_hours"), Some(7.0));
    assert_eq!(value_of("2026-03-23", "meeting_hours"), Some(1.0));
    assert_eq!(value_of("2026-03-26", "meetings"), Some(2.0));
    assert_eq!(value_of("2026-03-27", "calendar_focus_hours"), Some(7.0));
    let total = entry::Entity::find()
        .count(&db.connection)
        .await
        .expect("count");
    assert_eq!(total, 30);
}

on_both_databases!(
    a_member_imports_over_http_sees_the_week_and_audits_a_series,
    hr_imports_a_persons_calendar_over_http
);

async fn hr_imports_a_persons_calendar_over_http(db: TestDb) {
    let id = anna(&db).await;
    let hr = person(&db, "hr@example.org", Role::Admin, None).await;
    let cookie = crate::support::session_cookie(&db, hr).await;
    let app = crate::support::TestApp::spawn(&db).await;
    let imported = app
        .client
        .post(app.url(&format!(
            "/api/v1/people/{id}/calendar?from=2026-03-23&to=2026-04-03&dry_run=true"
        )))
        .header("cookie", &cookie)
        .header("content-type", "text/calendar")
        .body(std::fs::read(OUTLOOK).expect("fixture"))
        .send()
        .await
        .expect("import");
    assert_eq!(imported.status(), 200);
    let body: serde_json::Value = imported.json().await.expect("json");
    assert_eq!(body["total_hours"], 5.5);
    assert_eq!(body["dry_run"], true);
    assert!(values(&db, id).await.is_empty(), "a dry run writes nothing");
    app.stop().await;
}

async fn a_member_imports_over_http_sees_the_week_and_audits_a_series(db: TestDb) {
    let id = anna(&db).await;
    let cookie = crate::support::session_cookie(&db, id).await;
    let app = crate::support::TestApp::spawn(&db).await;
    let file = std::fs::read(OUTLOOK).expect("fixture");
    let imported = app
        .client
        .post(app.url("/api/v1/me/calendar?from=2026-03-23&to=2026-04-03"))
        .header("cookie", &cookie)
        .header("content-type", "text/calendar")
        .body(file)
        .send()
        .await
        .expect("import");
    assert_eq!(imported.status(), 200);
    let body: serde_json::Value = imported.json().await.expect("json");
    assert_eq!(body["total_meetings"], 6);
    assert_eq!(body["days"].as_array().expect("days").len(), 10);

    let overview: serde_json::Value = app
        .client
        .get(app.url("/api/v1/me/meetings"))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("overview")
        .json()
        .await
        .expect("json");
    // The week of the last imported meeting: Monday 30 March (moved sync) and Wednesday 1 April.
    assert_eq!(overview["week_start"], "2026-03-30");
    assert_eq!(overview["week_meetings"], 2);
    assert_eq!(overview["week_meeting_hours"], 2.0);
    assert_eq!(overview["week_focus_hours"], 37.0);
    let series = overview["series"].as_array().expect("series");
    let sync = series
        .iter()
        .find(|s| s["title"] == "Team-Sync Plattform")
        .expect("the sync series");
    assert_eq!(sync["instances"], 3);
    assert_eq!(sync["recurring"], true);
    assert!(
        series.iter().any(|s| s["title"].is_null()),
        "the private meeting has no title"
    );

    let audit = app
        .client
        .put(app.url("/api/v1/me/meetings/audit"))
        .header("cookie", &cookie)
        .json(&serde_json::json!({"key": sync["key"], "answer": "partly", "purpose": "inform"}))
        .send()
        .await
        .expect("audit");
    assert_eq!(audit.status(), 204);
    let stored = values(&db, id).await;
    let asyncable: Vec<(String, f64)> = stored
        .iter()
        .filter(|(_, m, _, _)| m == "asyncable_meetings")
        .map(|(d, _, v, _)| (d.clone(), *v))
        .collect();
    assert_eq!(
        asyncable,
        [
            ("2026-03-23".to_string(), 1.0),
            ("2026-03-26".to_string(), 0.0),
            ("2026-03-27".to_string(), 0.0),
            ("2026-03-30".to_string(), 1.0),
            ("2026-04-01".to_string(), 1.0),
        ]
    );

    let bad = app
        .client
        .post(app.url("/api/v1/me/calendar"))
        .header("cookie", &cookie)
        .header("content-type", "text/calendar")
        .body("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        .send()
        .await
        .expect("bad import");
    assert_eq!(bad.status(), 422);
    let error: serde_json::Value = bad.json().await.expect("json");
    assert!(
        error["error"].as_str().unwrap_or("").contains("line 3"),
        "{error}"
    );

    let team = app
        .client
        .get(app.url("/api/v1/me/team/meetings"))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("team");
    assert_eq!(team.status(), 200);
    app.stop().await;
}
