//! Participation counts under the pilot's privacy threshold *k*: no counts for a team under *k*,
//! arms rather than teams for executives, and counts that follow the frozen membership.

use app::{
    domain::{account::Role, pilot::PilotStage},
    server::{
        repo::audit::Actor,
        services::{pilots, roster},
    },
};
use chrono::Utc;
use serde_json::{json, Value};

use crate::on_both_databases;
use crate::pilots::{id_of, pilot_roster, platform_via_api, setup};
use crate::support::{person, session_cookie, TestApp, TestDb};

on_both_databases!(
    a_team_under_k_shows_no_counts,
    an_executive_gets_arms_not_teams,
    a_person_moved_out_of_a_team_no_longer_counts_as_enrolled_there,
);

/// The pilot's detail through the JSON API.
async fn detail_via_api(app: &TestApp, pilot: i64, cookie: &str) -> Value {
    let response = app.get_as(&format!("/api/v1/pilots/{pilot}"), cookie).await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("JSON")
}

fn team<'a>(detail: &'a Value, name: &str) -> &'a Value {
    detail["teams"]
        .as_array()
        .expect("teams")
        .iter()
        .find(|team| team["team"] == name)
        .expect("the team")
}

async fn a_team_under_k_shows_no_counts(db: TestDb) {
    // Data has one member (Kim), the pilot's k is 5.
    let (pilot, _, data_link) = setup(&db, 3).await;
    let kim = id_of(&db, "kim@example.org").await;
    let kim_cookie = session_cookie(&db, kim).await;
    let admin = session_cookie(&db, id_of(&db, "hr@example.org").await).await;
    let app = TestApp::spawn(&db).await;
    assert_eq!(
        app.call("join_pilot", &[("token", &data_link)], Some(&kim_cookie))
            .await
            .status(),
        200
    );

    let detail = detail_via_api(&app, pilot, &admin).await;
    assert_eq!(
        team(&detail, "Data")["participation"],
        json!({"status": "fewer_than", "threshold": 5}),
        "a one-person team shows neither its size nor whether its member consented"
    );
    assert_eq!(
        team(&detail, "Platform")["participation"],
        json!({"status": "counts", "members": 5, "enrolled": 0})
    );
    let via_server_fn: Value = app
        .call("get_pilot", &[("id", &pilot.to_string())], Some(&admin))
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(
        team(&via_server_fn, "Data")["participation"],
        json!({"status": "fewer_than", "threshold": 5})
    );

    let page = app
        .get_as(&format!("/admin/pilots/{pilot}"), &admin)
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains("fewer than 5 members"), "{page}");
    app.stop().await;
}

async fn an_executive_gets_arms_not_teams(db: TestDb) {
    let (pilot, platform_link, _) = setup(&db, 3).await;
    let executive = person(&db, "ceo@example.org", Role::Executive, None).await;
    let executive = session_cookie(&db, executive).await;
    let sam = session_cookie(&db, id_of(&db, "sam@example.org").await).await;
    let app = TestApp::spawn(&db).await;
    assert_eq!(
        app.call("join_pilot", &[("token", &platform_link)], Some(&sam))
            .await
            .status(),
        200
    );

    for detail in [
        detail_via_api(&app, pilot, &executive).await,
        app.call("get_pilot", &[("id", &pilot.to_string())], Some(&executive))
            .await
            .json()
            .await
            .expect("JSON"),
    ] {
        assert_eq!(detail["teams"], json!([]), "no team rows: {detail}");
        assert_eq!(
            detail["arms"],
            json!([
                {"arm": "pilot", "teams": 1, "participation": {"status": "counts", "members": 5, "enrolled": 1}},
                {"arm": "comparison", "teams": 1, "participation": {"status": "fewer_than", "threshold": 5}},
            ])
        );
    }
    app.stop().await;
}

async fn a_person_moved_out_of_a_team_no_longer_counts_as_enrolled_there(db: TestDb) {
    let (pilot, platform_link, _) = setup(&db, 3).await;
    let sam = session_cookie(&db, id_of(&db, "sam@example.org").await).await;
    let admin = session_cookie(&db, id_of(&db, "hr@example.org").await).await;
    let app = TestApp::spawn(&db).await;
    assert_eq!(
        app.call("join_pilot", &[("token", &platform_link)], Some(&sam))
            .await
            .status(),
        200
    );
    let (_, platform) = platform_via_api(&app, pilot, &admin).await;
    assert_eq!(platform["participation"]["enrolled"], 1);

    // Sam moves to Data before the baseline starts; Dan joins Platform, which keeps five.
    let moved = pilot_roster().replace(
        "sam@example.org,Sam Dev,Platform",
        "sam@example.org,Sam Dev,Data",
    )
        + "dan@example.org,Dan Ops,Platform,Engineering,lea@example.org,,Europe/Berlin,\n";
    roster::import(&db.connection, &moved, Actor::System, Utc::now())
        .await
        .expect("import")
        .expect("clean");
    let (_, platform) = platform_via_api(&app, pilot, &admin).await;
    assert_eq!(
        platform["participation"],
        json!({"status": "counts", "members": 5, "enrolled": 0}),
        "before the baseline: counted among the current members"
    );

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
    let (_, platform) = platform_via_api(&app, pilot, &admin).await;
    assert_eq!(
        platform["participation"],
        json!({"status": "counts", "members": 5, "enrolled": 0}),
        "Sam is not among Platform's frozen members"
    );
    app.stop().await;
}
