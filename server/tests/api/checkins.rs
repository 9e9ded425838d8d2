//! The daily check-in on both databases: who may check in (409 saying why), the edit window,
//! double submits, a person's own entries (and nobody else's), the plain-form flow before the
//! WebAssembly loads, the team's weekly count under k, and reminders claimed once.

use app::{
    domain::{
        account::Role,
        capture::{
            calendar::{local_now, week_start, WorkingDays},
            measure::{EntrySource, EntryValue, Measure},
        },
        pilot::PilotStage,
    },
    server::{
        entities::{checkin, entry},
        repo::{self, audit::Actor, entries::NewEntry},
        services::pilots,
    },
};
use chrono::{Days, NaiveDate, Utc};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

use crate::on_both_databases;
use crate::pilots::{id_of, setup};
use crate::support::{person, session_cookie, TestApp, TestDb};

on_both_databases!(
    only_members_with_an_active_consent_in_a_collecting_pilot_check_in,
    the_edit_window_is_today_and_three_days_back_in_the_persons_time_zone,
    a_double_submit_leaves_one_row_per_key,
    own_entries_are_listed_deleted_and_exported_for_their_author_only,
    a_plain_form_post_comes_back_to_the_page_with_the_check_in_done,
    the_team_week_is_a_count_only_at_or_above_k,
);

/// Today in Berlin, where the test roster's Platform team works.
pub fn berlin_today() -> NaiveDate {
    local_now("Europe/Berlin", Utc::now()).date()
}

/// A pilot with Platform (five people) and Data (one): `(pilot, platform link, data link)`,
/// still in its draft unless `start` is true.
pub async fn pilot(db: &TestDb, start: bool) -> (i64, String, String) {
    let (pilot, platform, data) = setup(db, 3).await;
    if start {
        start_baseline(db, pilot).await;
    }
    (pilot, platform, data)
}

pub async fn start_baseline(db: &TestDb, pilot: i64) {
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
    .expect("the baseline starts");
}

/// The person's session, after joining through `link` when one is given.
pub async fn member(db: &TestDb, app: &TestApp, email: &str, link: Option<&str>) -> String {
    let cookie = session_cookie(db, id_of(db, email).await).await;
    if let Some(link) = link {
        let joined = app
            .call("join_pilot", &[("token", link)], Some(&cookie))
            .await;
        assert_eq!(joined.status(), 200, "{email} joins");
    }
    cookie
}

/// Moves the pilot to `stage` directly, for the stages the calendar reaches only weeks later.
pub async fn set_stage(db: &TestDb, pilot: i64, stage: PilotStage) {
    use sea_orm::{ActiveModelTrait, Set};
    app::server::entities::pilot::ActiveModel {
        id: Set(pilot),
        stage: Set(stage.slug().to_string()),
        ..Default::default()
    }
    .update(&db.connection)
    .await
    .expect("stage");
}

async fn body_of(app: &TestApp, cookie: &str, body: Value) -> String {
    post_checkin(app, cookie, body).await.1["error"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

pub async fn post_checkin(app: &TestApp, cookie: &str, body: Value) -> (u16, Value) {
    let response = app
        .client
        .post(app.url("/api/v1/checkins"))
        .header("cookie", cookie)
        .json(&body)
        .send()
        .await
        .expect("check in");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn only_members_with_an_active_consent_in_a_collecting_pilot_check_in(db: TestDb) {
    let (pilot, platform, _) = pilot(&db, false).await;
    let app = TestApp::spawn(&db).await;
    let ann = member(&db, &app, "ann@example.org", Some(&platform)).await;
    let kim = member(&db, &app, "kim@example.org", None).await;
    let checkin = json!({"energy": 4});

    let (status, body) = post_checkin(&app, &kim, checkin.clone()).await;
    assert_eq!(status, 409, "no consent: {body}");
    assert!(
        body["error"]
            .as_str()
            .unwrap_or_default()
            .contains("not joined"),
        "{body}"
    );

    let (status, body) = post_checkin(&app, &ann, checkin.clone()).await;
    assert_eq!(status, 409, "a pilot in its draft collects nothing: {body}");
    assert!(
        body["error"].as_str().unwrap_or_default().contains("draft"),
        "{body}"
    );

    start_baseline(&db, pilot).await;
    let (status, body) = post_checkin(&app, &ann, checkin.clone()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["values"], 1);
    assert_eq!(body["date"], berlin_today().to_string());

    for (stage, expected) in [
        (PilotStage::Intervention, 200),
        (PilotStage::FollowUp, 200),
        (PilotStage::Review, 409),
    ] {
        set_stage(&db, pilot, stage).await;
        let (status, body) = post_checkin(&app, &ann, checkin.clone()).await;
        assert_eq!(status, expected, "{stage:?}: {body}");
    }
    assert!(body_of(&app, &ann, checkin.clone())
        .await
        .contains("review"));
    set_stage(&db, pilot, PilotStage::FollowUp).await;

    let executive = person(&db, "exec@example.org", Role::Executive, None).await;
    let executive = session_cookie(&db, executive).await;
    assert_eq!(post_checkin(&app, &executive, checkin.clone()).await.0, 403);

    let withdrawn = app
        .call(
            "withdraw_consent",
            &[("pilot_id", &pilot.to_string())],
            Some(&ann),
        )
        .await;
    assert_eq!(withdrawn.status(), 200);
    let (status, body) = post_checkin(&app, &ann, checkin.clone()).await;
    assert_eq!(status, 409, "{body}");
    assert!(
        body["error"]
            .as_str()
            .unwrap_or_default()
            .contains("withdrew"),
        "{body}"
    );
    app.stop().await;
}

async fn the_edit_window_is_today_and_three_days_back_in_the_persons_time_zone(db: TestDb) {
    let (_, platform, _) = pilot(&db, true).await;
    let app = TestApp::spawn(&db).await;
    let ann = member(&db, &app, "ann@example.org", Some(&platform)).await;
    let today = berlin_today();
    let day = |back: u64| today.checked_sub_days(Days::new(back)).expect("date");
    let tomorrow = today.checked_add_days(Days::new(1)).expect("date");

    for (date, expected) in [(day(3), 200), (day(4), 422), (tomorrow, 422), (day(1), 200)] {
        let (status, body) = post_checkin(
            &app,
            &ann,
            json!({"date": date, "energy": 3, "part_of_day": "morning"}),
        )
        .await;
        assert_eq!(status, expected, "{date}: {body}");
        if expected == 422 {
            assert_eq!(body["field"], "date", "{body}");
        }
    }
    let (status, body) = post_checkin(
        &app,
        &ann,
        json!({"energy": 3, "meetings": 1, "asyncable_meetings": 2}),
    )
    .await;
    assert_eq!(
        (status, body["field"].as_str()),
        (422, Some("asyncable_meetings"))
    );
    let (status, _) = post_checkin(&app, &ann, json!({"energy": 6})).await;
    assert_eq!(status, 422);
    assert_eq!(
        entry::Entity::find()
            .count(&db.connection)
            .await
            .expect("count"),
        2,
        "only the two accepted check-ins stored values"
    );
    app.stop().await;
}

async fn a_double_submit_leaves_one_row_per_key(db: TestDb) {
    let (_, platform, _) = pilot(&db, true).await;
    let app = TestApp::spawn(&db).await;
    let ann = member(&db, &app, "ann@example.org", Some(&platform)).await;
    let full = json!({
        "part_of_day": "afternoon", "energy": 4, "focus_planned_hours": 3,
        "focus_achieved_hours": 2.5, "meetings": 2, "meeting_hours": 1.5,
        "asyncable_meetings": 1, "chat_reply": "within_the_hour", "email_reply": "next_day",
    });
    assert_eq!(post_checkin(&app, &ann, full.clone()).await.0, 200);
    assert_eq!(post_checkin(&app, &ann, full.clone()).await.0, 200);
    let (first, second) = tokio::join!(
        post_checkin(&app, &ann, full.clone()),
        post_checkin(&app, &ann, full.clone())
    );
    assert_eq!((first.0, second.0), (200, 200), "{first:?} {second:?}");
    let checkins = checkin::Entity::find()
        .all(&db.connection)
        .await
        .expect("rows");
    assert_eq!(
        checkins.len(),
        1,
        "one check-in row for the day and part of day"
    );
    assert_eq!(
        entry::Entity::find()
            .count(&db.connection)
            .await
            .expect("count"),
        8
    );

    let mut changed = full.clone();
    changed["energy"] = json!(2);
    assert_eq!(post_checkin(&app, &ann, changed).await.0, 200);
    let energy: Vec<f64> = entry::Entity::find()
        .all(&db.connection)
        .await
        .expect("rows")
        .into_iter()
        .filter(|row| row.measure == "energy")
        .map(|row| row.value)
        .collect();
    assert_eq!(energy, vec![2.0], "the later submit replaces the value");
    app.stop().await;
}

async fn own_entries_are_listed_deleted_and_exported_for_their_author_only(db: TestDb) {
    let (_, platform, _) = pilot(&db, true).await;
    let app = TestApp::spawn(&db).await;
    let ann = member(&db, &app, "ann@example.org", Some(&platform)).await;
    let sam = member(&db, &app, "sam@example.org", Some(&platform)).await;
    assert_eq!(
        post_checkin(&app, &ann, json!({"energy": 4, "meetings": 2}))
            .await
            .0,
        200
    );
    assert_eq!(post_checkin(&app, &sam, json!({"energy": 1})).await.0, 200);
    // A value HR imported for Ann is hers to be counted, not hers to export or delete here.
    let hr = id_of(&db, "hr@example.org").await;
    let imported = NewEntry {
        person_id: id_of(&db, "ann@example.org").await,
        date: berlin_today(),
        value: EntryValue::new(Measure::Satisfaction, "", 7.0, &[]).expect("value"),
    };
    repo::entries::upsert(
        &db.connection,
        &[imported],
        EntrySource::Import,
        Some(hr),
        Utc::now(),
    )
    .await
    .expect("import");

    let list = |cookie: String, query: &'static str| {
        let app = &app;
        async move {
            let response = app
                .get_as(&format!("/api/v1/me/entries{query}"), &cookie)
                .await;
            let status = response.status().as_u16();
            (
                status,
                response.json::<Value>().await.unwrap_or(Value::Null),
            )
        }
    };
    let (status, mine) = list(ann.clone(), "").await;
    assert_eq!(status, 200);
    let measures: Vec<&str> = mine
        .as_array()
        .expect("list")
        .iter()
        .map(|entry| entry["measure"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        measures,
        vec!["energy", "meetings"],
        "own entries only: {mine}"
    );
    let (_, sams) = list(sam.clone(), "").await;
    let sams_entry = sams[0]["id"].as_i64().expect("Sam's entry");
    let (status, _) = list(ann.clone(), "?from=2026-12-02&to=2026-12-01").await;
    assert_eq!(status, 422);

    let delete = |cookie: String, id: i64| {
        let app = &app;
        async move {
            app.client
                .delete(app.url(&format!("/api/v1/me/entries/{id}")))
                .header("cookie", cookie)
                .send()
                .await
                .expect("delete")
                .status()
                .as_u16()
        }
    };
    assert_eq!(
        delete(ann.clone(), sams_entry).await,
        404,
        "someone else's entry"
    );
    let (_, sams_after) = list(sam.clone(), "").await;
    assert_eq!(sams_after.as_array().map(Vec::len), Some(1));

    let csv = app.get_as("/api/v1/me/entries.csv", &ann).await;
    assert_eq!(csv.status(), 200);
    assert!(csv.headers()["content-type"]
        .to_str()
        .unwrap_or_default()
        .starts_with("text/csv"));
    let csv = csv.text().await.expect("body");
    let today = berlin_today();
    assert_eq!(
        csv,
        format!("date,measure,qualifier,value,source\n{today},energy,morning,4,checkin\n{today},meetings,,2,checkin\n")
            .replace("morning", &energy_qualifier(&mine)),
    );

    let meetings = mine[1]["id"].as_i64().expect("id");
    assert_eq!(delete(ann.clone(), meetings).await, 204);
    assert_eq!(delete(ann.clone(), meetings).await, 404, "already gone");
    let (_, left) = list(ann.clone(), "").await;
    assert_eq!(left.as_array().map(Vec::len), Some(1));
    app.stop().await;
}

/// The part of day the clock gave Ann's energy (it depends on when the test runs).
fn energy_qualifier(entries: &Value) -> String {
    entries[0]["qualifier"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn a_plain_form_post_comes_back_to_the_page_with_the_check_in_done(db: TestDb) {
    let (_, platform, _) = pilot(&db, true).await;
    let app = TestApp::spawn(&db).await;
    let ann = member(&db, &app, "ann@example.org", Some(&platform)).await;
    let page = app.url("/checkin");
    let post = |form: &'static [(&'static str, &'static str)]| {
        app.client
            .post(app.url("/fn/submit_checkin"))
            .header("cookie", &ann)
            .header("accept", "text/html,application/xhtml+xml")
            .header("referer", &page)
            .form(form)
            .send()
    };
    let refused = post(&[("form[energy]", "")]).await.expect("post");
    assert_eq!(refused.status(), 302, "back to the page with the error");
    let location = refused.headers()["location"]
        .to_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        location.starts_with(&page) && location.contains("__err="),
        "{location}"
    );
    let with_error = app.get_as(&location.replace(&app.address, ""), &ann).await;
    let with_error = with_error.text().await.expect("page");
    assert!(
        with_error.contains("rate your energy"),
        "the page shows the error"
    );

    let saved = post(&[("form[energy]", "4"), ("form[part_of_day]", "evening")])
        .await
        .expect("post");
    assert_eq!(saved.status(), 302);
    let back = saved.headers()["location"].to_str().unwrap_or_default();
    assert_eq!(
        back.trim_end_matches('?'),
        page,
        "back to the page, without an error"
    );
    let html = app
        .get_as("/checkin", &ann)
        .await
        .text()
        .await
        .expect("page");
    assert!(
        html.contains("data-testid=\"done-today\""),
        "done for today"
    );
    assert!(
        html.contains("Energy (evening)"),
        "the last 14 days list the value"
    );
    app.stop().await;
}

async fn the_team_week_is_a_count_only_at_or_above_k(db: TestDb) {
    let (pilot_id, platform, data) = pilot(&db, false).await;
    let app = TestApp::spawn(&db).await;
    let ann = member(&db, &app, "ann@example.org", Some(&platform)).await;
    let ben = member(&db, &app, "ben@example.org", Some(&platform)).await;
    let kim = member(&db, &app, "kim@example.org", Some(&data)).await;
    start_baseline(&db, pilot_id).await;
    assert_eq!(post_checkin(&app, &ann, json!({"energy": 4})).await.0, 200);
    assert_eq!(post_checkin(&app, &kim, json!({"energy": 4})).await.0, 200);

    let overview = |cookie: String| {
        let app = &app;
        async move {
            let response = app.call("get_checkin_overview", &[], Some(&cookie)).await;
            assert_eq!(response.status(), 200);
            response.json::<Value>().await.expect("JSON")
        }
    };
    let today = berlin_today();
    let weekdays = WorkingDays::monday_to_friday();
    let expected = 2 * weekdays.count_between(week_start(today), today);
    let ann_days = i64::from(weekdays.includes(today));
    let seen_by_ben = overview(ben).await;
    assert_eq!(
        seen_by_ben["team_week"],
        json!({"status": "counts", "checkin_days": ann_days, "expected_days": expected}),
        "Platform has five people: a count over its two consenting members, nobody named"
    );
    assert_eq!(
        seen_by_ben["recent"],
        json!([]),
        "Ben sees none of Ann's entries"
    );
    assert_eq!(seen_by_ben["done_today"], false);
    let seen_by_kim = overview(kim).await;
    assert_eq!(
        seen_by_kim["team_week"],
        json!({"status": "fewer_than", "threshold": 5}),
        "Data has one person: no count at all"
    );
    assert_eq!(seen_by_kim["done_today"], true);
    app.stop().await;
}
