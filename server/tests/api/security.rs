//! Security headers and the same-origin rule, over real HTTP.

use crate::on_both_databases;
use app::domain::account::Role;
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::support::{person, session_cookie, TestApp, TestDb};

on_both_databases!(
    personal_answers_are_never_cached,
    pages_carry_a_nonce_policy_that_matches_their_hydration_script,
    cross_origin_writes_are_refused_and_same_origin_writes_pass,
    exports_that_write_the_audit_log_are_posts,
);

async fn personal_answers_are_never_cached(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    // A page, the API (one-time links are answered here) and a server function.
    for path in ["/", "/sign-in", "/api/v1/me", "/api/v1/openapi.json"] {
        let response = app.get(path).await;
        assert_eq!(
            response
                .headers()
                .get("cache-control")
                .and_then(|v| v.to_str().ok()),
            Some("no-store"),
            "{path}"
        );
    }
    let call = app.call("get_current_user", &[], None).await;
    assert_eq!(
        call.headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    app.stop().await;
}

async fn pages_carry_a_nonce_policy_that_matches_their_hydration_script(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    for path in ["/", "/no/such/page"] {
        let response = app.get(path).await;
        let headers = response.headers().clone();
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(
            headers["referrer-policy"],
            "strict-origin-when-cross-origin"
        );
        let policy = headers["content-security-policy"]
            .to_str()
            .expect("ascii")
            .to_string();
        assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        let nonce = policy
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap_or_else(|| panic!("{path}: no nonce in {policy}"));
        let html = response.text().await.expect("body");
        assert!(
            html.contains(&format!("nonce=\"{nonce}\"")),
            "{path}: the hydration script does not carry the policy's nonce"
        );
    }
    let health = app.get("/healthz").await;
    assert!(health.headers().contains_key("content-security-policy"));
    app.stop().await;
}

async fn cross_origin_writes_are_refused_and_same_origin_writes_pass(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let admin = person(&db, "hr@example.org", Role::Admin, None).await;
    let cookie = session_cookie(&db, admin).await;
    // A client that sends only the headers given here, as a page of another site might.
    let bare = reqwest::Client::new();
    let call = |headers: &[(&str, &str)], content_type: &str| {
        let mut request = bare
            .post(app.url("/fn/get_current_user"))
            .header("cookie", &cookie)
            .header("content-type", content_type)
            .body("");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send()
    };
    let form = "application/x-www-form-urlencoded";
    let status =
        |response: reqwest::Result<reqwest::Response>| response.expect("request").status().as_u16();
    assert_eq!(
        status(call(&[("origin", "https://evil.example.com")], form).await),
        403
    );
    let other_scheme = app.address.replace("http://", "https://");
    assert_eq!(status(call(&[("origin", &other_scheme)], form).await), 403);
    assert_eq!(
        status(call(&[("sec-fetch-site", "cross-site")], form).await),
        403
    );
    assert_eq!(
        status(call(&[("sec-fetch-site", "same-site")], form).await),
        403
    );
    // A session cookie and a form body, but no word on where it comes from.
    assert_eq!(status(call(&[], form).await), 403);

    assert_eq!(status(call(&[("origin", &app.address)], form).await), 200);
    assert_eq!(
        status(call(&[("sec-fetch-site", "same-origin")], form).await),
        200
    );
    let referer = format!("{}/admin/people", app.address);
    assert_eq!(status(call(&[("referer", &referer)], form).await), 200);
    // Server functions take forms only.
    assert_eq!(
        status(call(&[("origin", &app.address)], "text/plain").await),
        415
    );
    // A script with an API token sends no origin and no cookie: it passes.
    let token_client = bare
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({ "email": "nobody@example.org", "password": "x" }))
        .send()
        .await
        .expect("request");
    assert_eq!(token_client.status(), 401);
    app.stop().await;
}

/// An export writes an audit entry: a GET (an image or link on another site) must not.
async fn exports_that_write_the_audit_log_are_posts(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let admin = person(&db, "hr@example.org", Role::Admin, None).await;
    let cookie = session_cookie(&db, admin).await;
    let entries = || async {
        app::server::entities::audit_event::Entity::find()
            .count(&db.connection)
            .await
            .expect("count")
    };
    let before = entries().await;
    for path in ["/api/v1/audit-events/export", "/api/v1/roster/export"] {
        assert_eq!(app.get_as(path, &cookie).await.status(), 405, "{path}");
    }
    assert_eq!(entries().await, before, "nothing recorded for a GET");
    for path in ["/api/v1/audit-events/export", "/api/v1/roster/export"] {
        let exported = app.post_as(path, &cookie).await;
        assert_eq!(exported.status(), 200, "{path}");
        assert!(exported
            .headers()
            .get("content-disposition")
            .is_some_and(|value| value.to_str().unwrap_or_default().starts_with("attachment")));
    }
    assert_eq!(entries().await, before + 2);
    app.stop().await;
}
