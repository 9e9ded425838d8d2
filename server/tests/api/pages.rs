//! Server-rendered pages: they must be complete HTML before any WebAssembly runs.

use crate::on_both_databases;
use app::domain::account::Role;

use crate::support::{person, session_cookie, TestApp, TestDb};

on_both_databases!(
    the_overview_is_server_rendered_with_its_hydration_script,
    unknown_addresses_answer_404_with_a_page,
    the_planner_renders_a_timeline_from_the_query,
    the_planner_names_a_bad_field,
    the_status_page_names_the_database_to_admins_only,
);

async fn the_overview_is_server_rendered_with_its_hydration_script(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let response = app.get("/").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("body");
    assert!(html.contains("Move to async-first work"), "{html}");
    assert!(
        html.contains("/pkg/async-pilot.js"),
        "hydration script missing: {html}"
    );
    assert!(
        html.contains("<title>Overview · Async Pilot</title>"),
        "{html}"
    );
    app.stop().await;
}

async fn unknown_addresses_answer_404_with_a_page(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let response = app.get("/definitely/not/here").await;
    assert_eq!(response.status(), 404);
    let html = response.text().await.expect("body");
    assert!(html.contains("Page not found"), "{html}");
    app.stop().await;
}

async fn the_planner_renders_a_timeline_from_the_query(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let html = app
        .html("/plan?baseline_start=2026-01-05&baseline_days=30&intervention_days=28&follow_up_days=30")
        .await;
    assert!(
        html.contains("Tue 3 Feb 2026"),
        "baseline end missing: {html}"
    );
    assert!(
        html.contains("Friday 3 April 2026"),
        "review start missing: {html}"
    );
    app.stop().await;
}

async fn the_planner_names_a_bad_field(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let html = app
        .html("/plan?baseline_start=2026-13-01&baseline_days=30&intervention_days=28&follow_up_days=30")
        .await;
    assert!(
        html.contains("baseline_start: &#x27;2026-13-01&#x27; is not a date")
            || html.contains("baseline_start: '2026-13-01' is not a date"),
        "{html}"
    );
    app.stop().await;
}

async fn the_status_page_names_the_database_to_admins_only(db: TestDb) {
    let admin = person(&db, "hr@example.org", Role::Admin, None).await;
    let cookie = session_cookie(&db, admin).await;
    let app = TestApp::spawn(&db).await;
    let anonymous = app.html("/status").await;
    assert!(anonymous.contains("sign-in-required"), "{anonymous}");
    assert!(!anonymous.contains("SQLite") && !anonymous.contains("PostgreSQL"));
    let response = app.get_as("/status", &cookie).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("body");
    let expected = if db.url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    assert!(html.contains(expected), "{html}");
    app.stop().await;
}
