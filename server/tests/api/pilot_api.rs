//! The pilots API as an integration sees it: the spellings its document gives, numbers as
//! numbers, lists as lists, every refusal in the `{"error","field"}` shape, and stored data
//! from before the stage spelling was fixed.

use app::{
    domain::{account::Role, pilot::PilotStage},
    server::{entities::pilot, repo::audit::Actor, services::pilots},
};
use chrono::Utc;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{EntityTrait, Set};
use serde_json::{json, Value};

use crate::on_both_databases;
use crate::support::{person, session_cookie, TestApp, TestDb};

on_both_databases!(
    every_stage_the_document_names_is_accepted_and_judged_by_the_rules,
    skipping_a_stage_is_refused_with_its_reason,
    numbers_lists_and_every_refusal_in_the_error_shape,
    stages_stored_as_follow_hyphen_up_are_migrated,
    team_changes_are_audited_with_the_change,
);

/// A protocol with no teams yet, starting today, in the JSON the API takes.
fn protocol(name: &str) -> Value {
    json!({
        "name": name,
        "hypothesis": "Written updates instead of stand-ups protect deep work",
        "primary_metric": "deep_work_protection_rate",
        "guardrail_metrics": ["satisfaction_and_burnout", "decision_velocity"],
        "baseline_start": Utc::now().date_naive().to_string(),
        "baseline_days": 28,
        "intervention_days": 28,
        "follow_up_days": 30,
        "privacy_k": 5,
    })
}

async fn send(app: &TestApp, method: &str, path: &str, cookie: &str, body: Value) -> (u16, Value) {
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
    let response = app
        .client
        .request(method, app.url(path))
        .header("cookie", cookie)
        .json(&body)
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    let text = response.text().await.expect("body");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn admin_app(db: &TestDb) -> (TestApp, String) {
    let admin = person(db, "hr@example.org", Role::Admin, None).await;
    let cookie = session_cookie(db, admin).await;
    (TestApp::spawn(db).await, cookie)
}

async fn create(app: &TestApp, cookie: &str, name: &str) -> i64 {
    let (status, created) = send(app, "POST", "/api/v1/pilots", cookie, protocol(name)).await;
    assert_eq!(status, 201, "{created}");
    created["id"].as_i64().expect("id")
}

/// Follows `$ref`s to the schema they name.
fn resolve<'a>(document: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(reference) => {
            let name = reference.rsplit('/').next().expect("schema name");
            &document["components"]["schemas"][name]
        }
        None => schema,
    }
}

async fn every_stage_the_document_names_is_accepted_and_judged_by_the_rules(db: TestDb) {
    let (app, cookie) = admin_app(&db).await;
    let document: Value = app
        .get("/api/v1/openapi.json")
        .await
        .json()
        .await
        .expect("the API document");
    let operation = &document["paths"]["/api/v1/pilots/{id}/stage"]["post"];
    let body = resolve(
        &document,
        &operation["requestBody"]["content"]["application/json"]["schema"],
    );
    let stage = resolve(&document, &body["properties"]["stage"]);
    let names: Vec<&str> = stage["enum"]
        .as_array()
        .expect("the stage body documents its values")
        .iter()
        .map(|name| name.as_str().expect("a name"))
        .collect();
    let expected: Vec<&str> = PilotStage::ALL.iter().map(|stage| stage.slug()).collect();
    assert_eq!(names, expected);
    assert!(names.contains(&"follow_up"));

    // A draft without teams cannot move anywhere: every documented name must reach the rules
    // (field "stage"), none may fail to deserialise (field "body").
    let pilot = create(&app, &cookie, "Async Tuesdays").await;
    let path = format!("/api/v1/pilots/{pilot}/stage");
    for name in names {
        let (status, answer) = send(&app, "POST", &path, &cookie, json!({"stage": name})).await;
        assert_eq!(status, 422, "{name}: {answer}");
        assert_eq!(answer["field"], "stage", "{name}: {answer}");
    }
    let (status, answer) = send(&app, "POST", &path, &cookie, json!({"stage": "follow-up"})).await;
    assert_eq!(
        (status, &answer["field"]),
        (422, &json!("body")),
        "{answer}"
    );
    app.stop().await;
}

async fn skipping_a_stage_is_refused_with_its_reason(db: TestDb) {
    let (app, cookie) = admin_app(&db).await;
    let pilot = create(&app, &cookie, "Async Tuesdays").await;
    let path = format!("/api/v1/pilots/{pilot}/stage");
    let (status, answer) = send(
        &app,
        "POST",
        &path,
        &cookie,
        json!({"stage": "intervention"}),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        answer,
        json!({
            "error": "stage: a pilot in Draft cannot move to Intervention; the next stage is Baseline",
            "field": "stage",
        })
    );
    // The page's server function says the same.
    let id = pilot.to_string();
    let form = [("id", id.as_str()), ("stage", "intervention")];
    let response = app.call("advance_pilot", &form, Some(&cookie)).await;
    assert_eq!(response.status(), 422);
    let text = response.text().await.expect("body");
    assert!(text.contains("cannot move to Intervention"), "{text}");
    app.stop().await;
}

async fn numbers_lists_and_every_refusal_in_the_error_shape(db: TestDb) {
    let (app, cookie) = admin_app(&db).await;
    let mut as_text = protocol("Async Tuesdays");
    as_text["baseline_days"] = json!("28");
    let (status, answer) = send(&app, "POST", "/api/v1/pilots", &cookie, as_text).await;
    assert_eq!(
        (status, &answer["field"]),
        (422, &json!("body")),
        "{answer}"
    );
    assert!(answer["error"]
        .as_str()
        .is_some_and(|error| error.contains("baseline_days")));

    let mut too_short = protocol("Async Tuesdays");
    too_short["intervention_days"] = json!(3);
    let (status, answer) = send(&app, "POST", "/api/v1/pilots", &cookie, too_short).await;
    assert_eq!(
        (status, &answer["field"]),
        (422, &json!("intervention_days"))
    );

    let pilot = create(&app, &cookie, "Async Tuesdays").await;
    let (status, answer) = send(
        &app,
        "POST",
        "/api/v1/pilots",
        &cookie,
        protocol("Async Tuesdays"),
    )
    .await;
    assert_eq!(status, 409, "the name is taken: {answer}");
    let detail: Value = app
        .get_as(&format!("/api/v1/pilots/{pilot}"), &cookie)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(detail["baseline_days"], 28);
    assert_eq!(detail["privacy_k"], 5);
    assert_eq!(
        detail["guardrail_metrics"],
        json!(["satisfaction_and_burnout", "decision_velocity"])
    );
    assert_eq!(
        (&detail["stage"], &detail["next_stage"]),
        (&json!("draft"), &json!("baseline"))
    );

    // What a client read can be sent back as the protocol.
    let mut change = protocol("Async Tuesdays");
    change["privacy_k"] = detail["privacy_k"].clone();
    change["guardrail_metrics"] = json!(["meeting_load"]);
    let path = format!("/api/v1/pilots/{pilot}/protocol");
    let (status, answer) = send(&app, "PUT", &path, &cookie, json!({"protocol": change})).await;
    assert_eq!(status, 204, "{answer}");

    let (status, answer) = send(&app, "GET", "/api/v1/pilots/abc", &cookie, Value::Null).await;
    assert_eq!(
        (status, &answer["field"]),
        (422, &json!("path")),
        "{answer}"
    );
    let (status, answer) = send(
        &app,
        "POST",
        "/api/v1/pilots/1/teams",
        &cookie,
        json!({"team_id": 1, "arm": "control"}),
    )
    .await;
    assert_eq!(
        (status, &answer["field"]),
        (422, &json!("body")),
        "{answer}"
    );
    app.stop().await;
}

async fn stages_stored_as_follow_hyphen_up_are_migrated(db: TestDb) {
    let migrations = Migrator::migrations();
    let position = migrations
        .iter()
        .position(|migration| migration.name().ends_with("_rename_follow_up_stage"))
        .expect("the rename migration");
    let after = u32::try_from(migrations.len() - position).expect("count");
    Migrator::down(&db.connection, Some(after))
        .await
        .expect("back to before the rename");
    let now = Utc::now();
    // Only the id comes back: later migrations' columns do not exist yet.
    let row = pilot::ActiveModel {
        name: Set("Written before".into()),
        hypothesis: Set("Written updates protect deep work".into()),
        primary_metric: Set("meeting_load".into()),
        guardrail_metrics: Set(String::new()),
        baseline_start: Set(now.date_naive()),
        baseline_days: Set(30),
        intervention_days: Set(28),
        follow_up_days: Set(30),
        privacy_k: Set(5),
        stage: Set("follow-up".into()),
        decision: Set(None),
        protocol_locked_at: Set(Some(now)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let id = pilot::Entity::insert(row)
        .exec(&db.connection)
        .await
        .expect("a pilot stored the old way")
        .last_insert_id;
    Migrator::up(&db.connection, None).await.expect("migrate");
    let detail = pilots::detail(&db.connection, Actor::System, id, Utc::now())
        .await
        .expect("readable");
    assert_eq!(detail.stage, PilotStage::FollowUp);
    assert_eq!(detail.next_stage, Some(PilotStage::Review));
}

async fn team_changes_are_audited_with_the_change(db: TestDb) {
    let (app, cookie) = admin_app(&db).await;
    let (status, _) = send(
        &app,
        "POST",
        "/api/v1/departments",
        &cookie,
        json!({"name": "Research"}),
    )
    .await;
    assert_eq!(status, 201);
    let team = json!({"name": "Lab", "department": "Research", "manager_email": "", "time_zone": "Europe/Paris"});
    let (status, team) = send(&app, "POST", "/api/v1/teams", &cookie, team).await;
    assert_eq!(status, 201, "{team}");
    let pilot = create(&app, &cookie, "Async Tuesdays").await;
    let enrollment = json!({"team_id": team["id"], "arm": "comparison"});
    let path = format!("/api/v1/pilots/{pilot}/teams");
    let (status, link) = send(&app, "POST", &path, &cookie, enrollment).await;
    assert_eq!(status, 201, "{link}");
    let detail: Value = app
        .get_as(&format!("/api/v1/pilots/{pilot}"), &cookie)
        .await
        .json()
        .await
        .expect("JSON");
    let pilot_team = &detail["teams"][0]["pilot_team_id"];
    let path = format!("/api/v1/pilot-teams/{pilot_team}/link");
    let (status, _) = send(&app, "POST", &path, &cookie, Value::Null).await;
    assert_eq!(status, 200);
    let log = app
        .post_as("/api/v1/audit-events/export", &cookie)
        .await
        .text()
        .await
        .expect("CSV");
    for line in [
        "pilot_created",
        "pilot_team_added",
        "pilot_team_link_renewed",
    ] {
        assert!(log.contains(line), "{line} missing from\n{log}");
    }
    app.stop().await;
}
