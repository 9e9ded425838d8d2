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
    a_long_list_pages_and_keeps_its_search,
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

async fn a_long_list_pages_and_keeps_its_search(db: TestDb) {
    use app::{server::services::teams, wire::teams::TeamInput};
    let admin = person(&db, "hr@example.org", Role::Admin, None).await;
    let cookie = session_cookie(&db, admin).await;
    for index in 0..52 {
        let team = TeamInput {
            name: format!("R&D {index:02}"),
            department: "Research".into(),
            manager_email: String::new(),
            time_zone: "Europe/Paris".into(),
        };
        teams::save(
            &db.connection,
            app::server::repo::audit::Actor::System,
            None,
            &team,
            chrono::Utc::now(),
        )
        .await
        .expect("team");
    }
    let app = TestApp::spawn(&db).await;
    let page = |path: &'static str| {
        let (app, cookie) = (&app, &cookie);
        async move {
            let response = app.get_as(path, cookie).await;
            assert_eq!(response.status(), 200, "{path}");
            // Without the hydration markers between text pieces.
            response.text().await.expect("body").replace("<!>", "")
        }
    };
    let first = page("/admin/teams?q=r%26d").await;
    assert!(first.contains("Page 1 of 2"), "{first}");
    assert!(
        first.contains("href=\"/admin/teams?q=r%26d&amp;page=1\""),
        "the next page keeps the search: {first}"
    );
    let second = page("/admin/teams?q=r%26d&page=1").await;
    assert!(second.contains("Page 2 of 2"));
    assert!(second.contains("R&amp;D 51") && !second.contains("R&amp;D 49"));
    let short = page("/admin/teams?q=r%26d%2051").await;
    assert!(short.contains("R&amp;D 51"), "{short}");
    assert!(!short.contains("Page 1 of"), "one page needs no pager");
    app.stop().await;
}
