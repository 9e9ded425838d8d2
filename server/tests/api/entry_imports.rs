//! Metric and decision imports into a pilot, through the JSON API as HR runs them: a dry run
//! first, all or nothing, re-imports that change nothing, consent respected, HR only.

use app::{
    domain::account::Role,
    server::{
        entities::{decision, entry},
        repo,
    },
};
use chrono::{Days, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::Value;

use crate::on_both_databases;
use crate::pilots::{id_of, setup};
use crate::support::{person, session_cookie, TestApp, TestDb};

on_both_databases!(
    a_metric_import_is_previewed_then_stores_only_consenting_members_values,
    one_bad_line_and_no_value_is_stored,
    decisions_are_imported_once_and_updated_in_place,
    executives_and_participants_may_not_import,
    custom_metrics_are_defined_by_hr_and_checked_by_the_import,
    a_job_of_another_pilot_is_not_found,
    the_pages_render_for_hr_and_link_from_the_pilot,
);

/// A date `days` after the pilot's baseline started (3 days ago in these tests).
pub fn day(days: u64) -> String {
    Utc::now()
        .date_naive()
        .checked_sub_days(Days::new(3))
        .and_then(|start| start.checked_add_days(Days::new(days)))
        .expect("date")
        .format("%Y-%m-%d")
        .to_string()
}

/// Starts an import over the API and polls it until it finishes; returns the finished job.
pub async fn run_import(app: &TestApp, cookie: &str, pilot: i64, query: &str, csv: &str) -> Value {
    let started = app
        .client
        .post(app.url(&format!("/api/v1/pilots/{pilot}/imports?{query}")))
        .header("cookie", cookie)
        .header("content-type", "text/csv")
        .body(csv.to_string())
        .send()
        .await
        .expect("request");
    assert_eq!(started.status(), 202, "{:?}", started.text().await);
    let location = started.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    for _ in 0..600 {
        let job: Value = app
            .get_as(&location, cookie)
            .await
            .json()
            .await
            .expect("JSON");
        if job["state"] != "running" {
            assert_eq!(job["state"], "finished", "{job}");
            return job;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the import did not finish in 30 seconds");
}

async fn entries(db: &TestDb) -> u64 {
    entry::Entity::find()
        .count(&db.connection)
        .await
        .expect("count")
}

pub async fn consent(db: &TestDb, pilot: i64, email: &str) -> i64 {
    let person = id_of(db, email).await;
    let team = repo::memberships::current_team(&db.connection, person)
        .await
        .expect("query")
        .expect("a team");
    repo::consents::record(&db.connection, pilot, team, person, Utc::now())
        .await
        .expect("consent");
    person
}

async fn a_metric_import_is_previewed_then_stores_only_consenting_members_values(db: TestDb) {
    let (pilot, _, _) = setup(&db, 3).await;
    let ann = consent(&db, pilot, "ann@example.org").await;
    consent(&db, pilot, "ben@example.org").await;
    let withdrawn =
        repo::consents::find(&db.connection, pilot, id_of(&db, "ben@example.org").await)
            .await
            .expect("query")
            .expect("consent");
    repo::consents::withdraw(&db.connection, withdrawn.id, Utc::now())
        .await
        .expect("withdraw");
    let admin = id_of(&db, "hr@example.org").await;
    let cookie = session_cookie(&db, admin).await;
    let app = TestApp::spawn(&db).await;
    let file = format!(
        "email,date,measure,value,qualifier\n\
         ann@example.org,{d0},energy,4,morning\n\
         ann@example.org,{d1},meeting_hours,2.5,\n\
         ben@example.org,{d0},satisfaction,7,\n\
         cat@example.org,{d0},satisfaction,7,\n\
         kim@example.org,{d0},satisfaction,7,\n\
         hr@example.org,{d0},satisfaction,7,\n",
        d0 = day(0),
        d1 = day(1)
    );

    let checked = run_import(&app, &cookie, pilot, "kind=entries&dry_run=true", &file).await;
    let preview = &checked["preview"];
    assert_eq!(checked["dry_run"], true);
    assert_eq!(preview["new"], 2);
    assert_eq!(
        preview["without_consent"], 3,
        "withdrawn, never asked, other team"
    );
    assert_eq!(preview["outside_teams"], 1);
    assert_eq!(preview["bad_lines"], 0);
    assert_eq!(entries(&db).await, 0, "a dry run writes nothing");

    let imported = run_import(&app, &cookie, pilot, "kind=entries", &file).await;
    assert_eq!(imported["preview"]["new"], 2);
    let stored = repo::entries::of_person(
        &db.connection,
        ann,
        chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("date"),
        chrono::NaiveDate::from_ymd_opt(2100, 1, 1).expect("date"),
    )
    .await
    .expect("entries");
    assert_eq!(stored.len(), 2);
    assert!(stored
        .iter()
        .all(|entry| entry.source == app::domain::capture::measure::EntrySource::Import));
    assert_eq!(entries(&db).await, 2, "nobody else's values were stored");
    let author: Vec<Option<i64>> = entry::Entity::find()
        .all(&db.connection)
        .await
        .expect("rows")
        .into_iter()
        .map(|row| row.author_id)
        .collect();
    assert_eq!(author, vec![Some(admin), Some(admin)]);

    let again = run_import(&app, &cookie, pilot, "kind=entries", &file).await;
    assert_eq!(again["preview"]["unchanged"], 2);
    assert_eq!(again["preview"]["new"], 0);
    assert_eq!(again["preview"]["changed"], 0);
    assert_eq!(entries(&db).await, 2);

    let changed = run_import(
        &app,
        &cookie,
        pilot,
        "kind=entries",
        &file.replace("energy,4", "energy,5"),
    )
    .await;
    assert_eq!(changed["preview"]["changed"], 1);
    assert_eq!(changed["preview"]["unchanged"], 1);
}

async fn one_bad_line_and_no_value_is_stored(db: TestDb) {
    let (pilot, _, _) = setup(&db, 3).await;
    consent(&db, pilot, "ann@example.org").await;
    let cookie = session_cookie(&db, id_of(&db, "hr@example.org").await).await;
    let app = TestApp::spawn(&db).await;
    let file = format!(
        "email;date;measure;value;qualifier\r\n\
         ann@example.org;{d0};energy;4;morning\r\n\
         nobody@example.org;{d0};energy;4;morning\r\n\
         ann@example.org;{d0};burnout;2;\r\n\
         ann@example.org;{late};burnout;1;\r\n",
        d0 = day(0),
        late = day(200)
    );
    let rejected = run_import(&app, &cookie, pilot, "kind=entries", &file).await;
    let preview = &rejected["preview"];
    assert_eq!(preview["bad_lines"], 3);
    let lines: Vec<i64> = preview["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|error| error["line"].as_i64().expect("line"))
        .collect();
    assert_eq!(lines, vec![3, 4, 5]);
    let message = |index: usize| preview["errors"][index]["message"].as_str().unwrap_or("");
    assert!(message(0).contains("unknown email"), "{}", message(0));
    assert!(
        message(1).contains("burnout: must be 0 or 1"),
        "{}",
        message(1)
    );
    assert!(
        message(2).contains("after the follow-up ends"),
        "{}",
        message(2)
    );
    assert_eq!(
        entries(&db).await,
        0,
        "nothing is stored when any line is bad"
    );
}

async fn decisions_are_imported_once_and_updated_in_place(db: TestDb) {
    let (pilot, _, _) = setup(&db, 3).await;
    let cookie = session_cookie(&db, id_of(&db, "hr@example.org").await).await;
    let app = TestApp::spawn(&db).await;
    let file = "team,process_type,raised_at,decided_at,documented\n\
                Platform,hiring,2026-03-02,2026-03-04T15:00:00+01:00,yes\n\
                Data,budget,2026-03-03T09:00,,no\n";
    let count = || async {
        decision::Entity::find()
            .filter(decision::Column::ImportPilotId.eq(pilot))
            .count(&db.connection)
            .await
            .expect("count")
    };

    let imported = run_import(&app, &cookie, pilot, "kind=decisions", file).await;
    assert_eq!(imported["preview"]["new"], 2, "{imported}");
    assert_eq!(count().await, 2);
    let again = run_import(&app, &cookie, pilot, "kind=decisions", file).await;
    assert_eq!(again["preview"]["unchanged"], 2);
    assert_eq!(count().await, 2, "a re-import adds no copies");

    let decided = file.replace(",,no", ",2026-03-05,yes");
    let updated = run_import(&app, &cookie, pilot, "kind=decisions", &decided).await;
    assert_eq!(updated["preview"]["changed"], 1);
    assert_eq!(count().await, 2);
    let budget = decision::Entity::find()
        .filter(decision::Column::ProcessType.eq("budget"))
        .one(&db.connection)
        .await
        .expect("query")
        .expect("decision");
    assert!(budget.documented);
    assert_eq!(budget.source, "import");
    assert_eq!(
        budget.decided_at.map(|at| at.to_rfc3339()),
        Some("2026-03-05T12:00:00+00:00".to_string())
    );

    let backwards = "team,process_type,raised_at,decided_at,documented\n\
                     Platform,product,2026-03-05,2026-03-04,yes\n\
                     Nowhere,product,2026-03-05,,yes\n";
    let rejected = run_import(&app, &cookie, pilot, "kind=decisions", backwards).await;
    assert_eq!(rejected["preview"]["bad_lines"], 1, "{rejected}");
    assert_eq!(rejected["preview"]["errors"][0]["line"], 2);
    assert_eq!(
        rejected["preview"]["outside_teams"], 1,
        "an unknown team is counted apart"
    );
    assert_eq!(count().await, 2);

    // Two decisions of one kind raised the same day are two decisions, and stay two when the
    // file is imported again (METHOD.md: only decided-before-raised is a bad line).
    let twice = "team,process_type,raised_at,decided_at,documented\n\
                 Platform,product,2026-03-09,2026-03-10,yes\n\
                 Platform,product,2026-03-09,2026-03-12,no\n\
                 Nowhere,product,2026-03-09,,yes\n";
    let both = run_import(&app, &cookie, pilot, "kind=decisions", twice).await;
    assert_eq!(both["preview"]["new"], 2, "{both}");
    assert_eq!(both["preview"]["outside_teams"], 1);
    assert_eq!(count().await, 4);
    let again = run_import(&app, &cookie, pilot, "kind=decisions", twice).await;
    assert_eq!(again["preview"]["unchanged"], 2, "{again}");
    assert_eq!(count().await, 4);
}

async fn executives_and_participants_may_not_import(db: TestDb) {
    let (pilot, _, _) = setup(&db, 3).await;
    let executive = person(&db, "exec@example.org", Role::Executive, None).await;
    let participant = id_of(&db, "ann@example.org").await;
    let app = TestApp::spawn(&db).await;
    for who in [executive, participant] {
        let cookie = session_cookie(&db, who).await;
        let response = app
            .client
            .post(app.url(&format!("/api/v1/pilots/{pilot}/imports?kind=entries")))
            .header("cookie", &cookie)
            .body("email,date,measure,value\n")
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 403);
    }
    assert_eq!(entries(&db).await, 0);
}

async fn custom_metrics_are_defined_by_hr_and_checked_by_the_import(db: TestDb) {
    let (pilot, _, _) = setup(&db, 3).await;
    consent(&db, pilot, "ann@example.org").await;
    let cookie = session_cookie(&db, id_of(&db, "hr@example.org").await).await;
    let app = TestApp::spawn(&db).await;
    let define = |body: Value| {
        let (app, cookie) = (&app, &cookie);
        async move {
            let response = app
                .client
                .post(app.url("/api/v1/custom-metrics"))
                .header("cookie", cookie)
                .json(&body)
                .send()
                .await
                .expect("request");
            let status = response.status().as_u16();
            (
                status,
                response.json::<Value>().await.unwrap_or(Value::Null),
            )
        }
    };
    let deploys = serde_json::json!({
        "key": "deploys", "label": "Deploys", "unit": "per day",
        "direction": "higher_is_better", "min_value": "0", "max_value": "20"
    });
    let (status, created) = define(deploys.clone()).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["direction"], "higher_is_better");
    let (status, refused) = define(deploys).await;
    assert_eq!(status, 422);
    assert_eq!(refused["field"], "key", "{refused}");
    let (status, refused) = define(serde_json::json!({
        "key": "Bad Key", "label": "x", "direction": "up", "min_value": "0", "max_value": "1"
    }))
    .await;
    assert_eq!((status, &refused["field"]), (422, &Value::from("key")));
    let listed: Value = app
        .get_as("/api/v1/custom-metrics", &cookie)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(listed.as_array().map(Vec::len), Some(1));

    let file = format!(
        "email,date,measure,value\n\
         ann@example.org,{d0},custom:deploys,3\n\
         ann@example.org,{d1},custom:deploys,30\n\
         ann@example.org,{d1},custom:sleep,3\n",
        d0 = day(0),
        d1 = day(1)
    );
    let checked = run_import(&app, &cookie, pilot, "kind=entries&dry_run=true", &file).await;
    let errors = &checked["preview"]["errors"];
    assert!(errors[0]["message"]
        .as_str()
        .is_some_and(|message| message.contains("custom:deploys: must be from 0 to 20")));
    assert!(errors[1]["message"]
        .as_str()
        .is_some_and(|message| message.contains("unknown measure 'custom:sleep'")));

    // A participant may not define one.
    let ann = session_cookie(&db, id_of(&db, "ann@example.org").await).await;
    let refused = app
        .client
        .post(app.url("/api/v1/custom-metrics"))
        .header("cookie", &ann)
        .json(&serde_json::json!({
            "key": "mood", "label": "Mood", "direction": "higher_is_better",
            "min_value": "1", "max_value": "5"
        }))
        .send()
        .await
        .expect("request");
    assert_eq!(refused.status(), 403);
}

async fn a_job_of_another_pilot_is_not_found(db: TestDb) {
    let (pilot, _, _) = setup(&db, 3).await;
    let cookie = session_cookie(&db, id_of(&db, "hr@example.org").await).await;
    let app = TestApp::spawn(&db).await;
    let job = run_import(
        &app,
        &cookie,
        pilot,
        "kind=entries&dry_run=true",
        "email,date,measure,value\n",
    )
    .await;
    let other = app
        .get_as(
            &format!("/api/v1/pilots/{}/imports/{}", pilot + 1, job["id"]),
            &cookie,
        )
        .await;
    assert_eq!(other.status(), 404);
    let missing = app
        .get_as(&format!("/api/v1/pilots/{pilot}/imports/999999"), &cookie)
        .await;
    assert_eq!(missing.status(), 404);
}

async fn the_pages_render_for_hr_and_link_from_the_pilot(db: TestDb) {
    let (pilot, _, _) = setup(&db, 3).await;
    let cookie = session_cookie(&db, id_of(&db, "hr@example.org").await).await;
    let app = TestApp::spawn(&db).await;
    let text = |path: String| {
        let (app, cookie) = (&app, &cookie);
        async move {
            let response = app.get_as(&path, cookie).await;
            assert_eq!(response.status(), 200, "{path}");
            response.text().await.expect("page")
        }
    };
    let pilot_page = text(format!("/admin/pilots/{pilot}")).await;
    assert!(
        pilot_page.contains(&format!("/admin/pilots/{pilot}/import")),
        "the pilot's page links to its import"
    );
    let import = text(format!("/admin/pilots/{pilot}/import")).await;
    assert!(import.contains("Import into the pilot"), "{import}");
    assert!(
        import.contains("email,date,measure,value,qualifier"),
        "{import}"
    );
    let metrics = text("/admin/custom-metrics".to_string()).await;
    assert!(metrics.contains("New metric"), "{metrics}");
    app.stop().await;
}
