//! Roster imports in the background: progress, outcome, stopped servers, one writer at a time,
//! and who may start one (a read token may check a file, never import it).

use std::sync::Mutex;

use app::{
    domain::{
        account::Role,
        jobs::JobState,
        roster::{ImportProgress, ImportStage, RosterOptions},
    },
    error::AppError,
    server::{
        entities::roster_import,
        repo::audit::Actor,
        services::{roster, roster_imports},
    },
};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::Value;

use crate::on_both_databases;
use crate::roster::ROSTER;
use crate::support::{person, session_cookie, TestApp, TestDb};

on_both_databases!(
    a_background_import_reports_its_progress_and_outcome_over_the_api,
    progress_moves_forward_through_the_stages_to_every_person,
    a_job_whose_server_stopped_reads_as_stopped,
    a_read_token_may_check_a_roster_but_never_import_it,
);

async fn a_background_import_reports_its_progress_and_outcome_over_the_api(db: TestDb) {
    let admin = person(&db, "admin@example.org", Role::Admin, None).await;
    let cookie = session_cookie(&db, admin).await;
    let app = TestApp::spawn(&db).await;
    // Starts a job and polls it until it finishes; returns its last state.
    let run = |body: String, query: &'static str| {
        let (app, cookie) = (&app, &cookie);
        async move {
            let started = app
                .client
                .post(app.url(&format!("/api/v1/roster/imports{query}")))
                .header("cookie", cookie)
                .header("content-type", "text/csv")
                .body(body)
                .send()
                .await
                .expect("request");
            assert_eq!(started.status(), 202);
            let location = started.headers()["location"]
                .to_str()
                .expect("location")
                .to_string();
            let job: Value = started.json().await.expect("JSON");
            assert_eq!(location, format!("/api/v1/roster/imports/{}", job["id"]));
            for _ in 0..600 {
                let job: Value = app
                    .get_as(&location, cookie)
                    .await
                    .json()
                    .await
                    .expect("JSON");
                if job["state"] != "running" {
                    return job;
                }
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            panic!("the import did not finish in 30 seconds");
        }
    };
    let teams = || async {
        app.get_as("/api/v1/teams", &cookie)
            .await
            .json::<Value>()
            .await
            .expect("JSON")["teams"]
            .as_array()
            .map(Vec::len)
    };

    let checked = run(ROSTER.to_string(), "?dry_run=true").await;
    assert_eq!(checked["state"], "finished");
    assert_eq!(checked["dry_run"], true);
    assert_eq!(checked["new_people"], 4);
    assert_eq!(checked["preview"]["errors"], Value::Array(vec![]));
    assert_eq!(teams().await, Some(0), "a dry run writes nothing");

    let rejected = run(ROSTER.replace("Europe/London", "Europe/Londn"), "").await;
    assert_eq!(rejected["state"], "finished");
    assert_eq!(rejected["bad_lines"], 1);
    assert_eq!(rejected["preview"]["errors"][0]["line"], 4);
    let message = rejected["preview"]["errors"][0]["message"]
        .as_str()
        .unwrap_or("");
    assert!(
        message.contains("'Europe/Londn' is not a known time zone"),
        "{message}"
    );
    assert_eq!(teams().await, Some(0), "a bad line writes nothing");

    let imported = run(ROSTER.to_string(), "").await;
    assert_eq!(imported["state"], "finished");
    assert_eq!(imported["stage"], "finished");
    assert!(imported["summary"]
        .as_str()
        .is_some_and(|summary| summary.starts_with("4 new, 0 changed")));
    assert_eq!(teams().await, Some(3));

    let missing = app.get_as("/api/v1/roster/imports/999999", &cookie).await;
    assert_eq!(missing.status(), 404);
}

async fn progress_moves_forward_through_the_stages_to_every_person(db: TestDb) {
    let mut file = String::from("email,name,team,department,manager_email,role\n");
    file.push_str("boss@example.org,Boss,Ops,Operations,,admin\n");
    for index in 0..1_200 {
        file.push_str(&format!(
            "p{index}@example.org,Person {index},Ops,Operations,boss@example.org,\n"
        ));
    }
    let seen = Mutex::new(Vec::<ImportProgress>::new());
    let report = |progress| seen.lock().expect("lock").push(progress);
    roster::import_with(
        &db.connection,
        &file,
        Default::default(),
        Actor::System,
        Utc::now(),
        &report,
    )
    .await
    .expect("import runs")
    .expect("clean");
    let seen = seen.into_inner().expect("lock");
    let stages: Vec<ImportStage> = seen.iter().map(|progress| progress.stage).collect();
    assert_eq!(stages[0], ImportStage::Reading);
    assert_eq!(seen[0].total, 1_202, "lines, the header included");
    assert_eq!(stages[1], ImportStage::Checking);
    assert!(stages[2..]
        .iter()
        .all(|stage| *stage == ImportStage::Writing));
    let writing: Vec<i64> = seen[2..].iter().map(|progress| progress.done).collect();
    assert!(
        writing.windows(2).all(|pair| pair[0] <= pair[1]),
        "{writing:?}"
    );
    assert!(writing.len() > 3, "several batches report: {writing:?}");
    let last = seen.last().expect("reports");
    assert_eq!((last.done, last.total), (1_201, 1_201));
}

async fn a_job_whose_server_stopped_reads_as_stopped(db: TestDb) {
    let admin = person(&db, "admin@example.org", Role::Admin, None).await;
    let long_ago = Utc::now() - chrono::Duration::minutes(11);
    let row = roster_import::ActiveModel {
        started_by: Set(admin),
        dry_run: Set(false),
        status: Set("running".into()),
        stage: Set("writing".into()),
        done: Set(10),
        total: Set(50_000),
        lines: Set(50_001),
        outcome: Set(None),
        failure: Set(None),
        started_at: Set(long_ago),
        updated_at: Set(long_ago),
        finished_at: Set(None),
        ..Default::default()
    }
    .insert(&db.connection)
    .await
    .expect("job");
    let job = roster_imports::get(&db.connection, Actor::System, row.id, Utc::now())
        .await
        .expect("job");
    assert_eq!(job.state, JobState::Failed);
    assert!(job
        .progress_text()
        .contains("the server stopped during the import; nothing was written"));
    let fresh = roster_imports::get(&db.connection, Actor::System, row.id, long_ago)
        .await
        .expect("job");
    assert_eq!(fresh.state, JobState::Running);

    let caller = crate::support::admin_caller(admin, "admin@example.org", "Admin");
    let start = |dry_run: bool, now| {
        roster_imports::start(
            &db.connection,
            &caller,
            ROSTER.to_string(),
            dry_run,
            RosterOptions::default(),
            now,
        )
    };
    let while_it_ran = long_ago + chrono::Duration::minutes(1);
    let second = start(false, while_it_ran).await;
    assert!(
        matches!(second, Err(AppError::Conflict(ref message)) if message.contains("another roster import")),
        "{second:?}"
    );
    let checked = start(true, while_it_ran)
        .await
        .expect("dry runs may overlap");
    let after = start(false, Utc::now())
        .await
        .expect("a stopped job blocks nothing");
    // Each job is read as of the time it started (the dry run "started" a while ago).
    for (id, now) in [(checked, while_it_ran), (after, Utc::now())] {
        let mut finished = false;
        for _ in 0..600 {
            let job = roster_imports::get(&db.connection, Actor::System, id, now)
                .await
                .expect("job");
            if job.state != JobState::Running {
                assert_eq!(job.state, JobState::Finished, "{job:?}");
                finished = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(finished, "job {id} did not finish in 30 seconds");
    }
}

/// Both surfaces ask the same service: checking a file reads people, importing it changes the
/// organisation. (The JSON API once refused read tokens even a dry run, while the page's server
/// function allowed one.)
async fn a_read_token_may_check_a_roster_but_never_import_it(db: TestDb) {
    let admin = person(&db, "hr@example.org", Role::Admin, None).await;
    let cookie = session_cookie(&db, admin).await;
    let app = TestApp::spawn(&db).await;
    let (_, read) = crate::accounts::create_token(&app, &cookie, "read").await;
    let post = |path: &str| {
        app.client
            .post(app.url(path))
            .bearer_auth(&read)
            .header("content-type", "text/csv")
            .body(ROSTER)
            .send()
    };
    let checked = post("/api/v1/roster/import?dry_run=true")
        .await
        .expect("request");
    assert_eq!(checked.status(), 200);
    let preview: Value = checked.json().await.expect("JSON");
    assert_eq!(
        preview["new_people"].as_array().map(Vec::len),
        Some(3),
        "{preview}"
    );
    let started = post("/api/v1/roster/imports?dry_run=true")
        .await
        .expect("request");
    assert_eq!(started.status(), 202);
    for path in ["/api/v1/roster/import", "/api/v1/roster/imports"] {
        let refused = post(path).await.expect("request");
        assert_eq!(refused.status(), 403, "{path}");
        let body: Value = refused.json().await.expect("JSON");
        assert!(body["error"].is_string(), "{path}: {body}");
    }
    app.stop().await;
}
