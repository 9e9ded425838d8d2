//! Search text is capped: a very long `q` answers 422 naming `q` on both surfaces, before any
//! query runs.

use app::domain::account::Role;
use serde_json::Value;

use crate::on_both_databases;
use crate::support::{person, session_cookie, TestApp, TestDb};

on_both_databases!(a_search_longer_than_a_hundred_characters_answers_422_naming_q);

async fn a_search_longer_than_a_hundred_characters_answers_422_naming_q(db: TestDb) {
    let admin = person(&db, "hr@example.org", Role::Admin, None).await;
    let admin = session_cookie(&db, admin).await;
    let app = TestApp::spawn(&db).await;
    let long = "a".repeat(20_000);
    let hundred = "a".repeat(100);

    for list in ["people", "teams"] {
        let refused = app
            .get_as(&format!("/api/v1/{list}?q={long}"), &admin)
            .await;
        assert_eq!(refused.status(), 422, "{list}");
        let error: Value = refused.json().await.expect("the error shape");
        assert_eq!(error["field"], "q", "{list}: {error}");
        assert!(!error.to_string().contains("aaaaaaaaaa"), "not echoed");
        let fine = app
            .get_as(&format!("/api/v1/{list}?q={hundred}"), &admin)
            .await;
        assert_eq!(fine.status(), 200, "{list}: 100 characters are a search");
    }

    for (function, parameter) in [("list_people", "query"), ("list_teams", "q")] {
        let refused = app
            .call(function, &[(parameter, long.as_str())], Some(&admin))
            .await;
        assert_eq!(refused.status(), 422, "{function}");
        let body = refused.text().await.expect("body");
        assert!(
            body.contains("\"q\"") && body.contains("at most 100 characters"),
            "{function}: {body}"
        );
        let fine = app
            .call(function, &[(parameter, hundred.as_str())], Some(&admin))
            .await;
        assert_eq!(fine.status(), 200, "{function}");
    }
    app.stop().await;
}
