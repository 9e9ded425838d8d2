//! A pilot run end to end through the JSON API: the organisation, a pilot, its teams and
//! enrollment links, the lifecycle, and a member joining and withdrawing.

use app::server::{
    repo::{self, audit::Actor},
    services::roster,
};
use chrono::Utc;
use serde_json::Value;

use crate::on_both_databases;
use crate::pilots::protocol;
use crate::roster::ROSTER;
use crate::support::{session_cookie, TestApp, TestDb};

on_both_databases!(a_pilot_runs_end_to_end_through_the_json_api);

/// The same protocol as the API takes it: numbers as numbers, guardrails as a list.
fn protocol_json(start_days_ago: u64, privacy_k: i64) -> Value {
    let form = protocol(start_days_ago);
    serde_json::json!({
        "name": form.name,
        "hypothesis": form.hypothesis,
        "primary_metric": "deep_work_protection_rate",
        "guardrail_metrics": ["satisfaction_and_burnout"],
        "baseline_start": form.plan.baseline_start,
        "baseline_days": 30,
        "intervention_days": 28,
        "follow_up_days": 30,
        "privacy_k": privacy_k,
    })
}

pub use crate::pulses::send;

async fn a_pilot_runs_end_to_end_through_the_json_api(db: TestDb) {
    use reqwest::Method;
    roster::import(&db.connection, ROSTER, Actor::System, Utc::now())
        .await
        .expect("import")
        .expect("clean");
    let app = TestApp::spawn(&db).await;
    let id_of = |email: &str| {
        let db = &db;
        let email = email.to_string();
        async move {
            app::server::repo::people::find_row_by_email(
                &db.connection,
                &app::domain::account::Email::parse(&email).expect("email"),
            )
            .await
            .expect("query")
            .expect("person")
            .id
        }
    };
    let hr = session_cookie(&db, id_of("hr@example.org").await).await;
    let sam = session_cookie(&db, id_of("sam@example.org").await).await;

    // The organisation: a department, a team in it, a person moved there.
    let (status, created) = send(
        &app,
        Method::POST,
        "/api/v1/departments",
        &hr,
        Some(serde_json::json!({"name": "Research"})),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let research = created["id"].as_i64().expect("id");
    let (status, _) = send(
        &app,
        Method::PUT,
        &format!("/api/v1/departments/{research}"),
        &hr,
        Some(serde_json::json!({"name": "R&D"})),
    )
    .await;
    assert_eq!(status, 204);
    let team = serde_json::json!({"name": "Lab", "department": "R&D", "manager_email": "lea@example.org", "time_zone": "Europe/Paris"});
    let (status, created) = send(&app, Method::POST, "/api/v1/teams", &hr, Some(team)).await;
    assert_eq!(status, 201, "{created}");
    let kim = id_of("kim@example.org").await;
    let moved = serde_json::json!({"name": "Kim Data", "team": "Lab", "manager_email": "lea@example.org", "time_zone": "Europe/London", "working_pattern": "part_time"});
    let (status, _) = send(
        &app,
        Method::PUT,
        &format!("/api/v1/people/{kim}"),
        &hr,
        Some(moved),
    )
    .await;
    assert_eq!(status, 204);
    let (status, _) = send(
        &app,
        Method::PUT,
        &format!("/api/v1/people/{kim}/role"),
        &hr,
        Some(serde_json::json!({"role": "executive"})),
    )
    .await;
    assert_eq!(status, 204);
    let (status, body) = send(
        &app,
        Method::PUT,
        &format!("/api/v1/departments/{research}/active"),
        &hr,
        Some(serde_json::json!({"active": false})),
    )
    .await;
    assert_eq!(status, 409, "the department has an active team: {body}");
    let (_, departments) = send(&app, Method::GET, "/api/v1/departments", &hr, None).await;
    let rd = departments
        .as_array()
        .and_then(|all| all.iter().find(|d| d["name"] == "R&D"))
        .expect("R&D listed")
        .clone();
    assert_eq!(
        (rd["teams"].as_i64(), rd["members"].as_i64()),
        (Some(1), Some(1))
    );

    // A pilot: protocol, teams, baseline.
    let (status, created) = send(
        &app,
        Method::POST,
        "/api/v1/pilots",
        &hr,
        Some(protocol_json(0, 5)),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let pilot = created["id"].as_i64().expect("id");
    let teams = repo::teams::summaries(&db.connection).await.expect("teams");
    let platform = teams
        .iter()
        .find(|t| t.name == "Platform")
        .expect("Platform")
        .id;
    let (status, body) = send(
        &app,
        Method::POST,
        &format!("/api/v1/pilots/{pilot}/teams"),
        &hr,
        Some(serde_json::json!({"team_id": platform, "arm": "pilot"})),
    )
    .await;
    assert_eq!(status, 422, "a pilot team must have volunteered: {body}");
    let (status, link) = send(
        &app,
        Method::POST,
        &format!("/api/v1/pilots/{pilot}/teams"),
        &hr,
        Some(serde_json::json!({"team_id": platform, "arm": "pilot", "volunteered": true})),
    )
    .await;
    assert_eq!(status, 201, "{link}");
    let url = link["url"].as_str().expect("url").to_string();
    let (_, detail) = send(
        &app,
        Method::GET,
        &format!("/api/v1/pilots/{pilot}"),
        &hr,
        None,
    )
    .await;
    let pilot_team = detail["teams"][0]["pilot_team_id"]
        .as_i64()
        .expect("pilot team");
    let (status, renewed) = send(
        &app,
        Method::POST,
        &format!("/api/v1/pilot-teams/{pilot_team}/link"),
        &hr,
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_ne!(renewed["url"], link["url"], "a new link");
    let token = renewed["url"]
        .as_str()
        .expect("url")
        .rsplit('/')
        .next()
        .expect("token")
        .to_string();
    let old_token = url.rsplit('/').next().expect("token").to_string();
    let (status, _) = send(
        &app,
        Method::POST,
        &format!("/api/v1/pilots/{pilot}/stage"),
        &hr,
        Some(serde_json::json!({"stage": "baseline"})),
    )
    .await;
    assert_eq!(status, 204);
    let (status, body) = send(
        &app,
        Method::POST,
        &format!("/api/v1/pilots/{pilot}/stage"),
        &hr,
        Some(serde_json::json!({"stage": "intervention"})),
    )
    .await;
    assert_eq!(status, 422, "the baseline window has not ended: {body}");
    let changed = protocol_json(0, 6);
    let (status, body) = send(
        &app,
        Method::PUT,
        &format!("/api/v1/pilots/{pilot}/protocol"),
        &hr,
        Some(serde_json::json!({"protocol": changed, "reason": ""})),
    )
    .await;
    assert_eq!(status, 422, "locked: a reason is needed: {body}");
    let (status, _) = send(
        &app,
        Method::PUT,
        &format!("/api/v1/pilots/{pilot}/protocol"),
        &hr,
        Some(serde_json::json!({"protocol": changed, "reason": "works council"})),
    )
    .await;
    assert_eq!(status, 204);

    // Sam (Platform) joins through the API and withdraws again.
    let (status, _) = send(
        &app,
        Method::GET,
        &format!("/api/v1/join/{old_token}"),
        &sam,
        None,
    )
    .await;
    assert_eq!(status, 404, "a renewed link replaces the old one");
    let (status, info) = send(
        &app,
        Method::GET,
        &format!("/api/v1/join/{token}"),
        &sam,
        None,
    )
    .await;
    assert_eq!(status, 200, "{info}");
    assert_eq!(info["privacy_k"], 6);
    let (status, _) = send(
        &app,
        Method::POST,
        &format!("/api/v1/join/{token}"),
        &sam,
        None,
    )
    .await;
    assert_eq!(status, 204);
    let (_, mine) = send(&app, Method::GET, "/api/v1/me/pilots", &sam, None).await;
    assert_eq!(mine[0]["pilot_id"], pilot);
    assert!(mine[0]["withdrawn_at"].is_null());
    let (status, _) = send(
        &app,
        Method::DELETE,
        &format!("/api/v1/me/pilots/{pilot}"),
        &sam,
        None,
    )
    .await;
    assert_eq!(status, 204);
    let (_, mine) = send(&app, Method::GET, "/api/v1/me/pilots", &sam, None).await;
    assert!(!mine[0]["withdrawn_at"].is_null());
    let (status, _) = send(
        &app,
        Method::DELETE,
        &format!("/api/v1/pilot-teams/{pilot_team}"),
        &hr,
        None,
    )
    .await;
    assert_eq!(status, 409, "teams are fixed once the baseline started");
}
