//! Rollout readiness over real HTTP, on the demo: the finished pilot's verdict with its
//! evidence, the portfolio as JSON and CSV, a decision that departs from the suggestion (and
//! needs a rationale), a new follow-up after "extend", and a next wave turned into a draft.

use app::server::entities::{audit_event, pilot, pilot_team};
use chrono::Utc;
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};
use serde_json::{json, Value};

use crate::on_both_databases;
use crate::pulses::send;
use crate::support::{session_cookie, TestApp, TestDb};

on_both_databases!(
    the_finished_pilot_has_a_verdict_with_six_components_and_their_evidence,
    the_portfolio_lists_every_pilot_as_json_and_csv,
    a_decision_that_departs_from_the_suggestion_needs_a_rationale,
    extend_starts_a_new_follow_up_for_the_same_teams,
    an_expand_decision_turns_its_next_wave_into_a_draft_pilot,
);

const FINISHED: &str = "Written-first decisions";

async fn pilot_named(db: &TestDb, name: &str) -> i64 {
    pilot::Entity::find()
        .select_only()
        .column(pilot::Column::Id)
        .filter(pilot::Column::Name.eq(name))
        .into_tuple()
        .one(&db.connection)
        .await
        .expect("query")
        .expect("the pilot")
}

/// Loads the demo; returns (app, finished pilot id, an HR session, an executive session).
async fn demo(db: &TestDb) -> (TestApp, i64, String, String) {
    async_pilot::demo::load(&db.connection, Utc::now())
        .await
        .expect("demo loads");
    let finished = pilot_named(db, FINISHED).await;
    let person = |email: &'static str| async move {
        app::server::entities::person::Entity::find()
            .filter(app::server::entities::person::Column::Email.eq(email))
            .one(&db.connection)
            .await
            .expect("query")
            .expect("person")
            .id
    };
    let admin = session_cookie(db, person("admin@example.org").await).await;
    let executive = session_cookie(db, person("exec@example.org").await).await;
    (TestApp::spawn(db).await, finished, admin, executive)
}

async fn readiness(app: &TestApp, pilot: i64, cookie: &str) -> Value {
    let (status, body) = send(
        app,
        Method::GET,
        &format!("/api/v1/pilots/{pilot}/readiness"),
        cookie,
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body
}

fn suggested(body: &Value) -> String {
    body["assessment"]["verdict"]
        .as_str()
        .expect("a finished pilot has a verdict")
        .to_string()
}

/// A decision other than the one the verdict suggests.
fn other_than(verdict: &str) -> &'static str {
    match verdict {
        "expand" => "stop",
        _ => "expand",
    }
}

async fn decide(
    app: &TestApp,
    pilot: i64,
    cookie: &str,
    decision: &str,
    rationale: &str,
) -> (u16, Value) {
    send(
        app,
        Method::POST,
        &format!("/api/v1/pilots/{pilot}/decision"),
        cookie,
        Some(json!({"decision": decision, "rationale": rationale})),
    )
    .await
}

async fn the_finished_pilot_has_a_verdict_with_six_components_and_their_evidence(db: TestDb) {
    let (app, finished, _, executive) = demo(&db).await;
    let body = readiness(&app, finished, &executive).await;
    assert_eq!(body["stage"], "review");
    assert!(body["progress"].is_null(), "{body}");
    let verdict = suggested(&body);
    assert!(
        ["expand", "extend", "stop_and_rethink"].contains(&verdict.as_str()),
        "{verdict}"
    );
    let components = body["assessment"]["components"].as_array().expect("list");
    let kinds: Vec<&str> = components
        .iter()
        .map(|component| component["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(
        kinds,
        [
            "primary_metric",
            "guardrails",
            "participation",
            "champion_coverage",
            "manager_training",
            "pitfalls"
        ]
    );
    for component in components {
        assert!(!component["evidence"].as_str().expect("text").is_empty());
        assert!(!component["threshold"].as_str().expect("text").is_empty());
        assert!(component["source"].as_str().expect("link").starts_with('/'));
    }
    assert_eq!(
        components[0]["source"],
        format!("/pilots/{finished}/report#metric-meeting_load")
    );
    // Not "expand": whatever is missing is listed.
    if verdict != "expand" {
        assert!(!body["assessment"]["missing"]
            .as_array()
            .expect("list")
            .is_empty());
    }
    app.stop().await;
}

async fn the_portfolio_lists_every_pilot_as_json_and_csv(db: TestDb) {
    let (app, finished, _, executive) = demo(&db).await;
    let (status, body) = send(&app, Method::GET, "/api/v1/readiness", &executive, None).await;
    assert_eq!(status, 200, "{body}");
    let pilots = body["pilots"].as_array().expect("list");
    let count = pilot::Entity::find()
        .count(&db.connection)
        .await
        .expect("count");
    assert_eq!(pilots.len() as u64, count);
    let finished_row = pilots
        .iter()
        .find(|row| row["pilot_id"] == finished)
        .expect("the finished pilot");
    assert!(finished_row["assessment"]["verdict"].is_string());
    assert!(finished_row["primary_effect"]["estimate"].is_number());
    let running = pilots
        .iter()
        .find(|row| row["stage"] == "baseline")
        .expect("the demo's running pilot");
    assert!(running["assessment"]["verdict"].is_null());
    let progress = running["progress"].as_str().expect("progress");
    assert!(
        progress.starts_with("In progress: day ") && progress.ends_with(" of the baseline"),
        "{progress}"
    );
    let organisation = &body["organisation"];
    assert!(organisation["teams_piloted"].as_i64().expect("count") >= 3);
    assert!(organisation["departments_covered"].as_i64().expect("count") >= 1);

    let csv = app
        .client
        .get(app.url("/api/v1/readiness/csv"))
        .header("cookie", &executive)
        .send()
        .await
        .expect("csv");
    assert_eq!(csv.status(), 200);
    let text = csv.text().await.expect("body");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("pilot_id,pilot,stage,progress,verdict,decision"));
    assert_eq!(lines.len() as u64, count + 1, "{text}");
    app.stop().await;
}

async fn a_decision_that_departs_from_the_suggestion_needs_a_rationale(db: TestDb) {
    let (app, finished, admin, executive) = demo(&db).await;
    let verdict = suggested(&readiness(&app, finished, &admin).await);
    let decision = other_than(&verdict);

    // Executives read and never change.
    let (status, _) = decide(&app, finished, &executive, decision, "because").await;
    assert_eq!(status, 403);
    // The plain stage move no longer decides: it points to the readiness page.
    let (status, body) = send(
        &app,
        Method::POST,
        &format!("/api/v1/pilots/{finished}/stage"),
        &admin,
        Some(json!({"stage": "decided", "decision": decision})),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("readiness"), "{body}");

    let (status, body) = decide(&app, finished, &admin, decision, "  ").await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["field"], "rationale", "{body}");
    assert_eq!(
        readiness(&app, finished, &admin).await["stage"],
        "review",
        "nothing changed"
    );

    let rationale = "The board wants a wider test before committing.";
    let (status, body) = decide(&app, finished, &admin, decision, rationale).await;
    assert_eq!(status, 204, "{body}");
    let after = readiness(&app, finished, &executive).await;
    assert_eq!(after["stage"], "decided");
    assert_eq!(after["decision"], decision);
    assert_eq!(after["decisions"][0]["decision"], decision);
    assert_eq!(after["decisions"][0]["suggested"], verdict.as_str());
    assert_eq!(after["decisions"][0]["rationale"], rationale);
    let logged = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("pilot_decided"))
        .one(&db.connection)
        .await
        .expect("query")
        .expect("the decision is in the audit log");
    assert!(logged.detail.contains(rationale), "{}", logged.detail);

    // Decided once: a second decision is refused.
    let (status, _) = decide(&app, finished, &admin, decision, rationale).await;
    assert_eq!(status, 422);
    app.stop().await;
}

async fn extend_starts_a_new_follow_up_for_the_same_teams(db: TestDb) {
    let (app, finished, admin, _) = demo(&db).await;
    let path = format!("/api/v1/pilots/{finished}/extension");
    let (status, _) = send(
        &app,
        Method::POST,
        &path,
        &admin,
        Some(json!({"follow_up_days": 30})),
    )
    .await;
    assert_eq!(status, 409, "not decided yet");
    let (status, body) = decide(&app, finished, &admin, "extend", "More weeks of data.").await;
    assert_eq!(status, 204, "{body}");
    let teams_before = pilot_team::Entity::find()
        .filter(pilot_team::Column::PilotId.eq(finished))
        .count(&db.connection)
        .await
        .expect("count");

    let (status, body) = send(
        &app,
        Method::POST,
        &path,
        &admin,
        Some(json!({"follow_up_days": 500})),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["field"], "follow_up_days");
    let (status, body) = send(
        &app,
        Method::POST,
        &path,
        &admin,
        Some(json!({"follow_up_days": 21})),
    )
    .await;
    assert_eq!(status, 204, "{body}");

    let after = readiness(&app, finished, &admin).await;
    assert_eq!(after["stage"], "intervention", "{after}");
    assert!(after["decision"].is_null());
    assert_eq!(after["decisions"].as_array().expect("history").len(), 1);
    let row = pilot::Entity::find_by_id(finished)
        .one(&db.connection)
        .await
        .expect("query")
        .expect("pilot");
    assert_eq!(row.follow_up_days, 21);
    let follow_up_start = row.baseline_start
        + chrono::Days::new(
            u64::try_from(row.baseline_days + row.intervention_days).expect("days"),
        );
    assert_eq!(
        follow_up_start,
        app::domain::readiness::progress::next_monday(Utc::now().date_naive())
    );
    let teams_after = pilot_team::Entity::find()
        .filter(pilot_team::Column::PilotId.eq(finished))
        .count(&db.connection)
        .await
        .expect("count");
    assert_eq!(teams_before, teams_after, "the same teams");
    app.stop().await;
}

async fn an_expand_decision_turns_its_next_wave_into_a_draft_pilot(db: TestDb) {
    let (app, finished, admin, executive) = demo(&db).await;
    let (status, body) = decide(
        &app,
        finished,
        &admin,
        "expand",
        "The primary metric moved; we go on.",
    )
    .await;
    assert_eq!(status, 204, "{body}");
    let wave = readiness(&app, finished, &executive).await["next_wave"].clone();
    let teams = wave["teams"].as_array().expect("candidates").clone();
    assert!(teams.len() >= 2, "{wave}");
    let piloting: Vec<i64> = pilot_team::Entity::find()
        .select_only()
        .column(pilot_team::Column::TeamId)
        .filter(pilot_team::Column::Arm.eq("pilot"))
        .into_tuple()
        .all(&db.connection)
        .await
        .expect("query");
    for team in &teams {
        let id = team["team_id"].as_i64().expect("id");
        assert!(
            !piloting.contains(&id),
            "a piloting team is a candidate: {team}"
        );
    }
    let tiers: Vec<i64> = teams
        .iter()
        .map(|team| team["tier"].as_i64().expect("tier"))
        .collect();
    assert!(
        tiers.windows(2).all(|pair| pair[0] <= pair[1]),
        "ranked: {tiers:?}"
    );

    let path = format!("/api/v1/pilots/{finished}/next-wave");
    let (status, body) = send(
        &app,
        Method::POST,
        &path,
        &admin,
        Some(json!({"pilot_team_ids": [piloting[0]]})),
    )
    .await;
    assert_eq!(status, 422, "a piloting team is refused: {body}");
    assert_eq!(body["field"], "pilot_team_ids");

    let first = teams[0]["team_id"].as_i64().expect("id");
    let second = teams[1]["team_id"].as_i64().expect("id");
    let (status, body) = send(
        &app,
        Method::POST,
        &path,
        &admin,
        Some(json!({"pilot_team_ids": [first], "comparison_team_ids": [second]})),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let draft = body["pilot_id"].as_i64().expect("the draft's id");
    let row = pilot::Entity::find_by_id(draft)
        .one(&db.connection)
        .await
        .expect("query")
        .expect("the draft");
    assert_eq!(row.stage, "draft");
    assert_eq!(row.name, format!("{FINISHED} — next wave"));
    assert_eq!(
        row.baseline_start,
        app::domain::readiness::progress::next_monday(Utc::now().date_naive())
    );
    let arms: Vec<(i64, String, bool)> = pilot_team::Entity::find()
        .select_only()
        .column(pilot_team::Column::TeamId)
        .column(pilot_team::Column::Arm)
        .column(pilot_team::Column::Volunteered)
        .filter(pilot_team::Column::PilotId.eq(draft))
        .into_tuple()
        .all(&db.connection)
        .await
        .expect("query");
    assert_eq!(arms.len(), 2, "{arms:?}");
    assert!(arms.contains(&(first, "pilot".into(), true)));
    assert!(arms.contains(&(second, "comparison".into(), false)));

    // A draft's thresholds may change; the draft's readiness says so and has no verdict.
    let (status, body) = send(
        &app,
        Method::PUT,
        &format!("/api/v1/pilots/{draft}/readiness/thresholds"),
        &admin,
        Some(json!({"primary_p": 0.01, "guardrail_q": 0.1, "participation": 0.7, "training": 0.5})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let drafted = readiness(&app, draft, &admin).await;
    assert_eq!(drafted["thresholds"]["primary_p"], 0.01);
    assert_eq!(drafted["thresholds"]["participation"], 0.7);
    assert!(drafted["assessment"].is_null());
    // The finished pilot's thresholds locked with its protocol.
    let (status, _) = send(
        &app,
        Method::PUT,
        &format!("/api/v1/pilots/{finished}/readiness/thresholds"),
        &admin,
        Some(json!({"primary_p": 0.01, "guardrail_q": 0.1, "participation": 0.7, "training": 0.5})),
    )
    .await;
    assert_eq!(status, 409);
    app.stop().await;
}
