//! What a roster import says and records about each person: a person listed as their own
//! manager (a note, not an error), the people reporting to a manager whose line is bad (told
//! once each), and one audit entry per person it changes.

use app::{
    domain::{account::Role, roster::RosterOptions},
    server::{
        entities::audit_event,
        repo::audit::Actor,
        services::{roster, roster_imports},
    },
};
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;

use crate::on_both_databases;
use crate::pilots::id_of;
use crate::roster::ROSTER;
use crate::support::{admin_caller, person, session_cookie, TestApp, TestDb};

on_both_databases!(
    each_person_an_import_changes_gets_an_audit_entry_beside_the_summary,
    a_person_listed_as_their_own_manager_is_a_note_in_every_preview,
    people_reporting_to_a_manager_whose_line_is_bad_get_one_error_each,
);

/// The test roster with Hana HR, its admin, listed as her own manager (line 5).
fn self_managed() -> String {
    ROSTER.replace(
        "hr@example.org,Hana HR,People Team,People,,admin",
        "hr@example.org,Hana HR,People Team,People,hr@example.org,admin",
    )
}

const SELF_MANAGED_NOTE: &str = "lists themself as manager; imported without a manager";

async fn entries(db: &TestDb, action: &str) -> Vec<audit_event::Model> {
    audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq(action))
        .order_by_asc(audit_event::Column::Id)
        .all(&db.connection)
        .await
        .expect("audit events")
}

async fn each_person_an_import_changes_gets_an_audit_entry_beside_the_summary(db: TestDb) {
    roster::import(&db.connection, ROSTER, Actor::System, Utc::now())
        .await
        .expect("import runs")
        .expect("clean");
    assert!(
        entries(&db, "roster_person_changed").await.is_empty(),
        "new people are counted in the summary line"
    );
    let (hr, sam, kim) = (
        id_of(&db, "hr@example.org").await,
        id_of(&db, "sam@example.org").await,
        id_of(&db, "kim@example.org").await,
    );
    session_cookie(&db, kim).await;
    let hr_caller = admin_caller(hr, "hr@example.org", "Hana HR");
    // Sam becomes an admin in Data; Kim leaves; Lea and Hana stay as they are.
    let changed: String = ROSTER
        .lines()
        .filter(|line| !line.starts_with("kim@"))
        .map(|line| {
            line.replace(
                "sam@example.org,Sam Dev,Platform,Engineering,lea@example.org,,",
                "sam@example.org,Sam Dev,Data,Engineering,lea@example.org,admin,",
            )
        })
        .map(|line| format!("{line}\n"))
        .collect();
    let deactivate = RosterOptions {
        deactivate_missing: true,
    };
    let import = |text: String| {
        let (db, caller) = (&db, &hr_caller);
        async move {
            let actor = Actor::Caller(caller);
            roster::import_with(
                &db.connection,
                &text,
                deactivate,
                actor,
                Utc::now(),
                &|_| {},
            )
            .await
            .expect("import runs")
            .expect("clean")
        }
    };
    import(changed).await;
    let logged = entries(&db, "roster_person_changed").await;
    let seen: Vec<(Option<&str>, &str)> = logged
        .iter()
        .map(|entry| (entry.object_id.as_deref(), entry.detail.as_str()))
        .collect();
    let (sam_id, kim_id) = (sam.to_string(), kim.to_string());
    assert_eq!(
        seen,
        [
            (
                Some(sam_id.as_str()),
                "sam@example.org: team: Platform → Data; role: participant → admin"
            ),
            (
                Some(kim_id.as_str()),
                "kim@example.org: deactivated, not in the file (1 sessions ended)"
            ),
        ]
    );
    assert!(logged.iter().all(|entry| entry.actor_id == Some(hr)
        && entry.object_type == "person"
        && entry.actor_email.as_deref() == Some("hr@example.org")));

    // The old file again: Sam moves back, Kim comes back.
    import(ROSTER.to_string()).await;
    let logged = entries(&db, "roster_person_changed").await;
    assert_eq!(logged.len(), 4, "{logged:?}");
    assert_eq!(
        logged[2].detail,
        "sam@example.org: team: Data → Platform; role: admin → participant"
    );
    assert_eq!(logged[3].object_id.as_deref(), Some(kim_id.as_str()));
    assert!(
        logged[3]
            .detail
            .starts_with("kim@example.org: team: none → Data")
            && logged[3].detail.ends_with("; reactivated"),
        "{}",
        logged[3].detail
    );
    let summaries = entries(&db, "roster_imported").await;
    assert_eq!(summaries.len(), 3, "the summary line stays");
    assert!(summaries[1].detail.ends_with(", 1 deactivated"));
}

async fn a_person_listed_as_their_own_manager_is_a_note_in_every_preview(db: TestDb) {
    let admin = person(&db, "admin@example.org", Role::Admin, None).await;
    let cookie = session_cookie(&db, admin).await;
    let app = TestApp::spawn(&db).await;
    let post = |path: &'static str| {
        app.client
            .post(app.url(path))
            .header("cookie", &cookie)
            .header("content-type", "text/csv")
            .body(self_managed())
            .send()
    };
    let checked = post("/api/v1/roster/import?dry_run=true")
        .await
        .expect("request");
    assert_eq!(checked.status(), 200);
    let checked: Value = checked.json().await.expect("JSON");
    assert_eq!(
        checked["notes"],
        serde_json::json!([{"line": 5, "message": SELF_MANAGED_NOTE}])
    );
    assert_eq!(checked["errors"], serde_json::json!([]));

    // The background import (the admin page's way) keeps the notes and counts them.
    let caller = admin_caller(admin, "admin@example.org", "Admin");
    let job = roster_imports::start(
        &db.connection,
        &caller,
        self_managed(),
        true,
        RosterOptions::default(),
        Utc::now(),
    )
    .await
    .expect("started");
    let mut polled = None;
    for _ in 0..600 {
        let current: Value = app
            .get_as(&format!("/api/v1/roster/imports/{job}"), &cookie)
            .await
            .json()
            .await
            .expect("JSON");
        if current["state"] != "running" {
            polled = Some(current);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let polled = polled.expect("the job finished within 30 seconds");
    assert_eq!(polled["noted_lines"], 1, "{polled}");
    assert_eq!(polled["preview"]["notes"][0]["message"], SELF_MANAGED_NOTE);

    let done = post("/api/v1/roster/import").await.expect("request");
    assert_eq!(done.status(), 200);
    let done: Value = done.json().await.expect("JSON");
    assert_eq!(done["notes"][0]["line"], 5);
    let exported = roster::export(&db.connection, Actor::System, Utc::now())
        .await
        .expect("export");
    assert!(
        exported.contains("hr@example.org,Hana HR,People Team,People,,admin"),
        "imported without a manager: {exported}"
    );
    app.stop().await;
}

async fn people_reporting_to_a_manager_whose_line_is_bad_get_one_error_each(db: TestDb) {
    let admin = person(&db, "admin@example.org", Role::Admin, None).await;
    let cookie = session_cookie(&db, admin).await;
    let app = TestApp::spawn(&db).await;
    // Lea's line has a bad time zone; Sam and Kim report to her.
    let file = ROSTER.replace(
        "lea@example.org,Lea Lead,Platform,Engineering,,participant,Europe/Berlin",
        "lea@example.org,Lea Lead,Platform,Engineering,,participant,Europe/Berlinn",
    );
    let answer = app
        .client
        .post(app.url("/api/v1/roster/import"))
        .header("cookie", &cookie)
        .header("content-type", "text/csv")
        .body(file)
        .send()
        .await
        .expect("request");
    assert_eq!(answer.status(), 422);
    let answer: Value = answer.json().await.expect("JSON");
    let errors: Vec<(i64, &str)> = answer["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|error| {
            (
                error["line"].as_i64().unwrap_or(0),
                error["message"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert_eq!(errors[0].0, 2);
    assert!(errors[0].1.contains("Europe/Berlinn"), "{errors:?}");
    assert_eq!(
        errors[1..],
        [
            (3, "manager's line 2 has an error"),
            (4, "manager's line 2 has an error"),
        ]
    );
    app.stop().await;
}

#[tokio::test]
async fn the_command_line_dry_run_prints_the_notes() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}/ap.db?mode=rwc", folder.path().display());
    let file = folder.path().join("roster.csv");
    std::fs::write(&file, self_managed()).expect("writing the file");
    let path = file.display().to_string();
    let (ok, stdout, stderr) =
        crate::import_cli::run(&url, &["import", "roster", &path, "--dry-run"]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains(&format!("note     line 5: {SELF_MANAGED_NOTE}")),
        "{stdout}"
    );
    assert!(stdout.contains("dry run: 4 new"), "{stdout}");
}
