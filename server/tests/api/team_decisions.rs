//! Decision logs: members log and decide, people outside the team are refused, decided before
//! raised is a 422, HR sees no titles for a team under the privacy threshold, HR defines
//! process types.

use app::domain::account::Role;
use serde_json::{json, Value};

use crate::on_both_databases;
use crate::pilots::setup;
use crate::support::{person, session_cookie, TestApp, TestDb};
use crate::team_charters::{cookie_of, send, team_id};

on_both_databases!(
    a_member_logs_a_decision_and_marks_it_decided,
    people_outside_the_team_and_executives_are_refused,
    hr_sees_counts_but_no_titles_for_a_team_under_k,
    hr_defines_a_process_type_that_members_then_use,
);

fn decision(title: &str, raised_at: &str, decided_at: Option<&str>) -> Value {
    json!({
        "title": title,
        "process_type": "operations",
        "raised_at": raised_at,
        "decided_at": decided_at,
        "documentation": "https://wiki.example.org/adr/7",
    })
}

async fn a_member_logs_a_decision_and_marks_it_decided(db: TestDb) {
    use reqwest::Method;
    setup(&db, 3).await;
    let platform = team_id(&db, "Platform").await;
    let sam = cookie_of(&db, "sam@example.org").await;
    let app = TestApp::spawn(&db).await;
    let path = format!("/api/v1/teams/{platform}/decisions");

    let before = decision(
        "Written stand-ups",
        "2026-11-02T10:00:00Z",
        Some("2026-11-01T10:00:00Z"),
    );
    let (status, body) = send(&app, Method::POST, &path, &sam, Some(before)).await;
    assert_eq!((status, body["field"].clone()), (422, json!("decided_at")));

    let open = decision("Written stand-ups", "2026-11-02T10:00", None);
    let (status, created) = send(&app, Method::POST, &path, &sam, Some(open)).await;
    assert_eq!(status, 201);
    let id = created["id"].as_i64().expect("id");
    let decide = format!("/api/v1/decisions/{id}");
    let (status, body) = send(
        &app,
        Method::PATCH,
        &decide,
        &sam,
        Some(json!({"decided_at": "2026-11-01"})),
    )
    .await;
    assert_eq!(
        (status, body["field"].clone()),
        (422, json!("decided_at")),
        "decided before raised"
    );
    let (status, _) = send(
        &app,
        Method::PATCH,
        &decide,
        &sam,
        Some(json!({"decided_at": "2026-11-03T22:00:00+02:00"})),
    )
    .await;
    assert_eq!(status, 204);
    let (status, _) = send(
        &app,
        Method::PATCH,
        &decide,
        &sam,
        Some(json!({"decided_at": "2026-11-04"})),
    )
    .await;
    assert_eq!(status, 409, "decided already");

    let (status, log) = send(&app, Method::GET, &path, &sam, None).await;
    assert_eq!(status, 200);
    let logged = &log["decisions"][0];
    assert_eq!(logged["title"], "Written stand-ups");
    assert_eq!(
        logged["raised_at"], "2026-11-02T10:00:00Z",
        "no offset means UTC"
    );
    assert_eq!(logged["hours_to_decide"], 34.0);
    assert_eq!(logged["documented"], true);
    assert_eq!(
        log["summary"],
        json!({"total": 1, "open": 0, "decided": 1, "documented": 1, "median_hours_to_decide": 34.0})
    );
    assert_eq!(log["can_log"], true);
    assert_eq!(log["withheld"], Value::Null);
    app.stop().await;
}

async fn people_outside_the_team_and_executives_are_refused(db: TestDb) {
    use reqwest::Method;
    setup(&db, 3).await;
    let platform = team_id(&db, "Platform").await;
    let sam = cookie_of(&db, "sam@example.org").await;
    let kim = cookie_of(&db, "kim@example.org").await;
    let executive = session_cookie(
        &db,
        person(&db, "ceo@example.org", Role::Executive, None).await,
    )
    .await;
    let app = TestApp::spawn(&db).await;
    let path = format!("/api/v1/teams/{platform}/decisions");
    let (_, created) = send(
        &app,
        Method::POST,
        &path,
        &sam,
        Some(decision("Hire", "2026-11-02", None)),
    )
    .await;
    let decide = format!("/api/v1/decisions/{}", created["id"]);

    assert_eq!(send(&app, Method::GET, &path, &kim, None).await.0, 403);
    assert_eq!(
        send(
            &app,
            Method::POST,
            &path,
            &kim,
            Some(decision("Mine", "2026-11-02", None))
        )
        .await
        .0,
        403
    );
    assert_eq!(
        send(
            &app,
            Method::PATCH,
            &decide,
            &kim,
            Some(json!({"decided_at": "2026-11-03"}))
        )
        .await
        .0,
        403
    );
    assert_eq!(
        send(
            &app,
            Method::POST,
            &path,
            &executive,
            Some(decision("Exec", "2026-11-02", None))
        )
        .await
        .0,
        403
    );
    assert_eq!(
        send(
            &app,
            Method::PATCH,
            &decide,
            &executive,
            Some(json!({"decided_at": "2026-11-03"}))
        )
        .await
        .0,
        403
    );
    assert_eq!(
        send(&app, Method::GET, &path, &executive, None).await.0,
        403
    );

    let (_, log) = send(&app, Method::GET, &path, &sam, None).await;
    assert_eq!(
        log["summary"]["total"], 1,
        "nothing the refused callers sent was stored"
    );
    assert_eq!(log["summary"]["open"], 1);
    app.stop().await;
}

async fn hr_sees_counts_but_no_titles_for_a_team_under_k(db: TestDb) {
    use reqwest::Method;
    setup(&db, 3).await;
    let platform = team_id(&db, "Platform").await;
    let data = team_id(&db, "Data").await;
    let sam = cookie_of(&db, "sam@example.org").await;
    let kim = cookie_of(&db, "kim@example.org").await;
    let hr = cookie_of(&db, "hr@example.org").await;
    let app = TestApp::spawn(&db).await;
    let data_path = format!("/api/v1/teams/{data}/decisions");
    let platform_path = format!("/api/v1/teams/{platform}/decisions");
    for (raised, decided) in [
        ("2026-11-02T08:00:00Z", "2026-11-02T10:00:00Z"),
        ("2026-11-03T08:00:00Z", "2026-11-03T14:00:00Z"),
    ] {
        let body = decision("Secret reorganisation", raised, Some(decided));
        assert_eq!(
            send(&app, Method::POST, &data_path, &kim, Some(body.clone()))
                .await
                .0,
            201
        );
        assert_eq!(
            send(&app, Method::POST, &platform_path, &sam, Some(body))
                .await
                .0,
            201
        );
    }

    let (status, small) = send(&app, Method::GET, &data_path, &hr, None).await;
    assert_eq!(status, 200);
    assert_eq!(
        small["decisions"],
        Value::Null,
        "Data has one person, k is 5"
    );
    assert_eq!(small["withheld"], "fewer than 5 people");
    assert_eq!(small["summary"]["decided"], 2);
    assert_eq!(small["summary"]["median_hours_to_decide"], 4.0);
    assert_eq!(small["can_log"], false);
    assert!(!small.to_string().contains("Secret"), "{small}");

    let via_server_fn = app
        .call(
            "get_team_decisions",
            &[("team_id", &data.to_string())],
            Some(&hr),
        )
        .await
        .text()
        .await
        .expect("body");
    assert!(!via_server_fn.contains("Secret"), "{via_server_fn}");
    let audit = app
        .get_as("/api/v1/audit-events", &hr)
        .await
        .text()
        .await
        .expect("audit");
    assert!(
        audit.contains("decision_logged") && !audit.contains("Secret"),
        "{audit}"
    );

    let (_, large) = send(&app, Method::GET, &platform_path, &hr, None).await;
    assert_eq!(
        large["decisions"][0]["title"], "Secret reorganisation",
        "Platform has 5 people"
    );
    let (_, own) = send(&app, Method::GET, &data_path, &kim, None).await;
    assert_eq!(
        own["decisions"].as_array().map(Vec::len),
        Some(2),
        "a member sees the titles"
    );
    app.stop().await;
}

async fn hr_defines_a_process_type_that_members_then_use(db: TestDb) {
    use reqwest::Method;
    setup(&db, 3).await;
    let platform = team_id(&db, "Platform").await;
    let sam = cookie_of(&db, "sam@example.org").await;
    let hr = cookie_of(&db, "hr@example.org").await;
    let app = TestApp::spawn(&db).await;
    let path = format!("/api/v1/teams/{platform}/decisions");
    let mut security = decision("Rotate keys", "2026-11-02", None);
    security["process_type"] = json!("security_review");
    let (status, body) = send(&app, Method::POST, &path, &sam, Some(security.clone())).await;
    assert_eq!(
        (status, body["field"].clone()),
        (422, json!("process_type"))
    );

    let new_type = json!({"key": "security_review", "label": "Security review"});
    assert_eq!(
        send(
            &app,
            Method::POST,
            "/api/v1/process-types",
            &sam,
            Some(new_type.clone())
        )
        .await
        .0,
        403
    );
    assert_eq!(
        send(
            &app,
            Method::POST,
            "/api/v1/process-types",
            &hr,
            Some(new_type.clone())
        )
        .await
        .0,
        201
    );
    assert_eq!(
        send(
            &app,
            Method::POST,
            "/api/v1/process-types",
            &hr,
            Some(new_type)
        )
        .await
        .0,
        409
    );
    let (status, body) = send(
        &app,
        Method::POST,
        "/api/v1/process-types",
        &hr,
        Some(json!({"key": "hiring", "label": "Hiring"})),
    )
    .await;
    assert_eq!((status, body["field"].clone()), (422, json!("key")));

    let (_, types) = send(&app, Method::GET, "/api/v1/process-types", &sam, None).await;
    let keys: Vec<&str> = types
        .as_array()
        .expect("types")
        .iter()
        .filter_map(|t| t["key"].as_str())
        .collect();
    assert_eq!(
        keys,
        [
            "hiring",
            "budget",
            "product",
            "operations",
            "other",
            "security_review"
        ]
    );
    assert_eq!(
        send(&app, Method::POST, &path, &sam, Some(security))
            .await
            .0,
        201
    );
    let (_, log) = send(&app, Method::GET, &path, &sam, None).await;
    assert_eq!(log["decisions"][0]["process_label"], "Security review");
    app.stop().await;
}
