//! A person's download of everything held about them: their rows only, secrets left out.

use std::collections::BTreeMap;
use std::io::Read;

use serde_json::json;

use crate::checkins::{post_checkin, start_baseline};
use crate::entry_imports::consent;
use crate::on_both_databases;
use crate::pilots::setup;
use crate::support::{session_cookie, TestApp, TestDb};

on_both_databases!(a_participant_downloads_their_own_data_and_nobody_elses);

fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
    (0..archive.len())
        .map(|index| {
            let mut file = archive.by_index(index).expect("a file");
            let mut text = String::new();
            file.read_to_string(&mut text).expect("UTF-8 text");
            (file.name().to_string(), text)
        })
        .collect()
}

async fn a_participant_downloads_their_own_data_and_nobody_elses(db: TestDb) {
    let (pilot, _, _) = setup(&db, 3).await;
    let ann = consent(&db, pilot, "ann@example.org").await;
    let ben = consent(&db, pilot, "ben@example.org").await;
    start_baseline(&db, pilot).await;
    let app = TestApp::spawn(&db).await;
    let ann_cookie = session_cookie(&db, ann).await;
    let ben_cookie = session_cookie(&db, ben).await;
    let (status, body) = post_checkin(&app, &ann_cookie, json!({"energy": 4})).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = post_checkin(&app, &ben_cookie, json!({"energy": 2})).await;
    assert_eq!(status, 200, "{body}");

    assert_eq!(app.get("/api/v1/me/data.zip").await.status(), 401);
    let response = app.get_as("/api/v1/me/data.zip", &ann_cookie).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()[reqwest::header::CONTENT_TYPE],
        "application/zip"
    );
    let files = unzip(&response.bytes().await.expect("body"));
    for name in [
        "README.txt",
        "people.csv",
        "team_memberships.csv",
        "entries.csv",
        "consents.csv",
        "sessions.csv",
        "audit_events.csv",
        "champions.csv",
        "champion_nominations.csv",
        "training_records.csv",
    ] {
        assert!(files.contains_key(name), "{name} in {:?}", files.keys());
    }
    assert!(files["people.csv"].contains("ann@example.org"));
    assert_eq!(files["people.csv"].lines().count(), 2, "one profile");
    assert_eq!(files["consents.csv"].lines().count(), 2, "one consent");
    let entries = &files["entries.csv"];
    assert!(entries.lines().count() >= 2, "{entries}");
    assert!(entries
        .lines()
        .all(|line| !line.contains(&format!(",{ben},"))));
    for (name, text) in &files {
        assert!(
            !text.contains("ben@example.org"),
            "{name} names someone else"
        );
        let header = text.lines().next().unwrap_or_default();
        assert!(!header.contains("_hash"), "{name} holds a secret: {header}");
    }
    app.stop().await;
}

on_both_databases!(hr_erases_a_person_on_request_and_the_audit_log_keeps_a_pseudonym);

async fn hr_erases_a_person_on_request_and_the_audit_log_keeps_a_pseudonym(db: TestDb) {
    use app::domain::account::Role;
    use app::server::entities::{audit_event, consent as consents, entry};
    use app::server::{repo::audit::Actor, services::erasure};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

    use crate::support::person;

    let (pilot, _, _) = setup(&db, 3).await;
    let ann = consent(&db, pilot, "ann@example.org").await;
    start_baseline(&db, pilot).await;
    let admin = person(&db, "ops@example.org", Role::Admin, None).await;
    let app = TestApp::spawn(&db).await;
    let admin_cookie = session_cookie(&db, admin).await;
    let ann_cookie = session_cookie(&db, ann).await;
    let (status, body) = post_checkin(&app, &ann_cookie, json!({"energy": 4})).await;
    assert_eq!(status, 200, "{body}");
    let id = ann.to_string();
    for active in ["false", "true"] {
        let toggled = app
            .call(
                "set_person_active",
                &[("person_id", &id), ("active", active)],
                Some(&admin_cookie),
            )
            .await;
        assert_eq!(toggled.status(), 200, "the audit log now names ann");
    }
    let ann_cookie = session_cookie(&db, ann).await;
    let erase = |confirm: &'static str, target: i64| {
        app.client
            .post(app.url(&format!("/api/v1/people/{target}/erase")))
            .header("cookie", &admin_cookie)
            .json(&json!({ "confirm": confirm }))
            .send()
    };

    let unconfirmed = erase("ben@example.org", ann).await.expect("request");
    assert_eq!(
        unconfirmed.status(),
        422,
        "the confirmation must be her email"
    );
    let herself = erase("ops@example.org", admin).await.expect("request");
    assert_eq!(herself.status(), 409, "nobody erases themselves");
    // Leave ops@ the only active admin (the roster has others), as the command line could.
    app::server::entities::person::Entity::update_many()
        .col_expr(
            app::server::entities::person::Column::Active,
            sea_orm::sea_query::Expr::value(false),
        )
        .filter(app::server::entities::person::Column::Role.eq("admin"))
        .filter(app::server::entities::person::Column::Id.ne(admin))
        .exec(&db.connection)
        .await
        .expect("deactivating the other admins");
    let last_admin = erasure::erase(
        &db.connection,
        Actor::System,
        admin,
        "ops@example.org",
        chrono::Utc::now(),
    )
    .await;
    assert!(
        matches!(last_admin, Err(app::error::AppError::Conflict(_))),
        "the last admin stays: {last_admin:?}"
    );

    let erased = erase("Ann@Example.org", ann).await.expect("request");
    assert_eq!(erased.status(), 200);
    let erased: serde_json::Value = erased.json().await.expect("JSON");
    assert_eq!(erased["pseudonym"], format!("erased person {ann}"));
    assert!(
        erased["rows_deleted"].as_i64().unwrap_or(0) >= 3,
        "{erased}"
    );

    assert_eq!(app.get_as("/api/v1/me", &ann_cookie).await.status(), 401);
    let left = |count: u64| count;
    assert_eq!(
        left(
            entry::Entity::find()
                .filter(entry::Column::PersonId.eq(ann))
                .count(&db.connection)
                .await
                .expect("count")
        ),
        0
    );
    assert_eq!(
        consents::Entity::find()
            .filter(consents::Column::PersonId.eq(ann))
            .count(&db.connection)
            .await
            .expect("count"),
        0
    );
    let events = audit_event::Entity::find()
        .all(&db.connection)
        .await
        .expect("audit");
    for event in &events {
        let text = format!("{:?} {}", event.actor_email, event.detail);
        assert!(!text.contains("ann@example.org"), "{text}");
        assert!(!text.contains("Ann Ops"), "{text}");
    }
    assert!(events
        .iter()
        .any(|event| event.action == "person_erased"
            && event.object_id.as_deref() == Some(id.as_str())));
    assert!(events
        .iter()
        .any(|event| event.detail.contains(&format!("erased person {ann}"))));
    let again = erase("ann@example.org", ann).await.expect("request");
    assert_eq!(again.status(), 422, "her email is gone");
    app.stop().await;
}

on_both_databases!(the_account_page_offers_the_download_and_the_people_page_the_erasure);

async fn the_account_page_offers_the_download_and_the_people_page_the_erasure(db: TestDb) {
    use app::domain::account::Role;

    use crate::support::person;

    let ann = person(&db, "ann@example.org", Role::Participant, None).await;
    let admin = person(&db, "ops@example.org", Role::Admin, None).await;
    let app = TestApp::spawn(&db).await;
    let account = app
        .get_as("/account", &session_cookie(&db, ann).await)
        .await
        .text()
        .await
        .expect("page");
    assert!(
        account.contains(r#"href="/api/v1/me/data.zip""#),
        "{account}"
    );
    let people = app
        .get_as("/admin/people", &session_cookie(&db, admin).await)
        .await
        .text()
        .await
        .expect("page");
    assert!(
        people.contains("Erase ann"),
        "the erase form names the person"
    );
    app.stop().await;
}
