//! Champions over real HTTP on both databases: opting in and out (out removes a candidate at
//! once), nominations as HR and the nominee see them, HR's decisions and stepping down in the
//! audit log.

use app::{domain::champions::Coverage, server::entities::audit_event};
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};

use crate::on_both_databases;
use crate::pilots::{id_of, setup};
use crate::pulses::send;
use crate::support::{session_cookie, TestApp, TestDb};

on_both_databases!(
    opting_out_removes_a_candidate_at_once,
    nominees_see_reasons_but_names_only_when_allowed,
    hr_confirms_a_champion_coverage_changes_and_stepping_down_is_logged,
);

pub async fn cookie(db: &TestDb, email: &str) -> String {
    session_cookie(db, id_of(db, email).await).await
}

pub async fn candidates(app: &TestApp, hr: &str) -> Vec<Value> {
    let (status, list) = send(app, Method::GET, "/api/v1/champions/candidates", hr, None).await;
    assert_eq!(status, 200, "{list}");
    list["candidates"].as_array().cloned().unwrap_or_default()
}

fn find<'a>(candidates: &'a [Value], email: &str) -> Option<&'a Value> {
    candidates
        .iter()
        .find(|candidate| candidate["email"] == email)
}

async fn nominate(app: &TestApp, who: &str, email: &str, reveal: bool) -> u16 {
    let body = json!({"email": email, "reason": "writes hand-overs nobody needs a call for", "reveal_nominator": reveal});
    send(app, Method::POST, "/api/v1/nominations", who, Some(body))
        .await
        .0
}

async fn opt(app: &TestApp, who: &str, opted_in: bool) {
    let body = json!({"opted_in": opted_in});
    let (status, _) = send(
        app,
        Method::PUT,
        "/api/v1/me/champion/opt-in",
        who,
        Some(body),
    )
    .await;
    assert_eq!(status, 204);
}

async fn opting_out_removes_a_candidate_at_once(db: TestDb) {
    setup(&db, 3).await;
    let app = TestApp::spawn(&db).await;
    let (sam, kim, hr) = (
        cookie(&db, "sam@example.org").await,
        cookie(&db, "kim@example.org").await,
        cookie(&db, "hr@example.org").await,
    );
    assert!(candidates(&app, &hr).await.is_empty(), "off by default");
    opt(&app, &sam, true).await;
    assert_eq!(nominate(&app, &kim, "sam@example.org", false).await, 204);
    assert_eq!(nominate(&app, &kim, "lea@example.org", false).await, 204);
    let list = candidates(&app, &hr).await;
    let sam_row = find(&list, "sam@example.org").expect("sam opted in");
    assert_eq!(sam_row["opted_in"], true);
    let lea = find(&list, "lea@example.org").expect("nominated lea appears");
    assert_eq!(lea["opted_in"], false);
    for signal in lea["signals"].as_array().expect("signals") {
        let expected_present = signal["signal"] == "nominations";
        assert_eq!(!signal["value"].is_null(), expected_present, "{signal}");
    }
    assert!((lea["score"].as_f64().expect("score") - 100.0 / 3.0).abs() < 1e-9);

    opt(&app, &sam, false).await;
    let list = candidates(&app, &hr).await;
    assert!(
        find(&list, "sam@example.org").is_none(),
        "off takes sam off at once, nominated or not"
    );
    assert!(find(&list, "lea@example.org").is_some());
    let (_, mine) = send(&app, Method::GET, "/api/v1/me/champion", &sam, None).await;
    assert_eq!(
        (mine["opted_in"].clone(), mine["nominations"].clone()),
        (json!(false), json!(1))
    );
    app.stop().await;
}

async fn nominees_see_reasons_but_names_only_when_allowed(db: TestDb) {
    setup(&db, 3).await;
    let app = TestApp::spawn(&db).await;
    let (sam, kim, lea) = (
        cookie(&db, "sam@example.org").await,
        cookie(&db, "kim@example.org").await,
        cookie(&db, "lea@example.org").await,
    );
    assert_eq!(nominate(&app, &kim, "sam@example.org", false).await, 204);
    assert_eq!(nominate(&app, &lea, "sam@example.org", true).await, 204);
    // Nominating again replaces the sentence; it does not count twice.
    assert_eq!(nominate(&app, &lea, "sam@example.org", true).await, 204);
    assert_eq!(
        nominate(&app, &sam, "sam@example.org", false).await,
        422,
        "not oneself"
    );
    assert_eq!(nominate(&app, &sam, "ghost@example.org", false).await, 422);
    let (_, mine) = send(&app, Method::GET, "/api/v1/me/champion", &sam, None).await;
    assert_eq!(mine["nominations"], 2);
    let from: Vec<Value> = mine["reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .map(|r| r["from"].clone())
        .collect();
    assert_eq!(from, [Value::Null, json!("Lea Lead")]);
    let exec = crate::support::person(
        &db,
        "ceo@example.org",
        app::domain::account::Role::Executive,
        None,
    )
    .await;
    let exec = session_cookie(&db, exec).await;
    assert_eq!(nominate(&app, &exec, "sam@example.org", false).await, 403);
    app.stop().await;
}

async fn audit_count(db: &TestDb, action: &str) -> u64 {
    audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq(action))
        .count(&db.connection)
        .await
        .expect("count")
}

async fn hr_confirms_a_champion_coverage_changes_and_stepping_down_is_logged(db: TestDb) {
    let (pilot, _, _) = setup(&db, 3).await;
    let app = TestApp::spawn(&db).await;
    let (sam, hr) = (
        cookie(&db, "sam@example.org").await,
        cookie(&db, "hr@example.org").await,
    );
    let coverage = app::server::repo::champions::pilot_team_coverage(&db.connection, pilot)
        .await
        .expect("coverage");
    assert_eq!(coverage.len(), 1, "the pilot arm only: Platform");
    assert_eq!(coverage[0].coverage, Coverage::None);

    let sam_id = id_of(&db, "sam@example.org").await;
    let path = format!("/api/v1/people/{sam_id}/champion");
    let confirm = json!({"decision": "confirm", "note": "agreed with Lea"});
    let (status, _) = send(&app, Method::PUT, &path, &hr, Some(confirm.clone())).await;
    assert_eq!(status, 409, "sam is not a candidate yet");
    opt(&app, &sam, true).await;
    let (status, _) = send(&app, Method::PUT, &path, &sam, Some(confirm.clone())).await;
    assert_eq!(status, 403, "only HR decides");
    let (status, _) = send(&app, Method::PUT, &path, &hr, Some(confirm)).await;
    assert_eq!(status, 204);
    assert_eq!(audit_count(&db, "champion_confirmed").await, 1);

    let (_, report) = send(&app, Method::GET, "/api/v1/champions/coverage", &hr, None).await;
    let ours = report["pilots"]
        .as_array()
        .expect("pilots")
        .iter()
        .find(|p| p["pilot_id"] == pilot)
        .expect("pilot")
        .clone();
    assert_eq!(
        (ours["in_team"].clone(), ours["share"].clone()),
        (json!(1), json!(1.0))
    );
    assert_eq!(ours["teams"][0]["coverage"], "in_team");
    let (_, champions) = send(&app, Method::GET, "/api/v1/champions", &sam, None).await;
    assert_eq!(champions[0]["name"], "Sam Dev");
    let (_, people) = send(&app, Method::GET, "/api/v1/people?q=sam", &hr, None).await;
    assert_eq!(
        people["people"][0]["champion"], true,
        "the badge in people lists"
    );

    let (status, _) = send(
        &app,
        Method::POST,
        "/api/v1/me/champion/step-down",
        &sam,
        None,
    )
    .await;
    assert_eq!(status, 204);
    assert_eq!(audit_count(&db, "champion_stepped_down").await, 1);
    let (status, _) = send(
        &app,
        Method::POST,
        "/api/v1/me/champion/step-down",
        &sam,
        None,
    )
    .await;
    assert_eq!(status, 409, "only a confirmed champion steps down");
    let coverage = app::server::repo::champions::pilot_team_coverage(&db.connection, pilot)
        .await
        .expect("coverage");
    assert_eq!(coverage[0].coverage, Coverage::None);
    let dismiss = json!({"decision": "dismiss"});
    let (status, _) = send(&app, Method::PUT, &path, &hr, Some(dismiss)).await;
    assert_eq!(status, 204);
    assert_eq!(audit_count(&db, "champion_dismissed").await, 1);
    app.stop().await;
}
