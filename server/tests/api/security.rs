//! Security headers and the same-origin rule, over real HTTP.

use crate::on_both_databases;
use crate::support::{TestApp, TestDb};

on_both_databases!(
    pages_carry_a_nonce_policy_that_matches_their_hydration_script,
    cross_origin_writes_are_refused_and_same_origin_writes_pass,
);

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
    let call = |origin: &str| {
        app.client
            .post(app.url("/fn/get_current_user"))
            .header("origin", origin)
            .header("content-type", "application/x-www-form-urlencoded")
            .body("")
            .send()
    };
    let foreign = call("https://evil.example.com").await.expect("request");
    assert_eq!(foreign.status(), 403);
    let own = call(&app.address).await.expect("request");
    assert_eq!(own.status(), 200);
    app.stop().await;
}
