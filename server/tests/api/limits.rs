//! Body limits: small by default, large only on uploads, and strangers refused before a large
//! body is read.

use app::domain::account::Role;

use crate::on_both_databases;
use crate::support::{person, session_cookie, TestApp, TestDb};

on_both_databases!(
    an_oversized_body_answers_413_with_a_message_before_any_access_check,
    upload_routes_refuse_strangers_before_reading_and_take_files_from_admins,
);

/// One MiB: far over the default limit, far under the upload limit.
fn one_mib() -> String {
    "x".repeat(1024 * 1024)
}

async fn an_oversized_body_answers_413_with_a_message_before_any_access_check(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let response = app
        .client
        .post(app.url("/fn/create_pilot"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("protocol[name]={}", one_mib()))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 413);
    let body: serde_json::Value = response.json().await.expect("json");
    assert!(
        body["error"]
            .as_str()
            .is_some_and(|text| text.contains("64 KiB")),
        "{body}"
    );
    let api = app
        .client
        .post(app.url("/api/v1/pilots"))
        .header("content-type", "application/json")
        .body(format!("{{\"name\":\"{}\"}}", one_mib()))
        .send()
        .await
        .expect("request");
    assert_eq!(api.status(), 413);
    // A small body still reaches the access check.
    let fields = [
        "name",
        "hypothesis",
        "primary_metric",
        "guardrail_metrics",
        "plan][baseline_start",
        "plan][baseline_days",
        "plan][intervention_days",
        "plan][follow_up_days",
        "privacy_k",
    ]
    .map(|field| format!("protocol[{field}]"));
    let form: Vec<(&str, &str)> = fields.iter().map(|field| (field.as_str(), "")).collect();
    let small = app.call("create_pilot", &form, None).await;
    assert_eq!(small.status(), 401);
    app.stop().await;
}

async fn upload_routes_refuse_strangers_before_reading_and_take_files_from_admins(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let member = person(&db, "member@example.org", Role::Participant, None).await;
    let member_cookie = session_cookie(&db, member).await;
    let admin = person(&db, "admin@example.org", Role::Admin, None).await;
    let admin_cookie = session_cookie(&db, admin).await;
    // No kept-alive connections: the server closes one whose body it refused to read, and a
    // pooled client could send the next upload into that closing connection.
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .expect("a client");
    let upload = |cookie: Option<String>, csv: String| {
        let mut request = client
            .post(app.url("/api/v1/roster/imports?dry_run=true"))
            .header("content-type", "text/csv")
            .body(csv);
        if let Some(cookie) = cookie {
            request = request.header(reqwest::header::COOKIE, cookie);
        }
        request.send()
    };
    // The refusal may come while the client is still writing the megabyte: the server closed
    // the connection without reading it (a broken pipe for the client). Then the same request
    // with an empty body shows which refusal it was.
    let refused = |sent: reqwest::Result<reqwest::Response>, cookie: Option<String>| {
        let upload = &upload;
        async move {
            match sent {
                Ok(response) => response.status(),
                Err(error) if error.is_request() => upload(cookie, String::new())
                    .await
                    .expect("an empty request")
                    .status(),
                Err(error) => panic!("request: {error}"),
            }
        }
    };
    let anonymous = upload(None, one_mib()).await;
    assert_eq!(refused(anonymous, None).await, 401);
    let participant = upload(Some(member_cookie.clone()), one_mib()).await;
    assert_eq!(refused(participant, Some(member_cookie)).await, 403);
    // An admin's megabyte-sized file is read (and, being no roster, refused for what it is).
    let mut csv =
        String::from("email,name,team,department,manager_email,role,timezone,working_pattern\n");
    while csv.len() < 1024 * 1024 {
        csv.push_str(
            "someone@example.org,Some One,Team,Dept,,participant,Europe/Paris,full_time\n",
        );
    }
    let admin_upload = upload(Some(admin_cookie), csv).await.expect("request");
    assert_ne!(admin_upload.status(), 413);
    assert!(
        admin_upload.status().as_u16() < 500,
        "{}",
        admin_upload.status()
    );
    app.stop().await;
}

/// A client that opens a connection and sends half a request's headers is cut off after the
/// header read timeout, and a stop does not wait for it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_half_sent_request_is_cut_off_and_does_not_hold_up_a_stop() {
    use std::time::{Duration, Instant};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    crate::support::run_on_sqlite(|db| async move {
        let mut app = TestApp::spawn(&db).await;
        let address = app.address.trim_start_matches("http://").to_string();
        let mut half = tokio::net::TcpStream::connect(&address)
            .await
            .expect("connecting");
        half.write_all(b"GET /healthz HTTP/1.1\r\nHost: example\r\n")
            .await
            .expect("sending half the headers");
        let started = Instant::now();
        let limit = async_pilot::startup::HEADER_READ_TIMEOUT;
        let mut answer = Vec::new();
        tokio::time::timeout(
            limit + Duration::from_secs(10),
            half.read_to_end(&mut answer),
        )
        .await
        .expect("the server kept a half-sent request open")
        .ok();
        assert!(started.elapsed() >= limit - Duration::from_secs(1));

        // Another half-sent request, then a stop: the server ends once the timeout cuts it.
        let mut other = tokio::net::TcpStream::connect(&address)
            .await
            .expect("connecting");
        other
            .write_all(b"POST /fn/sign_in HTTP/1.1\r\n")
            .await
            .expect("sending a request line");
        tokio::time::sleep(Duration::from_millis(200)).await;
        app.request_stop();
        app.stop().await;
    })
    .await;
}
