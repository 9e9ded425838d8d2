//! Pilot reports over real HTTP, on the demo's finished pilot: every metric in its order, the
//! small team left out everywhere, the CSV, HR publishing it, and participants seeing their own
//! team only once it is published.

use app::server::entities::{audit_event, entry, pilot, pilot_member, pilot_team, team};
use chrono::Utc;
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use serde_json::{json, Value};

use crate::on_both_databases;
use crate::pulses::send;
use crate::support::{session_cookie, TestApp, TestDb};

on_both_databases!(
    a_pilot_without_comparison_teams_is_observational_and_says_so,
    the_demo_report_has_every_metric_and_leaves_the_small_team_out,
    participants_see_their_own_team_once_hr_publishes,
    the_cached_report_follows_new_entries,
);

const FINISHED: &str = "Written-first decisions";

/// Loads the demo and returns (app, finished pilot id, an HR session).
async fn demo(db: &TestDb) -> (TestApp, i64, String) {
    async_pilot::demo::load(&db.connection, Utc::now())
        .await
        .expect("demo loads");
    let pilot_id: i64 = pilot::Entity::find()
        .select_only()
        .column(pilot::Column::Id)
        .filter(pilot::Column::Name.eq(FINISHED))
        .into_tuple()
        .one(&db.connection)
        .await
        .expect("query")
        .expect("the finished pilot");
    let admin = person_id(db, "admin@example.org").await;
    let cookie = session_cookie(db, admin).await;
    (TestApp::spawn(db).await, pilot_id, cookie)
}

async fn person_id(db: &TestDb, email: &str) -> i64 {
    app::server::entities::person::Entity::find()
        .filter(app::server::entities::person::Column::Email.eq(email))
        .one(&db.connection)
        .await
        .expect("query")
        .expect("person")
        .id
}

/// A frozen member of the named team in the pilot.
async fn member_of(db: &TestDb, pilot_id: i64, team_name: &str) -> i64 {
    let team_id: i64 = team::Entity::find()
        .select_only()
        .column(team::Column::Id)
        .filter(team::Column::Name.eq(team_name))
        .into_tuple()
        .one(&db.connection)
        .await
        .expect("query")
        .expect("team");
    pilot_member::Entity::find()
        .filter(pilot_member::Column::PilotId.eq(pilot_id))
        .filter(pilot_member::Column::TeamId.eq(team_id))
        .one(&db.connection)
        .await
        .expect("query")
        .expect("a member")
        .person_id
}

async fn report(app: &TestApp, pilot_id: i64, cookie: &str) -> (u16, Value) {
    send(
        app,
        Method::GET,
        &format!("/api/v1/pilots/{pilot_id}/report"),
        cookie,
        None,
    )
    .await
}

fn metric<'a>(report: &'a Value, key: &str) -> &'a Value {
    report["metrics"]
        .as_array()
        .expect("metrics")
        .iter()
        .find(|metric| metric["metric"] == key)
        .unwrap_or_else(|| panic!("{key} in the report"))
}

async fn the_demo_report_has_every_metric_and_leaves_the_small_team_out(db: TestDb) {
    let (app, pilot_id, admin) = demo(&db).await;
    let (status, body) = report(&app, pilot_id, &admin).await;
    assert_eq!(status, 200, "{body}");
    let keys: Vec<&str> = body["metrics"]
        .as_array()
        .expect("metrics")
        .iter()
        .map(|metric| metric["metric"].as_str().expect("key"))
        .collect();
    assert_eq!(
        keys,
        [
            "meeting_load",
            "satisfaction",
            "burnout_signs",
            "decision_velocity",
            "asyncable_share",
            "response_expectation_gap",
            "documented_decisions",
            "energy_pattern",
            "deep_work_protection_rate",
            "calendar_focus_time",
            "contribution_quality_index",
            "cultural_alignment_score",
            "participation",
        ]
    );
    assert_eq!(body["privacy_k"], 5);
    assert_eq!(body["interim"], false);
    let load = metric(&body, "meeting_load");
    assert_eq!(load["role"], "primary");
    assert_eq!(load["direction"], "lower_is_better");
    assert_eq!(load["observational"], false);
    assert!(
        load["did"]["estimate"].as_f64().expect("estimate") < 0.0,
        "{load}"
    );
    assert!(
        load["did"]["q_value"].is_null(),
        "the primary metric is not adjusted"
    );
    assert!(metric(&body, "satisfaction")["did"]["q_value"].is_number());
    // Workplace has three consenting people: a bare "left out" in every person metric.
    for key in ["meeting_load", "energy_pattern", "participation"] {
        let workplace = metric(&body, key)["teams"]
            .as_array()
            .expect("teams")
            .iter()
            .find(|team| team["team"] == "Workplace")
            .cloned()
            .expect("Workplace");
        let mut expected = json!({"team": "Workplace", "arm": "comparison",
            "left_out": true, "reason": "fewer than 5 people"});
        expected["team_id"] = workplace["team_id"].clone();
        assert_eq!(workplace, expected, "{key}");
    }
    // Nothing under k anywhere: teams and arms with figures have n >= 5 (team metrics excepted:
    // a team's one value stands for its whole frozen membership).
    for metric in body["metrics"].as_array().expect("metrics") {
        if ["decision_velocity", "documented_decisions"]
            .contains(&metric["metric"].as_str().expect("key"))
        {
            continue;
        }
        let groups = metric["teams"]
            .as_array()
            .expect("teams")
            .iter()
            .chain([&metric["arms"]["pilot"], &metric["arms"]["comparison"]]);
        for group in groups.filter(|group| group["n"].is_number()) {
            assert!(
                group["n"].as_i64().expect("n") >= 5,
                "{}: {group}",
                metric["metric"]
            );
        }
    }
    for panel in body["energy_heatmap"].as_array().expect("heatmap") {
        for cell in panel["cells"].as_array().expect("cells") {
            assert!(cell["n"].as_i64().expect("n") >= 5, "{cell}");
        }
    }
    // The server function gives the page the same report.
    let page: Value = app
        .call(
            "get_report",
            &[("pilot_id", &pilot_id.to_string())],
            Some(&admin),
        )
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(page["report"], body);
    assert_eq!(page["may_publish"], true);
    // The CSV: one row per metric and group, unrounded.
    let csv = app
        .get_as(&format!("/api/v1/pilots/{pilot_id}/report/csv"), &admin)
        .await;
    assert_eq!(csv.status(), 200);
    assert!(csv.headers()["content-type"]
        .to_str()
        .expect("type")
        .starts_with("text/csv"));
    let text = csv.text().await.expect("CSV");
    assert!(text.starts_with("metric,role,direction,observational,group,arm,team_id,team,"));
    assert!(text.contains("meeting_load,primary,lower_is_better,false,difference_in_differences,"));
    assert!(text.contains(",Workplace,true,fewer than 5 people,"));
    let estimate = load["did"]["estimate"].as_f64().expect("estimate");
    assert!(
        text.contains(&format!(",{estimate},")),
        "the estimate unrounded"
    );
    // The page renders the answer without WebAssembly.
    let html = app
        .get_as(&format!("/pilots/{pilot_id}/report"), &admin)
        .await
        .text()
        .await
        .expect("page");
    assert!(
        html.contains("Meeting load fell by"),
        "the answer in one sentence"
    );
    assert!(
        html.contains("the smallest possible p is"),
        "the design's honesty"
    );
    assert!(html.contains("data-testid=\"forest-plot\""));
    app.stop().await;
}

async fn participants_see_their_own_team_once_hr_publishes(db: TestDb) {
    let (app, pilot_id, admin) = demo(&db).await;
    let design = session_cookie(&db, member_of(&db, pilot_id, "Design").await).await;
    let (status, body) = report(&app, pilot_id, &design).await;
    assert_eq!(status, 409, "not published yet: {body}");
    assert!(
        body["error"]
            .as_str()
            .unwrap_or_default()
            .contains("not published"),
        "{body}"
    );

    let path = format!("/api/v1/pilots/{pilot_id}/report/publication");
    let (status, _) = send(
        &app,
        Method::PUT,
        &path,
        &design,
        Some(json!({"published": true})),
    )
    .await;
    assert_eq!(status, 403, "participants do not publish");
    let (status, body) = send(
        &app,
        Method::PUT,
        &path,
        &admin,
        Some(json!({"published": true})),
    )
    .await;
    assert_eq!(status, 200, "{body}");

    let (status, body) = report(&app, pilot_id, &design).await;
    assert_eq!(status, 200, "{body}");
    for metric in body["metrics"].as_array().expect("metrics") {
        let teams: Vec<&str> = metric["teams"]
            .as_array()
            .expect("teams")
            .iter()
            .map(|team| team["team"].as_str().expect("name"))
            .collect();
        assert_eq!(teams, ["Design"], "{}", metric["metric"]);
        assert!(metric["arms"]["comparison"].is_object(), "the arms stay");
    }
    let csv = app
        .get_as(&format!("/api/v1/pilots/{pilot_id}/report/csv"), &design)
        .await
        .text()
        .await
        .expect("CSV");
    assert!(
        !csv.contains(",Growth,") && csv.contains(",Design,"),
        "{csv}"
    );

    // Someone in none of the pilot's teams reads nothing, published or not.
    let outsider = session_cookie(&db, person_id(&db, "member@example.org").await).await;
    let in_pilot = pilot_member::Entity::find()
        .filter(pilot_member::Column::PilotId.eq(pilot_id))
        .filter(pilot_member::Column::PersonId.eq(person_id(&db, "member@example.org").await))
        .one(&db.connection)
        .await
        .expect("query");
    if in_pilot.is_none() {
        assert_eq!(report(&app, pilot_id, &outsider).await.0, 403);
    }
    // Executives read every team.
    let executive = session_cookie(&db, person_id(&db, "exec@example.org").await).await;
    let (status, body) = report(&app, pilot_id, &executive).await;
    assert_eq!(status, 200);
    let teams = pilot_team::Entity::find()
        .filter(pilot_team::Column::PilotId.eq(pilot_id))
        .all(&db.connection)
        .await
        .expect("teams")
        .len();
    assert_eq!(
        metric(&body, "meeting_load")["teams"]
            .as_array()
            .expect("teams")
            .len(),
        teams
    );

    // A pilot still in its baseline cannot be published.
    let running: i64 = pilot::Entity::find()
        .select_only()
        .column(pilot::Column::Id)
        .filter(pilot::Column::Name.ne(FINISHED))
        .into_tuple()
        .one(&db.connection)
        .await
        .expect("query")
        .expect("the running pilot");
    let (status, body) = send(
        &app,
        Method::PUT,
        &format!("/api/v1/pilots/{running}/report/publication"),
        &admin,
        Some(json!({"published": true})),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    let published = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("report_published"))
        .all(&db.connection)
        .await
        .expect("audit");
    assert_eq!(published.len(), 1);
    app.stop().await;
}

async fn the_cached_report_follows_new_entries(db: TestDb) {
    let (app, pilot_id, admin) = demo(&db).await;
    let (_, before) = report(&app, pilot_id, &admin).await;
    let (_, again) = report(&app, pilot_id, &admin).await;
    assert_eq!(before, again);
    // Every counted meeting_hours entry doubles: the cache must not hide it.
    let rows = entry::Entity::find()
        .filter(entry::Column::Measure.eq("meeting_hours"))
        .all(&db.connection)
        .await
        .expect("entries");
    for row in rows {
        let value = row.value;
        let mut active: entry::ActiveModel = row.into();
        active.value = sea_orm::Set(value * 2.0 + 1.0);
        active.updated_at = sea_orm::Set(Utc::now());
        sea_orm::ActiveModelTrait::update(active, &db.connection)
            .await
            .expect("update");
    }
    let (_, after) = report(&app, pilot_id, &admin).await;
    let mean = |report: &Value| {
        metric(report, "meeting_load")["arms"]["pilot"]["baseline"]["mean"].as_f64()
    };
    let (old, new) = (mean(&before).expect("mean"), mean(&after).expect("mean"));
    assert!((new - (old * 2.0 + 5.0)).abs() < 1e-9, "{old} → {new}");
    app.stop().await;
}

async fn a_pilot_without_comparison_teams_is_observational_and_says_so(db: TestDb) {
    use app::{
        domain::{
            capture::measure::{EntrySource, EntryValue, Measure},
            pilot::{plan::PlanInput, Arm, PilotStage, ProtocolInput},
        },
        server::{
            repo::{self, audit::Actor, entries::NewEntry},
            services::{people, pilot_teams, pilots, roster},
        },
    };
    use chrono::Days;
    let now = Utc::now();
    let today = now.date_naive();
    let admin = people::create_admin(
        &db.connection,
        "hr@example.org",
        "HR",
        "correct horse battery staple",
        now,
    )
    .await
    .expect("admin")
    .id;
    let mut csv = String::from("email,name,team,department\n");
    for i in 0..6 {
        csv.push_str(&format!("p{i}@example.org,Person {i},Solo,Research\n"));
    }
    roster::import(&db.connection, &csv, Actor::System, now)
        .await
        .expect("import")
        .expect("clean");
    let long_ago = (today - Days::new(300))
        .and_time(chrono::NaiveTime::MIN)
        .and_utc();
    repo::memberships::backdate_open(&db.connection, long_ago)
        .await
        .expect("backdated");
    let start = today - Days::new(100);
    let protocol = ProtocolInput {
        name: "Solo".into(),
        hypothesis: "Fewer meetings without anyone to compare with".into(),
        primary_metric: "meeting_load".into(),
        guardrail_metrics: "satisfaction_and_burnout".into(),
        plan: PlanInput {
            baseline_start: start.to_string(),
            baseline_days: "20".into(),
            intervention_days: "20".into(),
            follow_up_days: "20".into(),
        },
        privacy_k: "5".into(),
    };
    let pilot_id = pilots::create(&db.connection, Actor::System, &protocol, now)
        .await
        .expect("pilot");
    let team = repo::teams::summaries(&db.connection)
        .await
        .expect("teams")
        .into_iter()
        .find(|team| team.name == "Solo")
        .expect("Solo")
        .id;
    pilot_teams::add_team(
        &db.connection,
        Actor::System,
        pilot_id,
        team,
        Arm::Pilot,
        true,
        now,
    )
    .await
    .expect("team");
    let mut entries = Vec::new();
    for i in 0..6 {
        let person = person_id(&db, &format!("p{i}@example.org")).await;
        repo::consents::record(&db.connection, pilot_id, team, person, now)
            .await
            .expect("consent");
        for (day, hours) in [(1, 3.0 + f64::from(i)), (45, 1.0 + f64::from(i) * 0.5)] {
            entries.push(NewEntry {
                person_id: person,
                date: start + Days::new(day),
                value: EntryValue::new(Measure::MeetingHours, "", hours, &[]).expect("value"),
            });
        }
    }
    pilots::advance(
        &db.connection,
        Actor::System,
        pilot_id,
        PilotStage::Baseline,
        None,
        today,
        now,
    )
    .await
    .expect("caught up to review");
    repo::entries::upsert(
        &db.connection,
        &entries,
        EntrySource::Import,
        Some(admin),
        now,
    )
    .await
    .expect("entries");
    let cookie = session_cookie(&db, admin).await;
    let app = TestApp::spawn(&db).await;
    let (status, body) = report(&app, pilot_id, &cookie).await;
    assert_eq!(status, 200, "{body}");
    let load = metric(&body, "meeting_load");
    assert_eq!(load["observational"], true);
    assert!(load["did"].is_null());
    assert!(
        load["arms"]["comparison"].is_null(),
        "no comparison teams: null, not left out"
    );
    assert_eq!(load["arms"]["pilot"]["n"], 6);
    // Weekly hours: baseline 5 x (3 + i), follow-up 5 x (1 + i/2), for person i.
    let change = load["arms"]["pilot"]["change"].as_f64().expect("change");
    let expected = (0..6)
        .map(|i| 5.0 * ((1.0 + f64::from(i) * 0.5) - (3.0 + f64::from(i))))
        .sum::<f64>()
        / 6.0;
    assert!((change - expected).abs() < 1e-9, "{change} vs {expected}");
    assert!(load["arms"]["pilot"]["p"].is_number());
    let html = app
        .get_as(&format!("/pilots/{pilot_id}/report"), &cookie)
        .await
        .text()
        .await
        .expect("page");
    assert!(
        html.contains("Observed without enough comparison teams"),
        "the page says so"
    );
    assert!(html.contains("so this report is observational"));
    app.stop().await;
}
