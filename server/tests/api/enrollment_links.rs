//! Enrollment links expire 30 days after HR issues or renews them: an expired link is refused
//! on the join page and the API alike, HR sees when each link stops working, and links from
//! before expiry existed were given 30 days by the migration.

use app::{
    domain::pilot::{
        enrollment_link::{ENROLLMENT_LINK_DAYS, EXPIRED_LINK},
        Arm,
    },
    server::{
        entities::{audit_event, pilot_team},
        repo::{self, audit::Actor},
        services::{enrollment, pilot_teams, pilots, roster},
    },
};
use chrono::{DateTime, Duration, Utc};
use migrations::{Migrator, MigratorTrait};
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

use crate::on_both_databases;
use crate::pilot_journey::send;
use crate::pilots::{id_of, pilot_roster, platform_via_api, protocol, setup};
use crate::support::{admin_caller, session_cookie, TestApp, TestDb};

on_both_databases!(
    an_expired_link_is_refused_on_the_page_and_the_api_until_hr_renews_it,
    links_issued_before_expiry_existed_get_thirty_days_from_the_migration,
);

fn at(value: &Value) -> DateTime<Utc> {
    value
        .as_str()
        .and_then(|text| DateTime::parse_from_rfc3339(text).ok())
        .map(|at| at.with_timezone(&Utc))
        .unwrap_or_else(|| panic!("a timestamp, not {value}"))
}

/// `at` is `ENROLLMENT_LINK_DAYS` after a moment between `before` and `after`.
fn thirty_days_after(at: DateTime<Utc>, before: DateTime<Utc>, after: DateTime<Utc>) -> bool {
    let days = Duration::days(ENROLLMENT_LINK_DAYS);
    before + days - Duration::seconds(1) <= at && at <= after + days + Duration::seconds(1)
}

async fn an_expired_link_is_refused_on_the_page_and_the_api_until_hr_renews_it(db: TestDb) {
    roster::import(&db.connection, &pilot_roster(), Actor::System, Utc::now())
        .await
        .expect("import")
        .expect("clean");
    let pilot = pilots::create(&db.connection, Actor::System, &protocol(3), Utc::now())
        .await
        .expect("pilot");
    let platform = repo::pilot_teams::team_id_named(&db.connection, "Platform")
        .await
        .expect("query")
        .expect("Platform");
    // Issued 31 days ago: it stopped working a day ago.
    let issued = Utc::now() - Duration::days(31);
    let old_token = pilot_teams::add_team(
        &db.connection,
        Actor::System,
        pilot,
        platform,
        Arm::Pilot,
        true,
        issued,
    )
    .await
    .expect("pilot team");
    let sam = session_cookie(&db, id_of(&db, "sam@example.org").await).await;
    let hr = session_cookie(&db, id_of(&db, "hr@example.org").await).await;
    let app = TestApp::spawn(&db).await;

    let join_path = format!("/api/v1/join/{old_token}");
    for method in [Method::GET, Method::POST] {
        let (status, body) = send(&app, method.clone(), &join_path, &sam, None).await;
        assert_eq!(status, 409, "{method}: {body}");
        assert!(
            body["error"].as_str().unwrap_or("").contains(EXPIRED_LINK),
            "{method}: {body}"
        );
    }
    // The page is streamed (its status is sent before the link is looked up): it says why.
    let page = app.get_as(&format!("/join/{old_token}"), &sam).await;
    let html = page.text().await.expect("page");
    assert!(html.contains(EXPIRED_LINK), "the page says why");
    assert!(!html.contains("I agree and join"), "and offers no consent");
    let info = app
        .call("get_join_info", &[("token", &old_token)], Some(&sam))
        .await;
    assert_eq!(info.status(), 409);
    assert!(
        repo::consents::find(&db.connection, pilot, id_of(&db, "sam@example.org").await)
            .await
            .expect("query")
            .is_none()
    );

    // HR sees it has expired, and when.
    let (_, team) = platform_via_api(&app, pilot, &hr).await;
    assert_eq!(team["link_expired"], true, "{team}");
    assert!(thirty_days_after(
        at(&team["link_expires_at"]),
        issued,
        issued
    ));

    // A new link works for 30 days from now; the old one stays dead.
    let before = Utc::now();
    let path = format!("/api/v1/pilot-teams/{}/link", team["pilot_team_id"]);
    let (status, renewed) = send(&app, Method::POST, &path, &hr, None).await;
    let after = Utc::now();
    assert_eq!(status, 200, "{renewed}");
    let expires_at = at(&renewed["expires_at"]);
    assert!(thirty_days_after(expires_at, before, after), "{renewed}");
    let (_, team) = platform_via_api(&app, pilot, &hr).await;
    assert_eq!(team["link_expired"], false, "{team}");
    assert_eq!(at(&team["link_expires_at"]), expires_at);
    let token = renewed["url"]
        .as_str()
        .and_then(|url| url.rsplit('/').next())
        .expect("token")
        .to_string();
    let (status, info) = send(
        &app,
        Method::GET,
        &format!("/api/v1/join/{token}"),
        &sam,
        None,
    )
    .await;
    assert_eq!(status, 200, "{info}");
    let page = app.get_as(&format!("/join/{token}"), &sam).await;
    assert_eq!(page.status(), 200);
    assert!(page
        .text()
        .await
        .expect("page")
        .contains("I agree and join"));
    let (status, _) = send(
        &app,
        Method::POST,
        &format!("/api/v1/join/{token}"),
        &sam,
        None,
    )
    .await;
    assert_eq!(status, 204);
    let (status, _) = send(&app, Method::GET, &join_path, &sam, None).await;
    assert_eq!(status, 404, "a renewed link replaces the old one");
    let renewal = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("pilot_team_link_renewed"))
        .one(&db.connection)
        .await
        .expect("query")
        .expect("the renewal is audited");
    assert!(
        renewal.detail.starts_with("Platform, until ")
            && renewal
                .detail
                .contains(&expires_at.format("%Y-%m-%d").to_string()),
        "{}",
        renewal.detail
    );

    // A team added through the API gets a link that works for 30 days.
    let data = repo::pilot_teams::team_id_named(&db.connection, "Data")
        .await
        .expect("query")
        .expect("Data");
    let before = Utc::now();
    let (status, link) = send(
        &app,
        Method::POST,
        &format!("/api/v1/pilots/{pilot}/teams"),
        &hr,
        Some(serde_json::json!({"team_id": data, "arm": "comparison"})),
    )
    .await;
    assert_eq!(status, 201, "{link}");
    assert!(thirty_days_after(
        at(&link["expires_at"]),
        before,
        Utc::now()
    ));
    app.stop().await;
}

async fn links_issued_before_expiry_existed_get_thirty_days_from_the_migration(db: TestDb) {
    let (pilot, platform_token, _) = setup(&db, 3).await;
    // Undo the migrations from the one that added expiry onwards, then migrate again.
    let names: Vec<String> = Migrator::migrations()
        .iter()
        .map(|migration| migration.name().to_string())
        .collect();
    let expiry = names
        .iter()
        .position(|name| name.ends_with("_enrollment_links_expire"))
        .expect("the expiry migration");
    let undone = u32::try_from(names.len() - expiry).expect("a few migrations");
    Migrator::down(&db.connection, Some(undone))
        .await
        .expect("back to before expiry");
    let before = Utc::now();
    Migrator::up(&db.connection, None).await.expect("migrate");
    let after = Utc::now();
    let links = pilot_team::Entity::find()
        .filter(pilot_team::Column::PilotId.eq(pilot))
        .all(&db.connection)
        .await
        .expect("pilot teams");
    assert_eq!(links.len(), 2);
    for link in &links {
        let expires_at = link.link_expires_at.expect("every link has an expiry");
        assert!(thirty_days_after(expires_at, before, after), "{expires_at}");
    }
    let sam = id_of(&db, "sam@example.org").await;
    let caller = admin_caller(sam, "sam@example.org", "Sam Dev");
    enrollment::join_info(&db.connection, &caller, &platform_token, after)
        .await
        .expect("the link works on the day of the upgrade");
    let later = after + Duration::days(ENROLLMENT_LINK_DAYS) + Duration::minutes(1);
    let expired = enrollment::join_info(&db.connection, &caller, &platform_token, later)
        .await
        .expect_err("and stops 30 days later");
    assert_eq!(expired.status_code(), 409);
    assert!(expired.to_string().contains(EXPIRED_LINK), "{expired}");
}
