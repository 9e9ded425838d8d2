//! Asking for a password link by mail, the outbox, and its delivery to a real SMTP conversation.

use std::sync::{Arc, Mutex};

use app::{
    domain::{account::Role, mail::MAX_ATTEMPTS},
    server::{
        entities::outgoing_mail,
        mail,
        repo::{self, audit::Actor},
        services::{self, links as accounts},
    },
};
use async_pilot::mailer::Mailer;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};
use serde_json::Value;
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpListener,
};

use crate::on_both_databases;
use crate::support::{person, session_cookie, set_session_cookie, TestApp, TestDb};

on_both_databases!(
    a_link_is_mailed_only_to_an_active_account_and_every_answer_is_the_same,
    without_a_mail_server_nobody_can_read_a_link_someone_asked_for,
    the_outbox_hides_secrets_that_are_mailed_or_no_longer_valid_and_audits_views,
    the_mailed_link_sets_the_password_and_leads_on,
    the_outbox_is_delivered_once_and_failures_are_retried_then_given_up,
    links_an_admin_issues_are_mailed_only_by_a_server_that_delivers,
    asking_for_a_link_does_not_cancel_the_one_hr_handed_over,
    asking_for_a_link_takes_as_long_for_any_address,
);

/// Whether an address has an account must not show in how long the answer takes: every answer
/// waits for the same floor, which is longer than issuing a link.
async fn asking_for_a_link_takes_as_long_for_any_address(db: TestDb) {
    person(&db, "rosa@example.org", Role::Participant, None).await;
    let app = TestApp::spawn_delivering_mail(&db).await;
    for email in ["rosa@example.org", "nobody@example.org", "rosa@example.org"] {
        let started = std::time::Instant::now();
        let asked = app
            .call("request_password_link", &[("email", email)], None)
            .await;
        let took = started.elapsed();
        assert_eq!(asked.status(), 200);
        assert!(
            took >= accounts::LINK_ANSWER_FLOOR,
            "{email} answered after {took:?}"
        );
    }
    assert_eq!(outbox(&db).await.len(), 2);
    app.stop().await;
}

async fn outbox(db: &TestDb) -> Vec<outgoing_mail::Model> {
    outgoing_mail::Entity::find()
        .all(&db.connection)
        .await
        .expect("outbox")
}

async fn a_link_is_mailed_only_to_an_active_account_and_every_answer_is_the_same(db: TestDb) {
    person(&db, "rosa@example.org", Role::Participant, None).await;
    let gone = person(&db, "gone@example.org", Role::Participant, None).await;
    app::server::repo::people::set_active(&db.connection, gone, false, Utc::now())
        .await
        .expect("deactivated");
    let app = TestApp::spawn_delivering_mail(&db).await;
    let ask = |email: &'static str| {
        let app = &app;
        async move {
            let response = app
                .call(
                    "request_password_link",
                    &[("email", email), ("next", "/join/team-link")],
                    None,
                )
                .await;
            assert_eq!(response.status(), 200, "{email}");
            response.text().await.expect("body")
        }
    };

    let known = ask("Rosa@Example.org").await;
    assert_eq!(known, "true", "this server mails the link");
    let queued = outbox(&db).await;
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].recipient, "rosa@example.org");
    assert_eq!(queued[0].subject, "Set your Async Pilot password");
    assert!(
        queued[0]
            .body
            .contains("https://pilot.example.org/set-password?token="),
        "links start with the configured public address, never the request's Host: {}",
        queued[0].body
    );
    assert!(queued[0].body.contains("&next=/join/team-link"));

    assert_eq!(ask("nobody@example.org").await, known);
    assert_eq!(ask("gone@example.org").await, known);
    assert_eq!(
        outbox(&db).await.len(),
        1,
        "no mail for unknown or inactive"
    );

    for _ in 0..5 {
        assert_eq!(ask("rosa@example.org").await, known);
    }
    assert_eq!(
        outbox(&db).await.len() as u64,
        accounts::LINK_REQUESTS_PER_HOUR,
        "at most a few per hour to one address"
    );

    let malformed = app
        .call("request_password_link", &[("email", "not-an-email")], None)
        .await;
    assert_eq!(malformed.status(), 422);

    let admin = person(&db, "hr@example.org", Role::Admin, None).await;
    let cookie = session_cookie(&db, admin).await;
    let listed = app
        .call("list_outgoing_mail", &[("page", "0")], Some(&cookie))
        .await;
    assert_eq!(listed.status(), 200);
    let page: Value = listed.json().await.expect("JSON");
    assert_eq!(page["total"], 3);
    assert_eq!(page["delivers"], true);
    assert_eq!(page["mails"][0]["status"], "waiting");
}

async fn without_a_mail_server_nobody_can_read_a_link_someone_asked_for(db: TestDb) {
    person(&db, "rosa@example.org", Role::Participant, None).await;
    let app = TestApp::spawn(&db).await;
    let asked = app
        .call(
            "request_password_link",
            &[("email", "rosa@example.org")],
            None,
        )
        .await;
    assert_eq!(asked.status(), 200);
    assert_eq!(asked.text().await.expect("body"), "false", "ask HR instead");
    assert!(
        outbox(&db).await.is_empty(),
        "no link waits where admins read"
    );
    let links = app::server::entities::account_link::Entity::find()
        .count(&db.connection)
        .await
        .expect("count");
    assert_eq!(links, 0, "no link was issued at all");
    app.stop().await;
}

async fn the_outbox_hides_secrets_that_are_mailed_or_no_longer_valid_and_audits_views(db: TestDb) {
    let hr = person(&db, "hr@example.org", Role::Admin, None).await;
    let cookie = session_cookie(&db, hr).await;
    person(&db, "rosa@example.org", Role::Participant, None).await;
    person(&db, "ben@example.org", Role::Participant, None).await;
    let mailing = TestApp::spawn_delivering_mail(&db).await;
    for email in ["rosa@example.org", "ben@example.org"] {
        let asked = mailing
            .call("request_password_link", &[("email", email)], None)
            .await;
        assert_eq!(asked.status(), 200);
    }
    let queued = outbox(&db).await;
    let (rosa_token, ben_token) = (token_in(&queued[0].body), token_in(&queued[1].body));
    let seen: Value = mailing
        .get_as("/api/v1/outgoing-mail?page=0", &cookie)
        .await
        .json()
        .await
        .expect("JSON");
    let bodies = seen["mails"].to_string();
    assert!(
        !bodies.contains(&rosa_token) && !bodies.contains(&ben_token),
        "{bodies}"
    );
    assert!(bodies.contains(app::domain::mail::SECRET_SENT_BY_MAIL));
    mailing.stop().await;

    // Rosa uses her link; the instance then runs without a mail server, so HR would pass on
    // whatever still works, and only that.
    let by_hand = TestApp::spawn(&db).await;
    let used = by_hand
        .call(
            "set_password_from_link",
            &[
                ("token", rosa_token.as_str()),
                ("password", "a long and private passphrase"),
            ],
            None,
        )
        .await;
    assert!(set_session_cookie(&used).is_some());
    let seen: Value = by_hand
        .call("list_outgoing_mail", &[("page", "0")], Some(&cookie))
        .await
        .json()
        .await
        .expect("JSON");
    let bodies = seen["mails"].to_string();
    assert!(
        !bodies.contains(&rosa_token),
        "a used link is never shown: {bodies}"
    );
    assert!(bodies.contains(app::domain::mail::SECRET_NO_LONGER_VALID));
    assert!(
        bodies.contains(&ben_token),
        "a working link HR must pass on stays readable"
    );

    let audit: Value = by_hand
        .get_as("/api/v1/audit-events?action=outbox_viewed", &cookie)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(
        audit["total"], 2,
        "every view of the outbox is audited: {audit}"
    );
    let asked: Value = by_hand
        .get_as(
            "/api/v1/audit-events?action=password_link_requested",
            &cookie,
        )
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(asked["events"][0]["actor"], "anonymous", "{asked}");
    by_hand.stop().await;
}

/// The token in a queued message.
fn token_in(body: &str) -> String {
    let start = body.find("token=").expect("a token") + "token=".len();
    body[start..]
        .split(|c: char| c == '&' || c.is_whitespace())
        .next()
        .expect("token")
        .to_string()
}

async fn the_mailed_link_sets_the_password_and_leads_on(db: TestDb) {
    person(&db, "rosa@example.org", Role::Participant, None).await;
    accounts::request_password_link(
        &db.connection,
        "rosa@example.org",
        "/join/team-link",
        "https://pilot.example.org",
        true,
        Utc::now(),
    )
    .await
    .expect("requested");
    let token = token_in(&outbox(&db).await[0].body);
    let app = TestApp::spawn_delivering_mail(&db).await;
    let response = app
        .call(
            "set_password_from_link",
            &[
                ("token", token.as_str()),
                ("password", "a long and private passphrase"),
                ("next", "/join/team-link"),
            ],
            None,
        )
        .await;
    assert!(set_session_cookie(&response).is_some(), "signed in");
    assert_eq!(
        response.headers()["location"],
        "/join/team-link",
        "on to where the person was going"
    );
    let again = app
        .call(
            "set_password_from_link",
            &[
                ("token", token.as_str()),
                ("password", "another long passphrase"),
                ("next", "https://evil.example.org/"),
            ],
            None,
        )
        .await;
    assert_eq!(again.status(), 404, "a link works once");

    let asked = app
        .call(
            "request_password_link",
            &[
                ("email", "rosa@example.org"),
                ("next", "/\t/evil.example.org"),
            ],
            None,
        )
        .await;
    assert_eq!(asked.status(), 200);
    let mailed = outbox(&db).await[1].body.clone();
    assert!(
        mailed.contains("&next=/\n"),
        "a next that is not a plain path on this site becomes /: {mailed}"
    );
    let elsewhere = app
        .call(
            "set_password_from_link",
            &[
                ("token", token_in(&mailed).as_str()),
                ("password", "another long passphrase"),
                ("next", "/\t/evil.example.org"),
            ],
            None,
        )
        .await;
    assert!(set_session_cookie(&elsewhere).is_some(), "signed in");
    assert_eq!(
        elsewhere.headers()["location"],
        "/",
        "never on to another site"
    );
}

async fn links_an_admin_issues_are_mailed_only_by_a_server_that_delivers(db: TestDb) {
    let hr = person(
        &db,
        "hr@example.org",
        Role::Admin,
        Some("a long admin passphrase"),
    )
    .await;
    let admin = crate::support::admin_caller(hr, "hr@example.org", "Hana HR");
    let by_hand = mail::MailSettings {
        public_url: "https://pilot.example.org".into(),
        delivers: false,
    };
    let by_mail = mail::MailSettings {
        delivers: true,
        ..by_hand.clone()
    };
    let invite = |email: &'static str, settings: &'static str| {
        let (db, admin) = (&db, &admin);
        let settings = if settings == "by mail" {
            &by_mail
        } else {
            &by_hand
        };
        async move {
            services::people::invite(
                &db.connection,
                Actor::Caller(admin),
                email,
                "Rosa Reyes",
                "participant",
                settings,
                Utc::now(),
            )
            .await
            .expect("invited")
        }
    };

    invite("quiet@example.org", "by hand").await;
    assert!(outbox(&db).await.is_empty(), "HR passes the link on");

    let (rosa, token) = invite("rosa@example.org", "by mail").await;
    let queued = outbox(&db).await;
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].recipient, "rosa@example.org");
    assert_eq!(queued[0].subject, "Set your Async Pilot password");
    assert!(
        queued[0].body.contains("Hana HR invited you"),
        "{}",
        queued[0].body
    );
    assert_eq!(
        token_in(&queued[0].body),
        token,
        "the mail carries the link HR sees"
    );
    assert!(queued[0].body.contains(&format!(
        "https://pilot.example.org/set-password?token={token}\n"
    )));

    let (_, reset) = services::people::issue_reset_link(
        &db.connection,
        Actor::Caller(&admin),
        rosa.id,
        &by_mail,
        Utc::now(),
    )
    .await
    .expect("issued");
    let queued = outbox(&db).await;
    assert_eq!(queued.len(), 2);
    assert_eq!(
        queued[1].subject, "Set your Async Pilot password",
        "she has no password yet, so it is still an invite"
    );
    assert_eq!(token_in(&queued[1].body), reset);

    let app = TestApp::spawn(&db).await;
    let response = app
        .call(
            "set_password_from_link",
            &[
                ("token", reset.as_str()),
                ("password", "a long and private passphrase"),
            ],
            None,
        )
        .await;
    assert!(
        set_session_cookie(&response).is_some(),
        "the mailed link works"
    );
}

async fn asking_for_a_link_does_not_cancel_the_one_hr_handed_over(db: TestDb) {
    let hr = person(&db, "hr@example.org", Role::Admin, None).await;
    let cookie = session_cookie(&db, hr).await;
    let app = TestApp::spawn_delivering_mail(&db).await;
    let invited: Value = app
        .call(
            "invite_person",
            &[
                ("email", "rosa@example.org"),
                ("name", "Rosa Reyes"),
                ("role", "participant"),
            ],
            Some(&cookie),
        )
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(invited["mailed"], true);
    let handed_over = token_in(invited["url"].as_str().expect("url"));

    let asked = app
        .call(
            "request_password_link",
            &[("email", "rosa@example.org")],
            None,
        )
        .await;
    assert_eq!(asked.status(), 200);
    let asked_for = token_in(&outbox(&db).await[1].body);

    let set = |token: String| {
        let app = &app;
        async move {
            app.call(
                "set_password_from_link",
                &[
                    ("token", token.as_str()),
                    ("password", "a long and private passphrase"),
                ],
                None,
            )
            .await
            .status()
        }
    };
    assert_eq!(
        set(handed_over.clone()).await,
        200,
        "HR's link still works after an anonymous request for her address"
    );
    assert_eq!(
        set(asked_for).await,
        404,
        "once the password is set, every other open link is void"
    );
    assert_eq!(set(handed_over).await, 404);
}

/// A mail server that accepts everything and keeps what it was sent.
async fn fake_smtp_server() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("address").port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 fake ESMTP\r\n").await;
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(message) = data.as_mut() {
                        if line == "." {
                            store
                                .lock()
                                .expect("lock")
                                .push(data.take().unwrap_or_default());
                            let _ = write.write_all(b"250 queued\r\n").await;
                        } else {
                            message.push_str(&line);
                            message.push('\n');
                        }
                        continue;
                    }
                    let reply: &[u8] = match line.get(..4).map(str::to_ascii_uppercase).as_deref() {
                        Some("EHLO") | Some("HELO") => b"250 fake\r\n",
                        Some("DATA") => {
                            data = Some(String::new());
                            b"354 go on\r\n"
                        }
                        Some("QUIT") => {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            break;
                        }
                        _ => b"250 ok\r\n",
                    };
                    let _ = write.write_all(reply).await;
                }
            });
        }
    });
    (port, received)
}

async fn the_outbox_is_delivered_once_and_failures_are_retried_then_given_up(db: TestDb) {
    let (port, received) = fake_smtp_server().await;
    let now = Utc::now();
    repo::mail::queue(
        &db.connection,
        "rosa@example.org",
        "Set your Async Pilot password",
        "Hello Rosa,\n\nhttps://pilot.example.org/set-password?token=abc\n",
        now,
    )
    .await
    .expect("queued");
    let mailer = Mailer::new(
        &format!("smtp://127.0.0.1:{port}"),
        "Async Pilot <pilot@example.org>",
    )
    .expect("mailer");
    assert_eq!(
        mailer.deliver_waiting(&db.connection).await.expect("round"),
        1
    );
    assert_eq!(
        mailer.deliver_waiting(&db.connection).await.expect("round"),
        0
    );
    let messages = received.lock().expect("lock").clone();
    assert_eq!(messages.len(), 1, "sent once");
    assert!(messages[0].contains("Subject: Set your Async Pilot password"));
    assert!(messages[0].contains("To: rosa@example.org"));
    assert!(messages[0].contains("set-password?token=abc"));
    let sent = outbox(&db).await;
    assert!(sent[0].sent_at.is_some());

    // A message claimed by one instance is not claimed by another meanwhile.
    let second = repo::mail::queue(&db.connection, "kim@example.org", "S", "B", now)
        .await
        .expect("queued");
    let first_claim = repo::mail::claim(&db.connection, 10, now)
        .await
        .expect("claim");
    assert_eq!(first_claim.len(), 1);
    let rival = repo::mail::claim(&db.connection, 10, now)
        .await
        .expect("claim");
    assert!(rival.is_empty());

    // Nobody listens on port 9 here: each round fails, until delivery gives up.
    outgoing_mail::ActiveModel {
        id: Set(second),
        claimed_until: Set(None),
        ..Default::default()
    }
    .update(&db.connection)
    .await
    .expect("released");
    let broken =
        Mailer::new("smtp://127.0.0.1:9", "Async Pilot <pilot@example.org>").expect("mailer");
    let stored = || async {
        outgoing_mail::Entity::find_by_id(second)
            .one(&db.connection)
            .await
            .expect("query")
            .expect("kept")
    };
    assert_eq!(
        broken.deliver_waiting(&db.connection).await.expect("round"),
        0
    );
    assert_eq!(
        broken.deliver_waiting(&db.connection).await.expect("round"),
        0
    );
    let waiting = stored().await;
    assert_eq!(waiting.attempts, 1, "the next attempt waits a while");
    assert!(waiting.claimed_until > Some(Utc::now() + chrono::Duration::seconds(50)));
    for _ in 0..MAX_ATTEMPTS + 2 {
        // Time passes: the wait is over.
        outgoing_mail::ActiveModel {
            id: Set(second),
            claimed_until: Set(None),
            ..Default::default()
        }
        .update(&db.connection)
        .await
        .expect("released");
        assert_eq!(
            broken.deliver_waiting(&db.connection).await.expect("round"),
            0
        );
    }
    let failed = stored().await;
    assert_eq!(failed.attempts, MAX_ATTEMPTS);
    assert!(failed.last_error.is_some());
    let page = services::mail::page(&db.connection, Actor::System, 0, true, Utc::now())
        .await
        .expect("page");
    assert_eq!(page.mails[0].status, app::domain::mail::MailStatus::GaveUp);
    assert_eq!(
        outgoing_mail::Entity::find()
            .count(&db.connection)
            .await
            .expect("count"),
        2
    );
}
