//! Team charters: the manager saves dated versions that never overwrite each other, members
//! read them, the version in force is found by date, and bad input is a 422 naming the field.

use app::{domain::account::Role, server::entities::audit_event};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

use crate::on_both_databases;
use crate::pilots::{id_of, setup};
use crate::support::{person, session_cookie, TestApp, TestDb};

on_both_databases!(
    a_manager_saves_dated_versions_and_old_ones_remain,
    a_member_reads_the_charter_but_cannot_edit_it,
    a_bad_charter_answers_422_and_stores_nothing,
    the_page_form_saves_a_version_with_its_channels,
);

pub use crate::pulses::send;

/// The id of the team named `name`.
pub async fn team_id(db: &TestDb, name: &str) -> i64 {
    app::server::repo::pilot_teams::team_id_named(&db.connection, name)
        .await
        .expect("query")
        .expect("team")
}

pub async fn cookie_of(db: &TestDb, email: &str) -> String {
    session_cookie(db, id_of(db, email).await).await
}

fn charter(effective_from: &str, chat_hours: f64) -> Value {
    json!({
        "effective_from": effective_from,
        "current_norms": effective_from == "2026-01-01",
        "note": "agreed in the retro",
        "channels": [
            {"name": "chat", "purpose": "quick questions", "reply_hours": chat_hours},
            {"name": "email", "purpose": "decisions and updates", "reply_hours": 24},
        ],
    })
}

async fn a_manager_saves_dated_versions_and_old_ones_remain(db: TestDb) {
    use reqwest::Method;
    setup(&db, 3).await;
    let platform = team_id(&db, "Platform").await;
    let lea = cookie_of(&db, "lea@example.org").await;
    let app = TestApp::spawn(&db).await;
    let path = format!("/api/v1/teams/{platform}/charter");

    let (status, body) = send(
        &app,
        Method::PUT,
        &path,
        &lea,
        Some(charter("2026-01-01", 1.0)),
    )
    .await;
    assert_eq!((status, body), (201, json!({"version": 1})));
    let (status, body) = send(
        &app,
        Method::PUT,
        &path,
        &lea,
        Some(charter("2026-03-01", 4.0)),
    )
    .await;
    assert_eq!((status, body), (201, json!({"version": 2})));

    let (status, versions) = send(&app, Method::GET, &format!("{path}/versions"), &lea, None).await;
    assert_eq!(status, 200);
    let versions = versions.as_array().expect("versions").clone();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["version"], 2);
    assert_eq!(versions[1]["version"], 1);
    assert_eq!(versions[1]["effective_from"], "2026-01-01");
    assert_eq!(versions[1]["current_norms"], true);
    assert_eq!(
        versions[1]["channels"][0]["reply_hours"], 1.0,
        "the first version is unchanged"
    );
    assert_eq!(versions[1]["saved_by"], "Lea Lead");

    for (on, expected) in [
        ("2025-12-31", Value::Null),
        ("2026-02-28", json!(1)),
        ("2026-03-01", json!(2)),
    ] {
        let (status, found) = send(&app, Method::GET, &format!("{path}?on={on}"), &lea, None).await;
        assert_eq!(status, 200);
        assert_eq!(found["on"], on);
        assert_eq!(
            found["in_force"]["version"].clone(),
            expected,
            "in force on {on}"
        );
        assert_eq!(found["can_edit"], true);
    }

    let saved = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("charter_saved"))
        .all(&db.connection)
        .await
        .expect("audit");
    assert_eq!(saved.len(), 2);
    assert!(saved[0].detail.contains("chat 1h"), "{}", saved[0].detail);
    app.stop().await;
}

async fn a_member_reads_the_charter_but_cannot_edit_it(db: TestDb) {
    use reqwest::Method;
    setup(&db, 3).await;
    let platform = team_id(&db, "Platform").await;
    let lea = cookie_of(&db, "lea@example.org").await;
    let sam = cookie_of(&db, "sam@example.org").await;
    let kim = cookie_of(&db, "kim@example.org").await;
    let hr = cookie_of(&db, "hr@example.org").await;
    let executive = session_cookie(
        &db,
        person(&db, "ceo@example.org", Role::Executive, None).await,
    )
    .await;
    let app = TestApp::spawn(&db).await;
    let path = format!("/api/v1/teams/{platform}/charter");
    assert_eq!(
        send(
            &app,
            Method::PUT,
            &path,
            &lea,
            Some(charter("2026-01-01", 2.0))
        )
        .await
        .0,
        201
    );

    assert_eq!(
        send(
            &app,
            Method::PUT,
            &path,
            &sam,
            Some(charter("2026-02-01", 9.0))
        )
        .await
        .0,
        403
    );
    assert_eq!(
        send(
            &app,
            Method::PUT,
            &path,
            &executive,
            Some(charter("2026-02-01", 9.0))
        )
        .await
        .0,
        403
    );
    let (status, read) = send(&app, Method::GET, &path, &sam, None).await;
    assert_eq!(status, 200);
    assert_eq!(read["can_edit"], false);
    assert_eq!(
        read["versions"].as_array().map(Vec::len),
        Some(1),
        "the member's save stored nothing"
    );

    // Kim is in another team; the executive is in none.
    assert_eq!(send(&app, Method::GET, &path, &kim, None).await.0, 403);
    assert_eq!(
        send(&app, Method::GET, &path, &executive, None).await.0,
        403
    );
    assert_eq!(
        send(
            &app,
            Method::PUT,
            &path,
            &kim,
            Some(charter("2026-02-01", 9.0))
        )
        .await
        .0,
        403
    );

    // HR edits any team's charter.
    let (status, body) = send(
        &app,
        Method::PUT,
        &path,
        &hr,
        Some(charter("2026-02-01", 3.0)),
    )
    .await;
    assert_eq!((status, body), (201, json!({"version": 2})));
    app.stop().await;
}

async fn a_bad_charter_answers_422_and_stores_nothing(db: TestDb) {
    use reqwest::Method;
    setup(&db, 3).await;
    let platform = team_id(&db, "Platform").await;
    let lea = cookie_of(&db, "lea@example.org").await;
    let app = TestApp::spawn(&db).await;
    let path = format!("/api/v1/teams/{platform}/charter");
    let twice = json!({"effective_from": "2026-01-01", "channels": [
        {"name": "chat", "reply_hours": 1}, {"name": "chat", "reply_hours": 2}]});
    let none = json!({"effective_from": "2026-01-01", "channels": []});
    let upper =
        json!({"effective_from": "2026-01-01", "channels": [{"name": "Chat", "reply_hours": 1}]});
    let slow =
        json!({"effective_from": "2026-01-01", "channels": [{"name": "chat", "reply_hours": 721}]});
    for bad in [twice, none, upper, slow] {
        let (status, body) = send(&app, Method::PUT, &path, &lea, Some(bad.clone())).await;
        assert_eq!(status, 422, "{bad}");
        assert_eq!(body["field"], "channels", "{body}");
    }
    let (_, versions) = send(&app, Method::GET, &format!("{path}/versions"), &lea, None).await;
    assert_eq!(versions, json!([]));
    app.stop().await;
}

async fn the_page_form_saves_a_version_with_its_channels(db: TestDb) {
    setup(&db, 3).await;
    let platform = team_id(&db, "Platform").await.to_string();
    let lea = cookie_of(&db, "lea@example.org").await;
    let app = TestApp::spawn(&db).await;
    let form = [
        ("team_id", platform.as_str()),
        ("charter[effective_from]", "2026-01-05"),
        ("charter[current_norms]", "true"),
        ("charter[note]", ""),
        ("charter[channels][0][name]", "chat"),
        ("charter[channels][0][purpose]", "quick questions"),
        ("charter[channels][0][reply_hours]", "1,5"),
        ("charter[channels][1][name]", ""),
        ("charter[channels][1][purpose]", ""),
        ("charter[channels][1][reply_hours]", ""),
        ("charter[channels][2][name]", "email"),
        ("charter[channels][2][purpose]", ""),
        ("charter[channels][2][reply_hours]", "24"),
    ];
    let response = app.call("save_team_charter", &form, Some(&lea)).await;
    assert_eq!(response.status(), 200);
    let read: Value = app
        .call(
            "get_team_charter",
            &[("team_id", platform.as_str())],
            Some(&lea),
        )
        .await
        .json()
        .await
        .expect("JSON");
    let channels = &read["versions"][0]["channels"];
    assert_eq!(
        channels[0],
        json!({"name": "chat", "purpose": "quick questions", "reply_hours": 1.5})
    );
    assert_eq!(channels[1]["name"], "email", "the blank row is skipped");
    assert_eq!(read["versions"][0]["current_norms"], true);

    // Lea manages Data and Platform: the page offers both and shows the one asked for.
    let page = app
        .get_as(&format!("/team?team={platform}"), &lea)
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains("Choose a team"), "{page}");
    assert!(
        page.contains("quick questions"),
        "the team page shows the charter: {page}"
    );
    app.stop().await;
}
