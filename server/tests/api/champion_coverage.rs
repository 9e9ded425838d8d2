//! Champion coverage on a fixture organisation, and the demo's candidates: scored with
//! percentiles, nominated-only people without any entry signal, scores and missing training
//! for HR only.

use app::domain::champions::Coverage;
use chrono::Utc;
use reqwest::Method;

use crate::champions::{candidates, cookie};
use crate::on_both_databases;
use crate::pilots::id_of;
use crate::pulses::send;
use crate::support::{TestApp, TestDb};

on_both_databases!(
    coverage_on_a_fixture_organisation,
    the_demo_candidates_are_scored_with_percentiles_and_missing_signals,
);

/// Engineering: Platform (pilot), Data (pilot), Infra (pilot); Sales: Field (pilot). A champion
/// in Platform and one in Deals (Sales, in no pilot): Platform in the team, Data and Infra in
/// the department, Field in the department through Deals.
const FIXTURE: &str = "email,name,team,department,manager_email,role,timezone,working_pattern\n\
    hr@example.org,Hana HR,People Team,People,,admin,Europe/Berlin,full_time\n\
    pia@example.org,Pia,Platform,Engineering,,,Europe/Berlin,\n\
    dan@example.org,Dan,Data,Engineering,,,Europe/Berlin,\n\
    ian@example.org,Ian,Infra,Engineering,,,Europe/Berlin,\n\
    fay@example.org,Fay,Field,Sales,,,Europe/Berlin,\n\
    dee@example.org,Dee,Deals,Sales,,,Europe/Berlin,\n\
    ola@example.org,Ola,Ops,Operations,,,Europe/Berlin,\n";

async fn coverage_on_a_fixture_organisation(db: TestDb) {
    use app::{
        domain::{champions::CandidateDecision, pilot::Arm},
        server::{
            repo::{self, audit::Actor},
            services::{champion_coverage, champions, pilot_teams, pilots, roster},
        },
        wire::champions::CandidateDecisionInput,
    };
    roster::import(&db.connection, FIXTURE, Actor::System, Utc::now())
        .await
        .expect("import")
        .expect("clean");
    let pilot = pilots::create(
        &db.connection,
        Actor::System,
        &crate::pilots::protocol(3),
        Utc::now(),
    )
    .await
    .expect("pilot");
    for (team, arm) in [
        ("Platform", Arm::Pilot),
        ("Data", Arm::Pilot),
        ("Infra", Arm::Pilot),
        ("Field", Arm::Pilot),
        ("Ops", Arm::Comparison),
    ] {
        let id = repo::pilot_teams::team_id_named(&db.connection, team)
            .await
            .expect("query")
            .expect("team");
        pilot_teams::add_team(
            &db.connection,
            Actor::System,
            pilot,
            id,
            arm,
            true,
            Utc::now(),
        )
        .await
        .expect("team added");
    }
    for email in ["pia@example.org", "dee@example.org"] {
        let id = id_of(&db, email).await;
        repo::champions::set_opted_in(&db.connection, id, true, Utc::now())
            .await
            .expect("opt in");
        let input = CandidateDecisionInput {
            decision: CandidateDecision::Confirm,
            note: None,
        };
        champions::decide(&db.connection, Actor::System, id, &input, Utc::now())
            .await
            .expect("confirmed");
    }
    let coverage = repo::champions::pilot_team_coverage(&db.connection, pilot)
        .await
        .expect("coverage");
    let kinds: Vec<(&str, Coverage)> = coverage
        .iter()
        .map(|team| (team.team.as_str(), team.coverage))
        .collect();
    assert_eq!(
        kinds,
        [
            ("Data", Coverage::InDepartment),
            ("Field", Coverage::InDepartment),
            ("Infra", Coverage::InDepartment),
            ("Platform", Coverage::InTeam)
        ]
    );
    assert_eq!(coverage[0].department.as_deref(), Some("Engineering"));
    let report = champion_coverage::coverage(&db.connection, Actor::System)
        .await
        .expect("report");
    assert_eq!(report.pilots[0].share, Some(0.25));
    let departments: Vec<(&str, i64, Option<f64>)> = report
        .departments
        .iter()
        .map(|d| (d.name.as_str(), d.in_team, d.share))
        .collect();
    assert_eq!(
        departments,
        [("Engineering", 1, Some(1.0 / 3.0)), ("Sales", 0, Some(0.0))]
    );
    let json = serde_json::to_value(&coverage[0]).expect("json");
    assert_eq!(json["coverage"], "in_department");
}

async fn the_demo_candidates_are_scored_with_percentiles_and_missing_signals(db: TestDb) {
    async_pilot::demo::load(&db.connection, Utc::now())
        .await
        .expect("demo loads");
    let app = TestApp::spawn(&db).await;
    let hr = cookie(&db, "admin@example.org").await;
    let list = candidates(&app, &hr).await;
    let scored_from_entries = list
        .iter()
        .filter(|candidate| {
            candidate["signals"]
                .as_array()
                .expect("signals")
                .iter()
                .any(|signal| signal["signal"] == "meeting_load" && !signal["value"].is_null())
        })
        .count();
    assert!(
        scored_from_entries >= 3,
        "opted-in members of the finished pilot have percentiles"
    );
    let documented = list
        .iter()
        .flat_map(|candidate| candidate["signals"].as_array().cloned().unwrap_or_default())
        .filter(|signal| signal["signal"] == "documented_decisions" && !signal["value"].is_null())
        .count();
    assert!(
        documented >= 3,
        "decisions the opted-in people logged themselves"
    );
    for candidate in &list {
        let score = candidate["score"]
            .as_f64()
            .expect("every candidate has nominations at least");
        assert!((0.0..=100.0).contains(&score));
        if candidate["opted_in"] == false {
            let entry_values = candidate["signals"]
                .as_array()
                .expect("signals")
                .iter()
                .filter(|signal| signal["signal"] != "nominations" && !signal["value"].is_null())
                .count();
            assert_eq!(entry_values, 0, "nominated only: {candidate}");
        }
    }
    let statuses: Vec<&str> = list
        .iter()
        .filter_map(|candidate| candidate["status"].as_str())
        .collect();
    assert_eq!(
        statuses
            .iter()
            .filter(|status| **status == "confirmed")
            .count(),
        2
    );
    assert_eq!(
        statuses
            .iter()
            .filter(|status| **status == "dismissed")
            .count(),
        1
    );
    // The executive sees shares only: no one's missing modules.
    let exec = cookie(&db, "exec@example.org").await;
    let (status, training) =
        send(&app, Method::GET, "/api/v1/training/coverage", &exec, None).await;
    assert_eq!(status, 200);
    assert!(training
        .as_array()
        .expect("pilots")
        .iter()
        .all(|pilot| pilot["missing"].is_null()));
    let (_, training) = send(&app, Method::GET, "/api/v1/training/coverage", &hr, None).await;
    assert!(training
        .as_array()
        .expect("pilots")
        .iter()
        .any(|pilot| !pilot["missing"].as_array().is_none_or(Vec::is_empty)));
    let (status, _) = send(
        &app,
        Method::GET,
        "/api/v1/champions/candidates",
        &exec,
        None,
    )
    .await;
    assert_eq!(status, 403, "only HR sees scores");
    app.stop().await;
}
