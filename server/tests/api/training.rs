//! Manager training over real HTTP on both databases: a manager records their own status (and
//! nobody else's), the pilot's training coverage follows, and the CSV import reports every bad
//! line with its number and writes nothing until the file is clean — also on the command line.

use reqwest::Method;
use serde_json::json;

use crate::champions::cookie;
use crate::on_both_databases;
use crate::pilots::{id_of, setup};
use crate::pulses::{day, send};
use crate::support::{TestApp, TestDb};

on_both_databases!(
    a_manager_records_their_own_training_and_coverage_follows,
    the_training_import_reports_bad_lines_and_is_all_or_nothing,
);

const MODULES: [&str; 3] = [
    "context_rich_writing",
    "outcome_based_management",
    "psychological_safety",
];

async fn a_manager_records_their_own_training_and_coverage_follows(db: TestDb) {
    let (pilot, _, _) = setup(&db, 3).await;
    let app = TestApp::spawn(&db).await;
    let (lea, sam, hr) = (
        cookie(&db, "lea@example.org").await,
        cookie(&db, "sam@example.org").await,
        cookie(&db, "hr@example.org").await,
    );
    let lea_id = id_of(&db, "lea@example.org").await;
    let sam_id = id_of(&db, "sam@example.org").await;
    let before = app::server::repo::champions::pilot_manager_training(&db.connection, pilot)
        .await
        .expect("training");
    assert_eq!(
        (before.managers, before.completed),
        (1, 0),
        "Lea manages Platform"
    );

    let done = json!({"module": MODULES[0], "status": "completed", "completed_on": day(-2)});
    let lea_path = format!("/api/v1/people/{lea_id}/training");
    let (status, _) = send(&app, Method::PUT, &lea_path, &sam, Some(done.clone())).await;
    assert_eq!(status, 403, "not someone else's");
    let sam_path = format!("/api/v1/people/{sam_id}/training");
    let (status, _) = send(&app, Method::PUT, &sam_path, &sam, Some(done.clone())).await;
    assert_eq!(status, 409, "Sam manages no team");
    let undated = json!({"module": MODULES[1], "status": "completed"});
    let (status, body) = send(&app, Method::PUT, &lea_path, &lea, Some(undated)).await;
    assert_eq!(
        (status, body["field"].clone()),
        (422, json!("completed_on"))
    );
    for module in MODULES {
        let done = json!({"module": module, "status": "completed", "completed_on": day(-1)});
        let (status, _) = send(&app, Method::PUT, &lea_path, &lea, Some(done)).await;
        assert_eq!(status, 204);
    }
    let (_, mine) = send(&app, Method::GET, "/api/v1/me/training", &lea, None).await;
    assert_eq!(mine["training"]["trained"], true);
    let (_, mine) = send(&app, Method::GET, "/api/v1/me/training", &sam, None).await;
    assert!(mine["training"].is_null());
    let after = app::server::repo::champions::pilot_manager_training(&db.connection, pilot)
        .await
        .expect("training");
    assert_eq!((after.managers, after.completed), (1, 1));

    // An HR module that is required makes Lea untrained again until she completes it.
    let module = json!({"key": "async_onboarding", "title": "Async onboarding", "required": true});
    let (status, _) = send(
        &app,
        Method::POST,
        "/api/v1/training/modules",
        &hr,
        Some(module),
    )
    .await;
    assert_eq!(status, 201);
    let (_, coverage) = send(&app, Method::GET, "/api/v1/training/coverage", &hr, None).await;
    let ours = coverage
        .as_array()
        .expect("pilots")
        .iter()
        .find(|p| p["pilot_id"] == pilot)
        .expect("pilot")
        .clone();
    assert_eq!(
        (ours["managers"].clone(), ours["completed"].clone()),
        (json!(1), json!(0))
    );
    assert_eq!(ours["missing"][0]["modules"], json!(["Async onboarding"]));
    app.stop().await;
}

async fn the_training_import_reports_bad_lines_and_is_all_or_nothing(db: TestDb) {
    setup(&db, 3).await;
    let app = TestApp::spawn(&db).await;
    let hr = cookie(&db, "hr@example.org").await;
    let bad = format!(
        "email,module,status,completed_on\n\
         lea@example.org,{},completed,{}\n\
         ghost@example.org,{},completed,{}\n\
         sam@example.org,{},in_progress,\n\
         lea@example.org,juggling,in_progress,\n\
         lea@example.org,{},completed,\n",
        MODULES[0],
        day(-3),
        MODULES[0],
        day(-3),
        MODULES[1],
        MODULES[2]
    );
    let (status, result) = send(
        &app,
        Method::POST,
        "/api/v1/training/import",
        &hr,
        Some(json!({"csv": bad})),
    )
    .await;
    assert_eq!(status, 422);
    let lines: Vec<i64> = result["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["line"].as_i64().expect("line"))
        .collect();
    assert_eq!(lines, [3, 4, 5, 6]);
    assert_eq!(result["written"], false);
    let (_, managers) = send(&app, Method::GET, "/api/v1/training/managers", &hr, None).await;
    assert!(
        managers[0]["modules"]
            .as_array()
            .expect("modules")
            .iter()
            .all(|m| m["status"] == "not_started"),
        "nothing written: {managers}"
    );
    let good = format!("email,module,status,completed_on\nlea@example.org,{},completed,{}\nlea@example.org,{},in_progress,\n", MODULES[0], day(-3), MODULES[1]);
    let (status, result) = send(
        &app,
        Method::POST,
        "/api/v1/training/import",
        &hr,
        Some(json!({"csv": good, "dry_run": true})),
    )
    .await;
    assert_eq!(
        (status, result["rows"].clone(), result["written"].clone()),
        (200, json!(2), json!(false))
    );
    let (status, result) = send(
        &app,
        Method::POST,
        "/api/v1/training/import",
        &hr,
        Some(json!({"csv": good})),
    )
    .await;
    assert_eq!((status, result["written"].clone()), (200, json!(true)));
    let (_, managers) = send(&app, Method::GET, "/api/v1/training/managers", &hr, None).await;
    let statuses: Vec<&str> = managers[0]["modules"]
        .as_array()
        .expect("modules")
        .iter()
        .map(|m| m["status"].as_str().expect("status"))
        .collect();
    assert_eq!(statuses, ["completed", "in_progress", "not_started"]);
    app.stop().await;
}

#[tokio::test]
async fn import_training_on_the_command_line_names_bad_lines_then_imports() {
    use std::process::Command;
    let folder = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}/ap.db?mode=rwc", folder.path().display());
    let db = TestDb {
        url: url.clone(),
        connection: crate::support::migrated(&url).await,
    };
    setup(&db, 3).await;
    let file = folder.path().join("training.csv");
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_async-pilot"))
            .args(["import", "training", &file.display().to_string()])
            .env("DATABASE_URL", &url)
            .env("ASYNC_PILOT_LOG", "warn")
            .output()
            .expect("running the binary")
    };
    std::fs::write(
        &file,
        "email,module,status,completed_on\nlea@example.org,juggling,completed,2026-01-01\n",
    )
    .expect("write");
    let output = run();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("line 2: unknown module 'juggling'"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was imported"), "{stderr}");
    std::fs::write(
        &file,
        format!(
            "email,module,status,completed_on\nlea@example.org,{},completed,{}\n",
            MODULES[2],
            day(-1)
        ),
    )
    .expect("write");
    let output = run();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("imported: 1 training statuses"));
}
