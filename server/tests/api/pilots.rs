//! Pilots: protocol lock, lifecycle rules, frozen membership, enrollment and consent.

use app::{
    domain::pilot::{plan::PlanInput, Arm, Participation, PilotStage, ProtocolInput},
    server::{
        repo::{self, audit::Actor},
        services::{pilot_teams, pilots, roster},
    },
};
use chrono::{Days, Utc};
use serde_json::Value;

use crate::on_both_databases;
use crate::roster::ROSTER;
use crate::support::{session_cookie, TestApp, TestDb};

on_both_databases!(
    starting_the_baseline_locks_the_protocol_and_freezes_the_teams,
    a_pilot_team_must_have_volunteered_and_stages_follow_the_calendar,
    members_consent_through_their_team_link_and_can_withdraw,
);

/// The test roster with three more people in Platform: five members, the default *k*, so its
/// counts are shown.
pub fn pilot_roster() -> String {
    format!(
        "{ROSTER}\
        ann@example.org,Ann Ops,Platform,Engineering,lea@example.org,,Europe/Berlin,\n\
        ben@example.org,Ben Ops,Platform,Engineering,lea@example.org,,Europe/Berlin,\n\
        cat@example.org,Cat Ops,Platform,Engineering,lea@example.org,,Europe/Berlin,\n"
    )
}

pub fn protocol(start_days_ago: u64) -> ProtocolInput {
    let start = Utc::now()
        .date_naive()
        .checked_sub_days(Days::new(start_days_ago))
        .expect("date");
    ProtocolInput {
        name: "Async Tuesdays".into(),
        hypothesis: "Written updates instead of stand-ups protect deep work".into(),
        primary_metric: "deep_work_protection_rate".into(),
        guardrail_metrics: "satisfaction_and_burnout".into(),
        plan: PlanInput {
            baseline_start: start.format("%Y-%m-%d").to_string(),
            baseline_days: "30".into(),
            intervention_days: "28".into(),
            follow_up_days: "30".into(),
        },
        privacy_k: "5".into(),
    }
}

pub async fn setup(db: &TestDb, start_days_ago: u64) -> (i64, String, String) {
    roster::import(&db.connection, &pilot_roster(), Actor::System, Utc::now())
        .await
        .expect("import")
        .expect("clean");
    let teams = repo::teams::summaries(&db.connection).await.expect("teams");
    let id_of = |name: &str| {
        teams
            .iter()
            .find(|team| team.name == name)
            .expect("team")
            .id
    };
    let pilot = pilots::create(
        &db.connection,
        Actor::System,
        &protocol(start_days_ago),
        Utc::now(),
    )
    .await
    .expect("pilot");
    let platform = pilot_teams::add_team(
        &db.connection,
        Actor::System,
        pilot,
        id_of("Platform"),
        Arm::Pilot,
        true,
        Utc::now(),
    )
    .await
    .expect("pilot team");
    let data = pilot_teams::add_team(
        &db.connection,
        Actor::System,
        pilot,
        id_of("Data"),
        Arm::Comparison,
        false,
        Utc::now(),
    )
    .await
    .expect("comparison team");
    (pilot, platform, data)
}

pub async fn id_of(db: &TestDb, email: &str) -> i64 {
    app::server::repo::people::find_row_by_email(
        &db.connection,
        &app::domain::account::Email::parse(email).expect("email"),
    )
    .await
    .expect("query")
    .expect("person")
    .id
}

async fn starting_the_baseline_locks_the_protocol_and_freezes_the_teams(db: TestDb) {
    let (pilot, _, _) = setup(&db, 3).await;
    let today = Utc::now().date_naive();
    pilots::advance(
        &db.connection,
        Actor::System,
        pilot,
        PilotStage::Baseline,
        None,
        today,
        Utc::now(),
    )
    .await
    .expect("baseline starts");
    let detail = pilots::detail(&db.connection, Actor::System, pilot, Utc::now())
        .await
        .expect("detail");
    assert_eq!(detail.stage, PilotStage::Baseline);
    assert!(detail.protocol_locked_at.is_some());
    let platform = detail
        .teams
        .iter()
        .find(|team| team.team == "Platform")
        .expect("Platform");
    assert_eq!(
        platform.participation,
        Participation::Counts {
            members: 5,
            enrolled: 0
        }
    );

    let mut changed = protocol(3);
    changed.primary_metric = "meeting_load".into();
    let refused = pilots::update_protocol(
        &db.connection,
        Actor::System,
        pilot,
        &changed,
        "",
        Utc::now(),
    )
    .await;
    assert!(
        matches!(refused, Err(app::error::AppError::Validation { ref field, .. }) if field == "reason")
    );
    pilots::update_protocol(
        &db.connection,
        Actor::System,
        pilot,
        &changed,
        "the deep-work survey was cut",
        Utc::now(),
    )
    .await
    .expect("a change with a reason");

    // Someone who joins Platform after the baseline started is recorded but not in the pilot.
    let later = pilot_roster().replace(
        "kim@example.org,Kim Data,Data",
        "kim@example.org,Kim Data,Platform",
    );
    roster::import(&db.connection, &later, Actor::System, Utc::now())
        .await
        .expect("import")
        .expect("clean");
    let detail = pilots::detail(&db.connection, Actor::System, pilot, Utc::now())
        .await
        .expect("detail");
    let platform = detail
        .teams
        .iter()
        .find(|team| team.team == "Platform")
        .expect("Platform");
    assert_eq!(
        platform.participation,
        Participation::Counts {
            members: 5,
            enrolled: 0
        },
        "the frozen membership does not grow"
    );
    let added = pilot_teams::add_team(
        &db.connection,
        Actor::System,
        pilot,
        1,
        Arm::Comparison,
        false,
        Utc::now(),
    )
    .await;
    assert!(matches!(added, Err(app::error::AppError::Conflict(_))));
}

async fn a_pilot_team_must_have_volunteered_and_stages_follow_the_calendar(db: TestDb) {
    let (pilot, _, _) = setup(&db, 3).await;
    let teams = repo::teams::summaries(&db.connection).await.expect("teams");
    let people_team = teams
        .iter()
        .find(|team| team.name == "People Team")
        .expect("team")
        .id;
    let unwilling = pilot_teams::add_team(
        &db.connection,
        Actor::System,
        pilot,
        people_team,
        Arm::Pilot,
        false,
        Utc::now(),
    )
    .await;
    assert!(
        matches!(unwilling, Err(app::error::AppError::Validation { ref field, .. }) if field == "volunteered")
    );

    let today = Utc::now().date_naive();
    // Draft → intervention skips the baseline. (This used to send "follow_up", which was refused
    // only because it was not a stage's spelling at all.)
    let skip = pilots::advance(
        &db.connection,
        Actor::System,
        pilot,
        PilotStage::Intervention,
        None,
        today,
        Utc::now(),
    )
    .await
    .expect_err("no skipping stages");
    assert_eq!(
        skip.to_string(),
        "stage: a pilot in Draft cannot move to Intervention; the next stage is Baseline"
    );
    pilots::advance(
        &db.connection,
        Actor::System,
        pilot,
        PilotStage::Baseline,
        None,
        today,
        Utc::now(),
    )
    .await
    .expect("baseline");
    let early = pilots::advance(
        &db.connection,
        Actor::System,
        pilot,
        PilotStage::Intervention,
        None,
        today,
        Utc::now(),
    )
    .await
    .expect_err("the baseline window is still open");
    assert!(
        early.to_string().contains("the baseline window runs until"),
        "{early}"
    );
    let later = today.checked_add_days(Days::new(40)).expect("date");
    pilots::advance(
        &db.connection,
        Actor::System,
        pilot,
        PilotStage::Intervention,
        None,
        later,
        Utc::now(),
    )
    .await
    .expect("after the window");
}

async fn members_consent_through_their_team_link_and_can_withdraw(db: TestDb) {
    let (pilot, platform_link, data_link) = setup(&db, 3).await;
    let sam = id_of(&db, "sam@example.org").await;
    let kim = id_of(&db, "kim@example.org").await;
    let admin = id_of(&db, "hr@example.org").await;
    let sam_cookie = session_cookie(&db, sam).await;
    let kim_cookie = session_cookie(&db, kim).await;
    let admin_cookie = session_cookie(&db, admin).await;
    let app = TestApp::spawn(&db).await;

    // Kim (Data) may not read or use Platform's link: another team's enrollment stays closed.
    assert_eq!(
        app.call(
            "get_join_info",
            &[("token", &platform_link)],
            Some(&kim_cookie)
        )
        .await
        .status(),
        403
    );
    assert_eq!(
        app.call(
            "join_pilot",
            &[("token", &platform_link)],
            Some(&kim_cookie)
        )
        .await
        .status(),
        403
    );

    let info = app
        .call(
            "get_join_info",
            &[("token", &platform_link)],
            Some(&sam_cookie),
        )
        .await;
    assert_eq!(info.status(), 200);
    let info: Value = info.json().await.expect("JSON");
    assert_eq!(info["privacy_k"], 5);
    assert_eq!(info["already_enrolled"], false);
    assert_eq!(
        app.call(
            "join_pilot",
            &[("token", &platform_link)],
            Some(&sam_cookie)
        )
        .await
        .status(),
        200
    );
    assert_eq!(
        app.call("join_pilot", &[("token", &data_link)], Some(&kim_cookie))
            .await
            .status(),
        200
    );

    let (detail, platform) = platform_via_api(&app, pilot, &admin_cookie).await;
    assert_eq!(
        (
            platform["participation"]["enrolled"].as_i64(),
            platform["participation"]["members"].as_i64()
        ),
        (Some(1), Some(5))
    );
    assert!(!detail.to_string().contains("sam@example.org"), "never who");

    let id = pilot.to_string();
    assert_eq!(
        app.call("withdraw_consent", &[("pilot_id", &id)], Some(&sam_cookie))
            .await
            .status(),
        200
    );
    let mine: Value = app
        .call("list_my_enrollments", &[], Some(&sam_cookie))
        .await
        .json()
        .await
        .expect("JSON");
    assert!(mine[0]["withdrawn_at"].is_string());
    let (_, platform) = platform_via_api(&app, pilot, &admin_cookie).await;
    assert_eq!(platform["participation"]["enrolled"].as_i64(), Some(0));
    app.stop().await;
}

/// The pilot as the API shows it, and its Platform team's row.
pub async fn platform_via_api(app: &TestApp, pilot: i64, cookie: &str) -> (Value, Value) {
    let detail: Value = app
        .get_as(&format!("/api/v1/pilots/{pilot}"), cookie)
        .await
        .json()
        .await
        .expect("JSON");
    let platform = detail["teams"]
        .as_array()
        .expect("teams")
        .iter()
        .find(|team| team["team"] == "Platform")
        .expect("Platform")
        .clone();
    (detail, platform)
}
