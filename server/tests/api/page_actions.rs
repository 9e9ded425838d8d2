//! What the pages do, done through the JSON API: changing one's password and signing out
//! everywhere; password links for existing people, API tokens, the outbox and the instance
//! status; and the people use cases refusing a read-only caller whichever surface calls them.

use app::{
    domain::{
        account::{ApiScope, Role},
        caller::{Caller, Credential},
    },
    error::AppError,
    server::{mail::MailSettings, repo::audit::Actor, services},
};
use chrono::Utc;
use serde_json::Value;

use crate::on_both_databases;
use crate::support::{cookie_pair, person, session_cookie, set_session_cookie, TestApp, TestDb};

#[test]
fn the_document_lists_the_refusals_and_spells_roles_and_scopes_as_the_api_reads_them() {
    let (_, document) = async_pilot::api::routes();
    let document = serde_json::to_value(&document).expect("JSON");
    for (path, method) in [
        ("/api/v1/people/{id}/password-link", "post"),
        ("/api/v1/tokens", "get"),
        ("/api/v1/tokens/{id}", "delete"),
        ("/api/v1/outgoing-mail", "get"),
        ("/api/v1/me/password", "put"),
    ] {
        let responses = &document["paths"][path][method]["responses"];
        for status in ["401", "403"] {
            assert!(
                responses[status]["content"]["application/json"].is_object(),
                "{method} {path} documents {status} in the error shape: {responses}"
            );
        }
    }
    let schemas = &document["components"]["schemas"];
    assert_eq!(
        schemas["Role"]["enum"],
        serde_json::json!(["admin", "executive", "participant"])
    );
    assert_eq!(
        schemas["ApiScope"]["enum"],
        serde_json::json!(["read", "write"])
    );
    assert_eq!(
        schemas["MailStatus"]["enum"],
        serde_json::json!(["waiting", "sent", "gave_up"])
    );
}

on_both_databases!(
    the_account_page_actions_work_through_the_api,
    an_admin_issues_a_password_link_to_an_existing_person_through_the_api,
    tokens_are_listed_created_and_revoked_through_the_api,
    the_outbox_and_the_instance_are_read_through_the_api,
    people_use_cases_refuse_a_read_only_caller_on_every_surface,
);

fn token_of(link: &Value) -> String {
    let url = link["url"].as_str().expect("a link");
    url.split("token=").nth(1).expect("a token").to_string()
}

async fn set_password(app: &TestApp, token: &str) -> u16 {
    app.call(
        "set_password_from_link",
        &[
            ("token", token),
            ("password", "a long and private passphrase"),
        ],
        None,
    )
    .await
    .status()
    .as_u16()
}

async fn an_admin_issues_a_password_link_to_an_existing_person_through_the_api(db: TestDb) {
    let admin = person(&db, "hr@example.org", Role::Admin, None).await;
    let cookie = session_cookie(&db, admin).await;
    let app = TestApp::spawn(&db).await;
    // A forged Host header must not reach the links: they start with the public address.
    let post = |path: String| {
        app.client
            .post(app.url(&path))
            .header("cookie", &cookie)
            .header("host", "evil.example")
            .header("origin", "http://evil.example")
            .json(&serde_json::json!({ "email": "rosa@example.org", "name": "Rosa", "role": "participant" }))
            .send()
    };
    let invited: Value = post("/api/v1/people".into())
        .await
        .expect("invite")
        .json()
        .await
        .expect("JSON");
    let again = post("/api/v1/people".into()).await.expect("invite again");
    assert_eq!(again.status(), 409, "inviting twice is a conflict");

    let path = format!("/api/v1/people/{}/password-link", invited["person_id"]);
    let response = post(path.clone()).await.expect("link");
    assert_eq!(response.status(), 200);
    let link: Value = response.json().await.expect("JSON");
    assert_eq!(link["email"], "rosa@example.org");
    assert_eq!(link["mailed"], false);
    assert!(
        link["url"]
            .as_str()
            .is_some_and(|url| url.starts_with("https://pilot.example.org/set-password?token=")),
        "{link}"
    );
    assert!(invited["url"]
        .as_str()
        .is_some_and(|url| url.starts_with("https://pilot.example.org/")));
    assert_eq!(
        set_password(&app, &token_of(&invited)).await,
        404,
        "a new link voids the one before"
    );
    assert_eq!(set_password(&app, &token_of(&link)).await, 200);

    let unknown = post("/api/v1/people/999999/password-link".into())
        .await
        .expect("link");
    assert_eq!(unknown.status(), 404);
    let not_a_number = post("/api/v1/people/rosa/password-link".into())
        .await
        .expect("link");
    assert_eq!(not_a_number.status(), 422);
    let error: Value = not_a_number.json().await.expect("the error shape");
    assert_eq!(error["field"], "path");
    app.stop().await;
}

async fn tokens_are_listed_created_and_revoked_through_the_api(db: TestDb) {
    let admin = person(&db, "hr@example.org", Role::Admin, None).await;
    let cookie = session_cookie(&db, admin).await;
    let app = TestApp::spawn(&db).await;
    let create = |body: Value| {
        app.client
            .post(app.url("/api/v1/tokens"))
            .header("cookie", &cookie)
            .json(&body)
            .send()
    };
    let created = create(serde_json::json!({ "name": " HRIS sync ", "scope": "read" }))
        .await
        .expect("create");
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.expect("JSON");
    assert_eq!(created["name"], "HRIS sync");
    let secret = created["secret"].as_str().expect("secret").to_string();
    assert!(secret.starts_with("ap_"));

    let wrong_scope = create(serde_json::json!({ "name": "X", "scope": "admin" }))
        .await
        .expect("create");
    assert_eq!(wrong_scope.status(), 422);
    let error: Value = wrong_scope.json().await.expect("the error shape");
    assert_eq!(error["field"], "body");
    let no_name = create(serde_json::json!({ "name": " ", "scope": "write" }))
        .await
        .expect("create");
    assert_eq!(no_name.status(), 422);
    let error: Value = no_name.json().await.expect("the error shape");
    assert_eq!(error["field"], "name");

    let listed: Value = app
        .get_as("/api/v1/tokens", &secret)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    assert_eq!(listed[0]["scope"], "read");
    assert_eq!(listed[0]["created_by"], "hr@example.org");
    assert!(listed[0].get("secret").is_none(), "never the secret again");

    let revoke = |id: String| {
        app.client
            .delete(app.url(&format!("/api/v1/tokens/{id}")))
            .header("cookie", &cookie)
            .send()
    };
    let id = created["id"].to_string();
    assert_eq!(revoke(id.clone()).await.expect("revoke").status(), 204);
    assert_eq!(revoke(id).await.expect("again").status(), 204);
    assert_eq!(app.get_as("/api/v1/tokens", &secret).await.status(), 401);
    assert_eq!(
        revoke("999999".into()).await.expect("unknown").status(),
        404
    );
    app.stop().await;
}

async fn the_outbox_and_the_instance_are_read_through_the_api(db: TestDb) {
    person(&db, "rosa@example.org", Role::Participant, None).await;
    let admin = person(&db, "hr@example.org", Role::Admin, None).await;
    let cookie = session_cookie(&db, admin).await;
    let app = TestApp::spawn_delivering_mail(&db).await;
    let asked = app
        .call(
            "request_password_link",
            &[("email", "rosa@example.org")],
            None,
        )
        .await;
    assert_eq!(asked.status(), 200);

    let outbox = app.get_as("/api/v1/outgoing-mail?page=0", &cookie).await;
    assert_eq!(outbox.status(), 200);
    let outbox: Value = outbox.json().await.expect("JSON");
    assert_eq!(outbox["total"], 1);
    assert_eq!(outbox["delivers"], true);
    assert_eq!(outbox["mails"][0]["recipient"], "rosa@example.org");
    assert_eq!(outbox["mails"][0]["status"], "waiting");
    let bad_page = app
        .get_as("/api/v1/outgoing-mail?page=first", &cookie)
        .await;
    assert_eq!(bad_page.status(), 422);
    let error: Value = bad_page.json().await.expect("the error shape");
    assert_eq!(error["field"], "query");

    let instance = app.get_as("/api/v1/instance", &cookie).await;
    assert_eq!(instance.status(), 200);
    let instance: Value = instance.json().await.expect("JSON");
    assert_eq!(instance["people"], 2);
    assert!(instance["schema_migrations"].as_i64() > Some(0));
    assert_eq!(instance["version"], env!("CARGO_PKG_VERSION"));
    app.stop().await;
}

/// The people server functions once skipped the write check their JSON twins made; both now
/// call services that check it, so a read-only caller is refused whichever surface it uses.
async fn people_use_cases_refuse_a_read_only_caller_on_every_surface(db: TestDb) {
    let admin = person(&db, "hr@example.org", Role::Admin, None).await;
    let rosa = person(&db, "rosa@example.org", Role::Participant, None).await;
    let reader = Caller {
        person_id: admin,
        email: "hr@example.org".into(),
        display_name: "Hana HR".into(),
        role: Role::Admin,
        credential: Credential::ApiToken {
            id: 1,
            scope: ApiScope::Read,
        },
    };
    let actor = Actor::Caller(&reader);
    let mail = MailSettings {
        public_url: "https://pilot.example.org".into(),
        delivers: false,
    };
    let db = &db.connection;
    let now = Utc::now();
    let people = services::people::list(db, actor, None, None).await;
    assert_eq!(people.map(|page| page.total), Ok(2), "reading is allowed");
    let refused = [
        services::people::invite(
            db,
            actor,
            "new@example.org",
            "New",
            "participant",
            &mail,
            now,
        )
        .await
        .err(),
        services::people::issue_reset_link(db, actor, rosa, &mail, now)
            .await
            .err(),
        services::people::change_role(db, actor, rosa, "executive", now)
            .await
            .err(),
        services::people::set_active(db, actor, rosa, false, now)
            .await
            .err(),
        services::tokens::create(db, actor, "more", "write", now)
            .await
            .err(),
    ];
    assert!(
        refused
            .iter()
            .all(|error| *error == Some(AppError::Forbidden)),
        "{refused:?}"
    );
}

async fn the_account_page_actions_work_through_the_api(db: TestDb) {
    const PASSWORD: &str = "correct horse battery staple";
    person(&db, "ada@example.org", Role::Participant, Some(PASSWORD)).await;
    let app = TestApp::spawn(&db).await;
    let mut cookies = Vec::new();
    for _device in ["laptop", "phone"] {
        let signed_in = app.sign_in("ada@example.org", PASSWORD).await;
        cookies.push(cookie_pair(
            &set_session_cookie(&signed_in).expect("a cookie"),
        ));
    }
    let change = |current: &'static str| {
        app.client
            .put(app.url("/api/v1/me/password"))
            .header("cookie", &cookies[0])
            .json(&serde_json::json!({ "current_password": current, "new_password": "a brand new passphrase" }))
            .send()
    };
    let wrong = change("not it at all").await.expect("request");
    assert_eq!(wrong.status(), 422);
    let error: Value = wrong.json().await.expect("the error shape");
    assert_eq!(error["field"], "current_password");

    let changed = change(PASSWORD).await.expect("request");
    assert_eq!(changed.status(), 204);
    let renewed = cookie_pair(&set_session_cookie(&changed).expect("a fresh cookie"));
    assert_eq!(app.get_as("/api/v1/me", &cookies[1]).await.status(), 401);
    assert_eq!(app.get_as("/api/v1/me", &renewed).await.status(), 200);
    assert_eq!(
        app.sign_in("ada@example.org", "a brand new passphrase")
            .await
            .status(),
        200
    );

    let everywhere = app
        .client
        .delete(app.url("/api/v1/me/sessions"))
        .header("cookie", &renewed)
        .send()
        .await
        .expect("request");
    assert_eq!(everywhere.status(), 204);
    assert!(set_session_cookie(&everywhere).is_some_and(|cookie| cookie.contains("Max-Age=0")));
    assert_eq!(app.get_as("/api/v1/me", &renewed).await.status(), 401);
    app.stop().await;
}
