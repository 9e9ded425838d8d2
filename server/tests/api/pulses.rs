//! Pulse surveys over the JSON API: HR opens and closes, members answer once and edit until it
//! closes, managers rate only their own team's members, reminders are claimed once.

use app::{
    domain::pilot::PilotStage,
    server::{
        entities::{entry, outgoing_mail, pulse_response},
        mail::MailSettings,
        repo::{self, audit::Actor},
        services::{pilots, pulse_reminders::send_due_pulse_reminders},
    },
};
use chrono::{Days, NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};

use crate::on_both_databases;
use crate::pilots::{id_of, setup};
use crate::support::{session_cookie, TestApp, TestDb};

on_both_databases!(
    a_member_answers_once_and_edits_until_the_pulse_closes,
    only_consenting_members_of_the_pilot_answer,
    a_manager_rates_only_members_of_teams_they_manage,
    a_pulse_opens_once_per_phase_within_its_window,
    each_reminder_is_claimed_once_however_many_instances_run,
);

pub fn day(offset: i64) -> NaiveDate {
    let today = Utc::now().date_naive();
    if offset >= 0 {
        today + Days::new(offset as u64)
    } else {
        today - Days::new(offset.unsigned_abs())
    }
}

/// A pilot whose baseline started `start_days_ago`, with the listed people consenting through
/// Platform's link, its baseline started (membership frozen); returns (app, pilot, admin).
pub async fn running_pilot(
    db: &TestDb,
    start_days_ago: u64,
    joining: &[&str],
) -> (TestApp, i64, String) {
    let (pilot, platform_link, _) = setup(db, start_days_ago).await;
    let app = TestApp::spawn(db).await;
    for email in joining {
        let cookie = session_cookie(db, id_of(db, email).await).await;
        let joined = app
            .call("join_pilot", &[("token", &platform_link)], Some(&cookie))
            .await;
        assert_eq!(joined.status(), 200, "{email} joins");
    }
    pilots::advance(
        &db.connection,
        Actor::System,
        pilot,
        PilotStage::Baseline,
        None,
        Utc::now().date_naive(),
        Utc::now(),
    )
    .await
    .expect("baseline starts");
    let admin = session_cookie(db, id_of(db, "hr@example.org").await).await;
    (app, pilot, admin)
}

pub async fn send(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    cookie: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = app
        .client
        .request(method, app.url(path))
        .header("cookie", cookie);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, body)
}

/// Opens the baseline pulse from two days ago to ten days ahead (every time zone is inside).
pub async fn open_baseline_pulse(app: &TestApp, pilot: i64, admin: &str) -> i64 {
    let (status, body) = send(
        app,
        reqwest::Method::POST,
        &format!("/api/v1/pilots/{pilot}/pulses"),
        admin,
        Some(json!({"phase": "baseline", "opens_on": day(-2), "closes_on": day(10)})),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_i64().expect("id")
}

pub fn answers(quality: i64) -> Value {
    json!({"quality": quality, "statements": [4, 4, 3, 2, 5, 4], "satisfaction": 8, "burnout": false})
}

async fn pulse_entries(db: &TestDb, person: i64) -> Vec<entry::Model> {
    entry::Entity::find()
        .filter(entry::Column::PersonId.eq(person))
        .filter(entry::Column::Source.eq("pulse"))
        .all(&db.connection)
        .await
        .expect("entries")
}

async fn a_member_answers_once_and_edits_until_the_pulse_closes(db: TestDb) {
    let (app, pilot, admin) = running_pilot(&db, 3, &["sam@example.org"]).await;
    let pulse = open_baseline_pulse(&app, pilot, &admin).await;
    let sam = id_of(&db, "sam@example.org").await;
    let cookie = session_cookie(&db, sam).await;
    let answer = format!("/api/v1/pulses/{pulse}/response");

    let (status, mine) = send(
        &app,
        reqwest::Method::GET,
        "/api/v1/me/pulses",
        &cookie,
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(mine[0]["id"], pulse);
    assert_eq!(mine[0]["can_answer"], true);
    assert_eq!(mine[0]["answers"], Value::Null);
    assert_eq!(mine[0]["statements"].as_array().map(Vec::len), Some(6));

    let (status, _) = send(
        &app,
        reqwest::Method::PUT,
        &answer,
        &cookie,
        Some(answers(4)),
    )
    .await;
    assert_eq!(status, 204);
    let first = pulse_entries(&db, sam).await;
    assert_eq!(
        first.len(),
        9,
        "self rating, six statements, satisfaction, burnout"
    );
    let (_, mine) = send(
        &app,
        reqwest::Method::GET,
        "/api/v1/me/pulses",
        &cookie,
        None,
    )
    .await;
    let answered_on = mine[0]["answered_on"].clone();
    assert_eq!(
        mine[0]["answers"],
        answers(4),
        "the member reads their answer back"
    );

    let (status, _) = send(
        &app,
        reqwest::Method::PUT,
        &answer,
        &cookie,
        Some(answers(2)),
    )
    .await;
    assert_eq!(status, 204, "answering again replaces the answer");
    let edited = pulse_entries(&db, sam).await;
    assert_eq!(edited.len(), 9);
    let quality = edited
        .iter()
        .find(|entry| entry.measure == "contribution_quality")
        .expect("quality");
    assert_eq!((quality.value, quality.qualifier.as_str()), (2.0, "self"));
    assert!(edited
        .iter()
        .all(|entry| entry.entry_date == first[0].entry_date));
    let (_, mine) = send(
        &app,
        reqwest::Method::GET,
        "/api/v1/me/pulses",
        &cookie,
        None,
    )
    .await;
    assert_eq!(
        mine[0]["answered_on"], answered_on,
        "an edit keeps the first date"
    );
    let rows = pulse_response::Entity::find()
        .count(&db.connection)
        .await
        .expect("count");
    assert_eq!(rows, 1, "one response per person and pulse");

    let (status, body) = send(
        &app,
        reqwest::Method::PUT,
        &answer,
        &cookie,
        Some(answers(9)),
    )
    .await;
    assert_eq!((status, body["field"].as_str()), (422, Some("quality")));

    let close = format!("/api/v1/pulses/{pulse}/close");
    let (status, _) = send(&app, reqwest::Method::POST, &close, &admin, None).await;
    assert_eq!(status, 204);
    let (status, _) = send(
        &app,
        reqwest::Method::PUT,
        &answer,
        &cookie,
        Some(answers(5)),
    )
    .await;
    assert_eq!(status, 409, "a closed pulse takes no answer");
    let (status, _) = send(&app, reqwest::Method::POST, &close, &admin, None).await;
    assert_eq!(status, 409, "closed already");
    let (_, mine) = send(
        &app,
        reqwest::Method::GET,
        "/api/v1/me/pulses",
        &cookie,
        None,
    )
    .await;
    assert_eq!(mine, json!([]));
    app.stop().await;
}

async fn only_consenting_members_of_the_pilot_answer(db: TestDb) {
    let (app, pilot, admin) = running_pilot(&db, 3, &["sam@example.org", "ann@example.org"]).await;
    let pulse = open_baseline_pulse(&app, pilot, &admin).await;
    let answer = format!("/api/v1/pulses/{pulse}/response");
    let ben = session_cookie(&db, id_of(&db, "ben@example.org").await).await;
    let (status, body) = send(&app, reqwest::Method::PUT, &answer, &ben, Some(answers(3))).await;
    assert_eq!(status, 409, "Ben did not consent: {body}");

    let ann = id_of(&db, "ann@example.org").await;
    let ann_cookie = session_cookie(&db, ann).await;
    let withdrawn = app
        .call(
            "withdraw_consent",
            &[("pilot_id", &pilot.to_string())],
            Some(&ann_cookie),
        )
        .await;
    assert_eq!(withdrawn.status(), 200);
    let (status, _) = send(
        &app,
        reqwest::Method::PUT,
        &answer,
        &ann_cookie,
        Some(answers(3)),
    )
    .await;
    assert_eq!(status, 409, "Ann withdrew");
    assert!(pulse_entries(&db, ann).await.is_empty());

    let executive = crate::support::person(
        &db,
        "ceo@example.org",
        app::domain::account::Role::Executive,
        None,
    )
    .await;
    let executive = session_cookie(&db, executive).await;
    let (status, _) = send(
        &app,
        reqwest::Method::PUT,
        &answer,
        &executive,
        Some(answers(3)),
    )
    .await;
    assert_eq!(status, 403);
    app.stop().await;
}

async fn a_manager_rates_only_members_of_teams_they_manage(db: TestDb) {
    let (app, pilot, admin) = running_pilot(&db, 3, &["sam@example.org"]).await;
    let pulse = open_baseline_pulse(&app, pilot, &admin).await;
    let [lea, sam, ann, kim] = [
        id_of(&db, "lea@example.org").await,
        id_of(&db, "sam@example.org").await,
        id_of(&db, "ann@example.org").await,
        id_of(&db, "kim@example.org").await,
    ];
    let platform = repo::teams::find_by_name(&db.connection, "Platform")
        .await
        .expect("query")
        .expect("Platform");
    repo::teams::set_manager(&db.connection, platform.id, Some(lea))
        .await
        .expect("manager");
    // The roster made Lea Data's manager too (Kim reports to her); Data now has none.
    let data = repo::teams::find_by_name(&db.connection, "Data")
        .await
        .expect("query")
        .expect("Data");
    repo::teams::set_manager(&db.connection, data.id, None)
        .await
        .expect("no manager");
    let lea_cookie = session_cookie(&db, lea).await;
    let rate = |person: i64| format!("/api/v1/pulses/{pulse}/ratings/{person}");

    let (_, mine) = send(
        &app,
        reqwest::Method::GET,
        "/api/v1/me/pulses",
        &lea_cookie,
        None,
    )
    .await;
    assert_eq!(mine[0]["can_answer"], false, "Lea did not consent herself");
    let listed: Vec<i64> = mine[0]["members_to_rate"]
        .as_array()
        .expect("members")
        .iter()
        .map(|member| member["person_id"].as_i64().expect("id"))
        .collect();
    assert_eq!(
        listed.len(),
        4,
        "every other frozen member, consenting or not: {listed:?}"
    );
    assert!(!listed.contains(&lea));

    let four = Some(json!({"rating": 4}));
    let (status, _) = send(
        &app,
        reqwest::Method::PUT,
        &rate(sam),
        &lea_cookie,
        four.clone(),
    )
    .await;
    assert_eq!(status, 204);
    let stored = pulse_entries(&db, sam).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(
        (
            stored[0].qualifier.as_str(),
            stored[0].value,
            stored[0].author_id
        ),
        ("manager", 4.0, Some(lea))
    );
    let (status, _) = send(
        &app,
        reqwest::Method::PUT,
        &rate(ann),
        &lea_cookie,
        four.clone(),
    )
    .await;
    assert_eq!(
        status, 204,
        "accepted, so the answer does not tell who consented"
    );
    assert!(pulse_entries(&db, ann).await.is_empty(), "but not stored");

    let (status, _) = send(
        &app,
        reqwest::Method::PUT,
        &rate(kim),
        &lea_cookie,
        four.clone(),
    )
    .await;
    assert_eq!(status, 403, "Kim is in Data, which Lea does not manage");
    let sam_cookie = session_cookie(&db, sam).await;
    let (status, _) = send(
        &app,
        reqwest::Method::PUT,
        &rate(ann),
        &sam_cookie,
        four.clone(),
    )
    .await;
    assert_eq!(status, 403, "Sam manages no team");
    let (status, _) = send(&app, reqwest::Method::PUT, &rate(lea), &lea_cookie, four).await;
    assert_eq!(status, 422, "nobody rates themselves");
    let (status, body) = send(
        &app,
        reqwest::Method::PUT,
        &rate(sam),
        &lea_cookie,
        Some(json!({"rating": 0})),
    )
    .await;
    assert_eq!((status, body["field"].as_str()), (422, Some("rating")));
    app.stop().await;
}

async fn a_pulse_opens_once_per_phase_within_its_window(db: TestDb) {
    let (app, pilot, admin) = running_pilot(&db, 3, &[]).await;
    let path = format!("/api/v1/pilots/{pilot}/pulses");
    // The baseline runs from three days ago for 30 days.
    let outside = json!({"phase": "baseline", "opens_on": day(0), "closes_on": day(40)});
    let (status, body) = send(&app, reqwest::Method::POST, &path, &admin, Some(outside)).await;
    assert_eq!(
        (status, body["field"].as_str()),
        (422, Some("closes_on")),
        "{body}"
    );
    let backwards = json!({"phase": "baseline", "opens_on": day(5), "closes_on": day(1)});
    let (status, _) = send(&app, reqwest::Method::POST, &path, &admin, Some(backwards)).await;
    assert_eq!(status, 422);
    open_baseline_pulse(&app, pilot, &admin).await;
    let again = json!({"phase": "baseline", "opens_on": day(0), "closes_on": day(5)});
    let (status, _) = send(&app, reqwest::Method::POST, &path, &admin, Some(again)).await;
    assert_eq!(status, 409, "one pulse per pilot and phase");
    let (status, listed) = send(&app, reqwest::Method::GET, &path, &admin, None).await;
    assert_eq!(status, 200);
    assert_eq!(listed[0]["status"], "open");
    assert_eq!(listed[0]["phase"], "baseline");
    app.stop().await;
}

async fn each_reminder_is_claimed_once_however_many_instances_run(db: TestDb) {
    let joining = ["sam@example.org", "ann@example.org", "ben@example.org"];
    let (app, pilot, admin) = running_pilot(&db, 3, &joining).await;
    let pulse = open_baseline_pulse(&app, pilot, &admin).await;
    let sam = session_cookie(&db, id_of(&db, "sam@example.org").await).await;
    let answer = format!("/api/v1/pulses/{pulse}/response");
    let (status, _) = send(&app, reqwest::Method::PUT, &answer, &sam, Some(answers(4))).await;
    assert_eq!(status, 204);

    let mail = MailSettings {
        public_url: "https://pilot.example.org".into(),
        delivers: false,
    };
    let now = Utc::now();
    let (first, second) = tokio::join!(
        send_due_pulse_reminders(&db.connection, &mail, now),
        send_due_pulse_reminders(&db.connection, &mail, now),
    );
    let (first, second) = (first.expect("first"), second.expect("second"));
    assert_eq!(
        first + second,
        2,
        "Ann and Ben, who have not answered, once each"
    );
    let queued = outgoing_mail::Entity::find()
        .all(&db.connection)
        .await
        .expect("outbox");
    assert_eq!(queued.len(), 2);
    assert!(queued
        .iter()
        .all(|mail| mail.body.contains("https://pilot.example.org/pulse")));
    assert!(queued
        .iter()
        .all(|mail| mail.recipient != "sam@example.org"));
    let later = send_due_pulse_reminders(&db.connection, &mail, now)
        .await
        .expect("again");
    assert_eq!(later, 0, "the opening reminder went out already");

    // Three days before it closes (ten days ahead): the second reminder, once.
    let closing = now + chrono::Duration::days(7);
    assert_eq!(
        send_due_pulse_reminders(&db.connection, &mail, closing)
            .await
            .expect("closing"),
        2
    );
    assert_eq!(
        send_due_pulse_reminders(&db.connection, &mail, closing)
            .await
            .expect("closing again"),
        0
    );
    app.stop().await;
}
