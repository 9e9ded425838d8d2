//! Sign-in, sessions, links, deactivation, rate limits and API tokens over real HTTP.

use app::domain::account::Role;
use serde_json::Value;

use crate::on_both_databases;
use crate::support::{cookie_pair, person, session_cookie, set_session_cookie, TestApp, TestDb};

const PASSWORD: &str = "correct horse battery staple";

on_both_databases!(
    signing_in_sets_a_hardened_cookie_that_me_and_sign_out_honour,
    a_wrong_password_and_an_unknown_email_get_the_same_answer,
    failed_sign_ins_are_limited_per_account,
    failed_sign_ins_are_limited_per_client_address,
    the_owner_elsewhere_waits_seconds_not_the_window,
    behind_a_trusted_proxy_each_client_and_ipv6_64_has_its_own_limit,
    without_trusted_proxies_a_forwarded_address_is_ignored,
    signing_in_issues_a_new_session_id_whatever_cookie_came_in,
    a_second_instance_on_the_same_database_sees_the_session,
    deactivating_a_person_ends_their_sessions_at_once,
    an_invite_link_sets_a_password_once_and_signs_in,
    a_weak_password_from_a_link_is_refused_and_the_link_still_works,
    changing_the_password_ends_other_sessions,
    read_tokens_read_write_tokens_write_revoked_tokens_stop,
    the_audit_log_records_who_did_what_and_filters,
    the_last_admin_cannot_be_demoted_or_deactivated,
);

async fn signing_in_sets_a_hardened_cookie_that_me_and_sign_out_honour(db: TestDb) {
    person(&db, "ada@example.org", Role::Participant, Some(PASSWORD)).await;
    let app = TestApp::spawn(&db).await;
    assert_eq!(app.get("/api/v1/me").await.status(), 401);

    let response = app.sign_in("Ada@Example.org", PASSWORD).await;
    assert_eq!(response.status(), 200);
    let set_cookie = set_session_cookie(&response).expect("a session cookie");
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    assert!(!set_cookie.contains("Secure"), "plain http: {set_cookie}");
    let me: Value = response.json().await.expect("JSON");
    assert_eq!(me["email"], "ada@example.org");
    assert_eq!(me["role"], "participant");

    let cookie = cookie_pair(&set_cookie);
    let me = app.get_as("/api/v1/me", &cookie).await;
    assert_eq!(me.status(), 200);

    let signed_out = app
        .client
        .delete(app.url("/api/v1/session"))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("sign out");
    assert_eq!(signed_out.status(), 204);
    assert!(set_session_cookie(&signed_out).is_some_and(|c| c.contains("Max-Age=0")));
    assert_eq!(app.get_as("/api/v1/me", &cookie).await.status(), 401);
    app.stop().await;
}

async fn a_wrong_password_and_an_unknown_email_get_the_same_answer(db: TestDb) {
    person(&db, "ada@example.org", Role::Participant, Some(PASSWORD)).await;
    let app = TestApp::spawn(&db).await;
    let wrong = app
        .sign_in("ada@example.org", "not the password at all")
        .await;
    let unknown = app
        .sign_in("nobody@example.org", "not the password at all")
        .await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(unknown.status(), 401);
    assert!(set_session_cookie(&wrong).is_none());
    assert_eq!(
        wrong.text().await.expect("body"),
        unknown.text().await.expect("body")
    );
    app.stop().await;
}

async fn failed_sign_ins_are_limited_per_account(db: TestDb) {
    person(&db, "ada@example.org", Role::Participant, Some(PASSWORD)).await;
    let app = TestApp::spawn(&db).await;
    for _ in 0..5 {
        assert_eq!(
            app.sign_in("ada@example.org", "guess guess guess")
                .await
                .status(),
            401
        );
    }
    // Even the right password waits now: the limit is what makes guessing slow.
    let limited = app.sign_in("ada@example.org", PASSWORD).await;
    assert_eq!(limited.status(), 429);
    let body: Value = limited.json().await.expect("JSON");
    assert!(body["error"].as_str().is_some_and(|e| e.contains("wait")));
    // Another account from the same address is not locked out by Ada's failures.
    person(&db, "bob@example.org", Role::Participant, Some(PASSWORD)).await;
    assert_eq!(app.sign_in("bob@example.org", PASSWORD).await.status(), 200);
    app.stop().await;
}

async fn failed_sign_ins_are_limited_per_client_address(db: TestDb) {
    person(&db, "ada@example.org", Role::Participant, Some(PASSWORD)).await;
    let app = TestApp::spawn(&db).await;
    for attempt in 0..20 {
        let email = format!("guess{attempt}@example.org");
        assert_eq!(app.sign_in(&email, "guess guess guess").await.status(), 401);
    }
    assert_eq!(app.sign_in("ada@example.org", PASSWORD).await.status(), 429);
    app.stop().await;
}

async fn the_owner_elsewhere_waits_seconds_not_the_window(db: TestDb) {
    person(&db, "ada@example.org", Role::Participant, Some(PASSWORD)).await;
    let app = TestApp::spawn_behind_proxy(&db).await;
    for _ in 0..5 {
        let wrong = app.sign_in_from("198.51.100.1", "ada@example.org", "guess guess guess");
        assert_eq!(wrong.await.status(), 401);
    }
    // The guesser's own address waits out the window…
    let guesser = app
        .sign_in_from("198.51.100.1", "ada@example.org", PASSWORD)
        .await;
    assert_eq!(guesser.status(), 429);
    // …while Ada, elsewhere, is asked to wait a second, not locked out for fifteen minutes.
    let owner = app
        .sign_in_from("203.0.113.5", "ada@example.org", PASSWORD)
        .await;
    if owner.status() == 429 {
        let retry: i64 = owner.headers()["retry-after"]
            .to_str()
            .expect("text")
            .parse()
            .expect("seconds");
        assert!((1..=60).contains(&retry), "Retry-After {retry}");
        let body: Value = owner.json().await.expect("JSON");
        assert!(
            body["error"].as_str().is_some_and(|e| e.contains("second")),
            "{body}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(1_100 * retry as u64)).await;
        let again = app
            .sign_in_from("203.0.113.5", "ada@example.org", PASSWORD)
            .await;
        assert_eq!(again.status(), 200);
    } else {
        assert_eq!(
            owner.status(),
            200,
            "the owner may be delayed, never locked"
        );
    }
    app.stop().await;
}

async fn behind_a_trusted_proxy_each_client_and_ipv6_64_has_its_own_limit(db: TestDb) {
    person(&db, "ada@example.org", Role::Participant, Some(PASSWORD)).await;
    let app = TestApp::spawn_behind_proxy(&db).await;
    for attempt in 0..20 {
        // Twenty addresses of one IPv6 /64: one client for the limit.
        let client = format!("2001:db8:0:1::{:x}", attempt + 1);
        let email = format!("guess{attempt}@example.org");
        let wrong = app.sign_in_from(&client, &email, "guess guess guess").await;
        assert_eq!(wrong.status(), 401);
    }
    let same_64 = app.sign_in_from("2001:db8:0:1::ffff", "ada@example.org", PASSWORD);
    assert_eq!(same_64.await.status(), 429);
    let next_64 = app.sign_in_from("2001:db8:0:2::1", "ada@example.org", PASSWORD);
    assert_eq!(next_64.await.status(), 200);
    app.stop().await;
}

async fn without_trusted_proxies_a_forwarded_address_is_ignored(db: TestDb) {
    person(&db, "ada@example.org", Role::Participant, Some(PASSWORD)).await;
    let app = TestApp::spawn(&db).await;
    for attempt in 0..20 {
        let email = format!("guess{attempt}@example.org");
        let client = format!("198.51.100.{}", attempt + 1);
        let wrong = app.sign_in_from(&client, &email, "guess guess guess").await;
        assert_eq!(wrong.status(), 401);
    }
    // Made-up forwarded addresses change nothing: the TCP peer is the client.
    let fresh = app.sign_in_from("203.0.113.77", "ada@example.org", PASSWORD);
    assert_eq!(fresh.await.status(), 429);
    app.stop().await;
}

async fn signing_in_issues_a_new_session_id_whatever_cookie_came_in(db: TestDb) {
    let id = person(&db, "ada@example.org", Role::Participant, Some(PASSWORD)).await;
    let planted = session_cookie(&db, id).await;
    let app = TestApp::spawn(&db).await;
    let response = app
        .client
        .post(app.url("/api/v1/session"))
        .header("cookie", &planted)
        .json(&serde_json::json!({ "email": "ada@example.org", "password": PASSWORD }))
        .send()
        .await
        .expect("sign in");
    assert_eq!(response.status(), 200);
    let fresh = cookie_pair(&set_session_cookie(&response).expect("cookie"));
    assert_ne!(fresh, planted);
    app.stop().await;
}

async fn a_second_instance_on_the_same_database_sees_the_session(db: TestDb) {
    person(&db, "ada@example.org", Role::Participant, Some(PASSWORD)).await;
    let first = TestApp::spawn(&db).await;
    // On PostgreSQL the second instance gets its own connection pool, as a second process
    // would; an in-memory SQLite database can only be shared through its one connection.
    let second_db = if db.url.starts_with("postgres") {
        TestDb {
            url: db.url.clone(),
            connection: app::server::db::connect(&db.url)
                .await
                .expect("second pool"),
        }
    } else {
        db.clone()
    };
    let second = TestApp::spawn(&second_db).await;
    let cookie = cookie_pair(
        &set_session_cookie(&first.sign_in("ada@example.org", PASSWORD).await).expect("cookie"),
    );
    assert_eq!(second.get_as("/api/v1/me", &cookie).await.status(), 200);
    let signed_out = second
        .client
        .delete(second.url("/api/v1/session"))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("sign out");
    assert_eq!(signed_out.status(), 204);
    assert_eq!(first.get_as("/api/v1/me", &cookie).await.status(), 401);
    first.stop().await;
    second.stop().await;
}

async fn deactivating_a_person_ends_their_sessions_at_once(db: TestDb) {
    let admin = person(&db, "hr@example.org", Role::Admin, None).await;
    let ada = person(&db, "ada@example.org", Role::Participant, Some(PASSWORD)).await;
    let admin_cookie = session_cookie(&db, admin).await;
    let ada_cookie = session_cookie(&db, ada).await;
    let app = TestApp::spawn(&db).await;
    assert_eq!(app.get_as("/api/v1/me", &ada_cookie).await.status(), 200);
    let id = ada.to_string();
    let response = app
        .call(
            "set_person_active",
            &[("person_id", &id), ("active", "false")],
            Some(&admin_cookie),
        )
        .await;
    assert_eq!(
        response.status(),
        200,
        "{}",
        response.text().await.unwrap_or_default()
    );
    assert_eq!(app.get_as("/api/v1/me", &ada_cookie).await.status(), 401);
    assert_eq!(app.sign_in("ada@example.org", PASSWORD).await.status(), 401);
    app.stop().await;
}

async fn invite(app: &TestApp, admin_cookie: &str, email: &str) -> String {
    let response = app
        .client
        .post(app.url("/api/v1/people"))
        .header("cookie", admin_cookie)
        .json(&serde_json::json!({ "email": email, "name": "Grace Hopper", "role": "participant" }))
        .send()
        .await
        .expect("invite");
    assert_eq!(response.status(), 201);
    let link: Value = response.json().await.expect("JSON");
    let url = link["url"].as_str().expect("a link").to_string();
    url.split("token=")
        .nth(1)
        .expect("a token in the link")
        .to_string()
}

async fn an_invite_link_sets_a_password_once_and_signs_in(db: TestDb) {
    let admin = person(&db, "hr@example.org", Role::Admin, None).await;
    let admin_cookie = session_cookie(&db, admin).await;
    let app = TestApp::spawn(&db).await;
    let token = invite(&app, &admin_cookie, "grace@example.org").await;
    assert_eq!(
        app.sign_in("grace@example.org", PASSWORD).await.status(),
        401
    );

    let link = app.call("get_link", &[("token", &token)], None).await;
    assert_eq!(link.status(), 200);
    let used = app
        .call(
            "set_password_from_link",
            &[("token", &token), ("password", PASSWORD)],
            None,
        )
        .await;
    assert_eq!(used.status(), 200);
    let cookie = cookie_pair(&set_session_cookie(&used).expect("signed in"));
    let me: Value = app
        .get_as("/api/v1/me", &cookie)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(me["email"], "grace@example.org");

    let again = app
        .call(
            "set_password_from_link",
            &[("token", &token), ("password", "another long passphrase")],
            None,
        )
        .await;
    assert_eq!(again.status(), 404, "a link works once");
    assert_eq!(
        app.sign_in("grace@example.org", PASSWORD).await.status(),
        200
    );
    app.stop().await;
}

async fn a_weak_password_from_a_link_is_refused_and_the_link_still_works(db: TestDb) {
    let admin = person(&db, "hr@example.org", Role::Admin, None).await;
    let admin_cookie = session_cookie(&db, admin).await;
    let app = TestApp::spawn(&db).await;
    let token = invite(&app, &admin_cookie, "grace@example.org").await;
    let weak = app
        .call(
            "set_password_from_link",
            &[("token", &token), ("password", "short")],
            None,
        )
        .await;
    assert_eq!(weak.status(), 422);
    assert!(weak
        .text()
        .await
        .expect("body")
        .contains("at least 12 characters"));
    let good = app
        .call(
            "set_password_from_link",
            &[("token", &token), ("password", PASSWORD)],
            None,
        )
        .await;
    assert_eq!(good.status(), 200);
    app.stop().await;
}

async fn changing_the_password_ends_other_sessions(db: TestDb) {
    let ada = person(&db, "ada@example.org", Role::Participant, Some(PASSWORD)).await;
    let phone = session_cookie(&db, ada).await;
    let laptop = session_cookie(&db, ada).await;
    let app = TestApp::spawn(&db).await;
    let wrong = app
        .call(
            "change_password",
            &[
                ("current_password", "not it at all"),
                ("new_password", "a brand new passphrase"),
            ],
            Some(&laptop),
        )
        .await;
    assert_eq!(wrong.status(), 422);
    let changed = app
        .call(
            "change_password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a brand new passphrase"),
            ],
            Some(&laptop),
        )
        .await;
    assert_eq!(changed.status(), 200);
    let renewed = cookie_pair(&set_session_cookie(&changed).expect("a fresh session"));
    assert_eq!(app.get_as("/api/v1/me", &phone).await.status(), 401);
    assert_eq!(app.get_as("/api/v1/me", &renewed).await.status(), 200);
    assert_eq!(
        app.sign_in("ada@example.org", "a brand new passphrase")
            .await
            .status(),
        200
    );
    app.stop().await;
}

pub async fn create_token(app: &TestApp, admin_cookie: &str, scope: &str) -> (i64, String) {
    let response = app
        .call(
            "create_api_token",
            &[("name", "HRIS sync"), ("scope", scope)],
            Some(admin_cookie),
        )
        .await;
    assert_eq!(response.status(), 200);
    let token: Value = response.json().await.expect("JSON");
    (
        token["id"].as_i64().expect("id"),
        token["secret"].as_str().expect("secret").to_string(),
    )
}

async fn read_tokens_read_write_tokens_write_revoked_tokens_stop(db: TestDb) {
    let admin = person(&db, "hr@example.org", Role::Admin, None).await;
    let admin_cookie = session_cookie(&db, admin).await;
    let app = TestApp::spawn(&db).await;
    let (read_id, read) = create_token(&app, &admin_cookie, "read").await;
    let (_, write) = create_token(&app, &admin_cookie, "write").await;
    assert!(read.starts_with("ap_"));

    assert_eq!(app.get_as("/api/v1/people", &read).await.status(), 200);
    let invite_with = |token: String| {
        app.client
            .post(app.url("/api/v1/people"))
            .bearer_auth(token)
            .json(&serde_json::json!({ "email": "new@example.org", "name": "New", "role": "participant" }))
            .send()
    };
    assert_eq!(
        invite_with(read.clone()).await.expect("request").status(),
        403
    );
    assert_eq!(
        invite_with(write.clone()).await.expect("request").status(),
        201
    );

    for token in [&read, &write] {
        let through_a_page_call = app
            .client
            .post(app.url("/fn/list_outgoing_mail"))
            .bearer_auth(token)
            .form(&[("page", "0")])
            .send()
            .await
            .expect("request");
        assert_eq!(
            through_a_page_call.status(),
            401,
            "server functions take a session, never an API token"
        );
    }

    let id = read_id.to_string();
    let revoked = app
        .call("revoke_api_token", &[("id", &id)], Some(&admin_cookie))
        .await;
    assert_eq!(revoked.status(), 200);
    assert_eq!(app.get_as("/api/v1/people", &read).await.status(), 401);
    assert_eq!(
        app.get_as("/api/v1/people", "ap_made_up").await.status(),
        401
    );
    app.stop().await;
}

async fn the_audit_log_records_who_did_what_and_filters(db: TestDb) {
    let admin = person(&db, "hr@example.org", Role::Admin, None).await;
    let ada = person(&db, "ada@example.org", Role::Participant, Some(PASSWORD)).await;
    let admin_cookie = session_cookie(&db, admin).await;
    let app = TestApp::spawn(&db).await;
    app.sign_in("ada@example.org", "wrong wrong wrong").await;
    app.sign_in("ada@example.org", PASSWORD).await;
    let id = ada.to_string();
    let changed = app
        .call(
            "change_role",
            &[("person_id", &id), ("role", "executive")],
            Some(&admin_cookie),
        )
        .await;
    assert_eq!(changed.status(), 200);

    let all: Value = app
        .get_as("/api/v1/audit-events", &admin_cookie)
        .await
        .json()
        .await
        .expect("JSON");
    let actions: Vec<&str> = all["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|event| event["action"].as_str())
        .collect();
    assert_eq!(actions, ["role_changed", "sign_in", "sign_in_failed"]);
    let role_change = &all["events"][0];
    assert_eq!(role_change["actor"], "hr@example.org");
    assert_eq!(
        role_change["detail"],
        "ada@example.org: participant → executive"
    );

    let filtered: Value = app
        .get_as(
            "/api/v1/audit-events?action=sign_in&actor=ada",
            &admin_cookie,
        )
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(filtered["total"], 1);
    let bad = app
        .get_as("/api/v1/audit-events?since=yesterday", &admin_cookie)
        .await;
    assert_eq!(bad.status(), 422);
    let body: Value = bad.json().await.expect("JSON");
    assert_eq!(body["field"], "since");
    app.stop().await;
}

async fn the_last_admin_cannot_be_demoted_or_deactivated(db: TestDb) {
    let admin = person(&db, "hr@example.org", Role::Admin, None).await;
    let other = person(&db, "ops@example.org", Role::Admin, None).await;
    let cookie = session_cookie(&db, admin).await;
    let app = TestApp::spawn(&db).await;
    let (admin_id, other_id) = (admin.to_string(), other.to_string());
    let myself = app
        .call(
            "set_person_active",
            &[("person_id", &admin_id), ("active", "false")],
            Some(&cookie),
        )
        .await;
    assert_eq!(myself.status(), 409);
    let demoted = app
        .call(
            "change_role",
            &[("person_id", &other_id), ("role", "participant")],
            Some(&cookie),
        )
        .await;
    assert_eq!(demoted.status(), 200);
    let last = app
        .call(
            "change_role",
            &[("person_id", &admin_id), ("role", "executive")],
            Some(&cookie),
        )
        .await;
    assert_eq!(last.status(), 409);
    assert!(last
        .text()
        .await
        .expect("body")
        .contains("last active admin"));
    app.stop().await;
}
