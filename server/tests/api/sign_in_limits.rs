//! Sign-in limits under pressure: concurrent guesses, oversized input, password changes.

use app::{
    domain::account::Role,
    server::entities::{audit_event, sign_in_failure},
};
use sea_orm::EntityTrait;

use crate::on_both_databases;
use crate::support::{cookie_pair, person, set_session_cookie, TestApp, TestDb};

const PASSWORD: &str = "correct horse battery staple";

on_both_databases!(
    concurrent_wrong_passwords_cannot_race_past_the_account_limit,
    concurrent_right_passwords_all_sign_in,
    a_huge_email_is_refused_before_anything_is_stored,
    failure_counters_keep_hashes_not_what_was_typed,
    wrong_current_passwords_count_with_failed_sign_ins,
);

/// Fires `count` sign-ins at once and returns their statuses.
async fn sign_in_at_once(app: &TestApp, count: usize, email: &str, password: &str) -> Vec<u16> {
    let requests: Vec<_> = (0..count)
        .map(|_| {
            let request = app
                .client
                .post(app.url("/api/v1/session"))
                .json(&serde_json::json!({ "email": email, "password": password }));
            tokio::spawn(async move { request.send().await.expect("signing in").status() })
        })
        .collect();
    let mut statuses = Vec::with_capacity(count);
    for request in requests {
        statuses.push(request.await.expect("request task").as_u16());
    }
    statuses
}

async fn concurrent_wrong_passwords_cannot_race_past_the_account_limit(db: TestDb) {
    person(&db, "ada@example.org", Role::Participant, Some(PASSWORD)).await;
    let app = TestApp::spawn(&db).await;
    let statuses = sign_in_at_once(&app, 30, "ada@example.org", "guess guess guess").await;
    let failed = statuses.iter().filter(|status| **status == 401).count();
    let limited = statuses.iter().filter(|status| **status == 429).count();
    assert!(
        failed <= 5,
        "{failed} wrong passwords were checked: {statuses:?}"
    );
    assert_eq!(failed + limited, 30, "{statuses:?}");
    app.stop().await;
}

/// Attempts under way are not failures: the owner signing in on two devices at once (or a team
/// of scripts) is never told to wait while no password was wrong.
async fn concurrent_right_passwords_all_sign_in(db: TestDb) {
    person(&db, "ada@example.org", Role::Participant, Some(PASSWORD)).await;
    let app = TestApp::spawn(&db).await;
    for round in 0..3 {
        let statuses = sign_in_at_once(&app, 4, "ada@example.org", PASSWORD).await;
        assert!(
            statuses.iter().all(|status| *status == 200),
            "round {round}: {statuses:?}"
        );
    }
    app.stop().await;
}

async fn a_huge_email_is_refused_before_anything_is_stored(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    // Just under the 64 KiB body limit, the email reaches the service; 1 MiB stops at the limit.
    for (length, status) in [(60_000, 422), (1 << 20, 413)] {
        let huge = format!("{}@example.org", "a".repeat(length));
        let response = app.sign_in(&huge, "guess guess guess").await;
        assert_eq!(response.status(), status, "an email of {length} characters");
        let body = response.text().await.expect("body");
        assert!(
            body.len() < 1_000,
            "the answer echoes the input: {} bytes",
            body.len()
        );
    }

    let failures = sign_in_failure::Entity::find()
        .all(&db.connection)
        .await
        .expect("failures");
    assert!(failures.is_empty(), "{} failure rows", failures.len());
    let events = audit_event::Entity::find()
        .all(&db.connection)
        .await
        .expect("audit events");
    for event in &events {
        let actor = event.actor_email.as_deref().unwrap_or_default();
        assert!(
            actor.chars().count() <= 320,
            "actor of {} chars",
            actor.len()
        );
        assert!(
            event.detail.chars().count() <= 1_000,
            "detail of {} chars",
            event.detail.len()
        );
    }
    app.stop().await;
}

async fn failure_counters_keep_hashes_not_what_was_typed(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let typed = "Someone.With.A.Long.Name@Example.org";
    assert_eq!(app.sign_in(typed, "guess guess guess").await.status(), 401);
    let failures = sign_in_failure::Entity::find()
        .all(&db.connection)
        .await
        .expect("failures");
    assert_eq!(
        failures.len(),
        3,
        "one for the account, one for the address, one for the account from that address"
    );
    for failure in &failures {
        let subject = failure.subject.to_lowercase();
        assert!(!subject.contains("someone"), "{subject}");
        assert!(!subject.contains("127.0.0.1"), "{subject}");
        assert!(subject.len() <= 72, "{subject}");
    }
    // However it is typed, one email is one account's counter.
    assert_eq!(
        app.sign_in(" someone.with.a.long.name@example.org ", "x")
            .await
            .status(),
        401
    );
    let subjects: std::collections::BTreeSet<_> = sign_in_failure::Entity::find()
        .all(&db.connection)
        .await
        .expect("failures")
        .into_iter()
        .map(|failure| failure.subject)
        .collect();
    assert_eq!(subjects.len(), 3, "{subjects:?}");
    app.stop().await;
}

async fn wrong_current_passwords_count_with_failed_sign_ins(db: TestDb) {
    person(&db, "ada@example.org", Role::Participant, Some(PASSWORD)).await;
    let app = TestApp::spawn(&db).await;
    let signed_in = app.sign_in("ada@example.org", PASSWORD).await;
    let cookie = cookie_pair(&set_session_cookie(&signed_in).expect("a session cookie"));
    let change = |current: &'static str| {
        app.client
            .put(app.url("/api/v1/me/password"))
            .header("cookie", &cookie)
            .json(&serde_json::json!({
                "current_password": current,
                "new_password": "a brand new passphrase here",
            }))
            .send()
    };
    for _ in 0..5 {
        assert_eq!(
            change("guess guess guess").await.expect("PUT").status(),
            422
        );
    }
    assert_eq!(
        change("guess guess guess").await.expect("PUT").status(),
        429
    );
    assert_eq!(change(PASSWORD).await.expect("PUT").status(), 429);
    // The same count stops sign-ins to the account.
    assert_eq!(app.sign_in("ada@example.org", PASSWORD).await.status(), 429);
    app.stop().await;
}
