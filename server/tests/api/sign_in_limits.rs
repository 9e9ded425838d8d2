//! Sign-in limits under pressure: concurrent guesses, oversized input, password changes.

use app::domain::account::Role;

use crate::on_both_databases;
use crate::support::{person, TestApp, TestDb};

const PASSWORD: &str = "correct horse battery staple";

on_both_databases!(concurrent_wrong_passwords_cannot_race_past_the_account_limit,);

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
    assert!(failed <= 5, "{failed} wrong passwords were checked: {statuses:?}");
    assert_eq!(failed + limited, 30, "{statuses:?}");
    app.stop().await;
}
