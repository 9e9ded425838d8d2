//! Roster import and export against real databases, and over the API.

use app::{
    domain::{account::Role, roster::RosterOptions},
    server::{
        entities::{audit_event, team_membership},
        repo::{self, audit::Actor},
        services::roster,
    },
};
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::Value;

use crate::on_both_databases;
use crate::support::{person, session_cookie, TestApp, TestDb};

pub const ROSTER: &str = "email,name,team,department,manager_email,role,timezone,working_pattern\n\
    lea@example.org,Lea Lead,Platform,Engineering,,participant,Europe/Berlin,full_time\n\
    sam@example.org,Sam Dev,Platform,Engineering,lea@example.org,,Europe/Berlin,part_time\n\
    kim@example.org,Kim Data,Data,Engineering,lea@example.org,,Europe/London,\n\
    hr@example.org,Hana HR,People Team,People,,admin,Europe/Berlin,full_time\n";

on_both_databases!(
    a_clean_roster_imports_people_teams_and_managers,
    importing_the_same_file_again_changes_nothing,
    one_bad_line_and_nothing_is_written,
    a_team_change_keeps_the_membership_history,
    the_export_reimports_as_unchanged,
    the_api_import_reports_bad_lines_with_422,
    managers_listed_after_their_reports_or_in_a_loop_are_linked,
    people_missing_from_the_file_are_deactivated_only_when_asked,
);

async fn import(db: &TestDb, text: &str) -> app::wire::roster::RosterPreview {
    roster::import(&db.connection, text, Actor::System, chrono::Utc::now())
        .await
        .expect("import runs")
        .expect("the file is clean")
}

async fn a_clean_roster_imports_people_teams_and_managers(db: TestDb) {
    let preview = import(&db, ROSTER).await;
    assert_eq!(preview.new_people.len(), 4);
    assert_eq!(preview.new_teams, ["Data", "People Team", "Platform"]);
    assert_eq!(preview.new_departments, ["Engineering", "People"]);
    let teams = repo::teams::summaries(&db.connection).await.expect("teams");
    let platform = teams
        .iter()
        .find(|team| team.name == "Platform")
        .expect("Platform");
    assert_eq!(platform.members, 2);
    assert_eq!(platform.manager.as_deref(), Some("lea@example.org"));
    assert_eq!(platform.time_zone, "Europe/Berlin");
}

async fn importing_the_same_file_again_changes_nothing(db: TestDb) {
    import(&db, ROSTER).await;
    let events = audit_event::Entity::find()
        .count(&db.connection)
        .await
        .expect("count");
    let again = import(&db, ROSTER).await;
    assert_eq!(again.unchanged, 4);
    assert!(!again.changes_anything());
    assert_eq!(
        audit_event::Entity::find()
            .count(&db.connection)
            .await
            .expect("count"),
        events,
        "nothing written, not even an audit entry"
    );
}

async fn one_bad_line_and_nothing_is_written(db: TestDb) {
    let bad = format!(
        "{ROSTER}bad@example.org,Bad Zone,Data,Engineering,,,Mars/Base,\n\
         lost@example.org,Lost,Data,Engineering,nobody@example.org,,UTC,\n"
    );
    let rejected = roster::import(&db.connection, &bad, Actor::System, chrono::Utc::now())
        .await
        .expect("import runs")
        .expect_err("the file has a bad line");
    let messages: Vec<String> = rejected.errors.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages[0].starts_with("line 6: 'Mars/Base' is not a known time zone"),
        "{messages:?}"
    );
    assert!(
        messages[1].starts_with("line 7: manager nobody@example.org not found"),
        "{messages:?}"
    );
    let people = app::server::repo::people::list(&db.connection)
        .await
        .expect("people");
    assert!(people.is_empty(), "all or nothing");
}

async fn a_team_change_keeps_the_membership_history(db: TestDb) {
    import(&db, ROSTER).await;
    let moved = ROSTER.replace(
        "sam@example.org,Sam Dev,Platform",
        "sam@example.org,Sam Dev,Data",
    );
    let preview = import(&db, &moved).await;
    assert_eq!(preview.changed_people.len(), 1);
    assert_eq!(preview.changed_people[0].changes, ["team: Platform → Data"]);
    let sam = app::server::repo::people::find_row_by_email(
        &db.connection,
        &app::domain::account::Email::parse("sam@example.org").expect("email"),
    )
    .await
    .expect("query")
    .expect("sam");
    let memberships = team_membership::Entity::find()
        .filter(team_membership::Column::PersonId.eq(sam.id))
        .all(&db.connection)
        .await
        .expect("memberships");
    assert_eq!(memberships.len(), 2);
    assert_eq!(
        memberships.iter().filter(|m| m.left_at.is_none()).count(),
        1
    );
}

async fn the_export_reimports_as_unchanged(db: TestDb) {
    import(&db, ROSTER).await;
    let exported = roster::export(&db.connection, Actor::System, Utc::now())
        .await
        .expect("export");
    assert!(exported
        .starts_with("email,name,team,department,manager_email,role,timezone,working_pattern\n"));
    assert_eq!(exported.lines().count(), 5);
    let again = import(&db, &exported).await;
    assert_eq!(again.unchanged, 4, "{again:?}");
}

async fn the_api_import_reports_bad_lines_with_422(db: TestDb) {
    let admin = person(&db, "admin@example.org", Role::Admin, None).await;
    let cookie = session_cookie(&db, admin).await;
    let app = TestApp::spawn(&db).await;
    let post = |body: String, query: &str| {
        app.client
            .post(app.url(&format!("/api/v1/roster/import{query}")))
            .header("cookie", &cookie)
            .header("content-type", "text/csv")
            .body(body)
            .send()
    };
    let bad = post(ROSTER.replace("kim@example.org", ""), "")
        .await
        .expect("request");
    assert_eq!(bad.status(), 422);
    let body: Value = bad.json().await.expect("JSON");
    assert_eq!(body["errors"][0]["line"], 4);
    assert_eq!(body["errors"][0]["message"], "missing email");

    let dry = post(ROSTER.to_string(), "?dry_run=true")
        .await
        .expect("request");
    assert_eq!(dry.status(), 200);
    assert_eq!(
        app.get_as("/api/v1/teams", &cookie)
            .await
            .json::<Value>()
            .await
            .expect("JSON")["total"],
        0
    );

    let done = post(ROSTER.to_string(), "").await.expect("request");
    assert_eq!(done.status(), 200);
    let teams: Value = app
        .get_as("/api/v1/teams", &cookie)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(teams["total"], 3);
    assert_eq!(teams["teams"].as_array().map(Vec::len), Some(3));
    let searched: Value = app
        .get_as("/api/v1/teams?q=PLATFORM&page=0", &cookie)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(searched["total"], 1, "{searched}");
    assert_eq!(searched["teams"][0]["name"], "Platform");
    for far in [
        "/api/v1/teams?page=200000000000000000",
        "/api/v1/people?page=9223372036854775807",
        "/api/v1/audit-events?page=9223372036854775807",
    ] {
        let beyond = app.get_as(far, &cookie).await;
        assert_eq!(beyond.status(), 200, "{far}");
        let body: Value = beyond.json().await.expect("JSON");
        assert!(body["total"].as_u64().unwrap_or(0) > 0, "{far}: {body}");
    }
    let export = app.post_as("/api/v1/roster/export", &cookie).await;
    assert_eq!(export.status(), 200);
    let found: Value = app
        .get_as("/api/v1/people?q=sAm%20DeV", &cookie)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(found["total"], 1);
    assert_eq!(found["people"][0]["team"], "Platform");
    let invited = app
        .client
        .post(app.url("/api/v1/people"))
        .header("cookie", &cookie)
        .json(&serde_json::json!({
            "email": "elodie@example.org", "name": "Élodie Ünal", "role": "participant"
        }))
        .send()
        .await
        .expect("request");
    assert_eq!(invited.status(), 201);
    for query in ["%C3%89lodie", "%C3%A9LODIE", "%C3%BCnal", "%C3%9CNAL"] {
        let found: Value = app
            .get_as(&format!("/api/v1/people?q={query}"), &cookie)
            .await
            .json()
            .await
            .expect("JSON");
        assert_eq!(found["total"], 1, "{query}: {found}");
    }
    let second_page: Value = app
        .get_as("/api/v1/people?page=1", &cookie)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(second_page["people"], Value::Array(vec![]));
    assert!(export
        .text()
        .await
        .expect("CSV")
        .contains("sam@example.org,Sam Dev,Platform"));
    app.stop().await;
}

async fn managers_listed_after_their_reports_or_in_a_loop_are_linked(db: TestDb) {
    let file = "email,name,team,department,manager_email,role\n\
        ann@example.org,Ann,Ops,Operations,bo@example.org,admin\n\
        bo@example.org,Bo,Ops,Operations,cy@example.org,\n\
        cy@example.org,Cy,Ops,Operations,,\n\
        dee@example.org,Dee,Ops,Operations,eve@example.org,\n\
        eve@example.org,Eve,Ops,Operations,dee@example.org,\n";
    import(&db, file).await;
    let exported = roster::export(&db.connection, Actor::System, Utc::now())
        .await
        .expect("export");
    for expected in [
        "ann@example.org,Ann,Ops,Operations,bo@example.org",
        "bo@example.org,Bo,Ops,Operations,cy@example.org",
        "dee@example.org,Dee,Ops,Operations,eve@example.org",
        "eve@example.org,Eve,Ops,Operations,dee@example.org",
    ] {
        assert!(exported.contains(expected), "{expected} in {exported}");
    }
    let again = import(&db, file).await;
    assert_eq!(again.unchanged, 5);
}

async fn people_missing_from_the_file_are_deactivated_only_when_asked(db: TestDb) {
    import(&db, ROSTER).await;
    let without_kim: String = ROSTER
        .lines()
        .filter(|line| !line.starts_with("kim@"))
        .map(|line| format!("{line}\n"))
        .collect();
    let kept = import(&db, &without_kim).await;
    assert_eq!(kept.missing.len(), 1);
    assert_eq!(kept.missing[0].email, "kim@example.org");
    assert_eq!(kept.missing[0].changes, ["team: Data"]);
    assert!(!kept.changes_anything(), "by default nobody is deactivated");

    let kim = person_id(&db, "kim@example.org").await;
    let kim_cookie = session_cookie(&db, kim).await;
    let hr = person_id(&db, "hr@example.org").await;
    let hr_caller = crate::support::admin_caller(hr, "hr@example.org", "Hana HR");
    let deactivate = RosterOptions {
        deactivate_missing: true,
    };
    let without_hr: String = ROSTER
        .lines()
        .filter(|line| !line.starts_with("hr@"))
        .map(|line| format!("{line}\n"))
        .collect();
    let own = roster::preview_with(
        &db.connection,
        &without_hr,
        deactivate,
        Actor::Caller(&hr_caller),
        &|_| {},
    )
    .await
    .expect("preview");
    let messages: Vec<&str> = own.errors.iter().map(|e| e.message.as_str()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("your own account (hr@example.org)")),
        "{messages:?}"
    );
    let system = roster::preview_with(
        &db.connection,
        &without_hr,
        deactivate,
        Actor::System,
        &|_| {},
    )
    .await
    .expect("preview");
    assert_eq!(
        system.errors[0].message,
        "this file would leave the organisation without an admin: give someone the admin role in the file, or create one first with `async-pilot create-admin`"
    );

    let done = roster::import_with(
        &db.connection,
        &without_kim,
        deactivate,
        Actor::Caller(&hr_caller),
        Utc::now(),
        &|_| {},
    )
    .await
    .expect("import runs")
    .expect("clean");
    assert!(
        done.summary().ends_with(", 1 deactivated"),
        "{}",
        done.summary()
    );
    let kim_row = app::server::repo::people::find_row(&db.connection, kim)
        .await
        .expect("kim stays");
    assert!(!kim_row.active);
    let open_memberships = team_membership::Entity::find()
        .filter(team_membership::Column::PersonId.eq(kim))
        .filter(team_membership::Column::LeftAt.is_null())
        .count(&db.connection)
        .await
        .expect("count");
    assert_eq!(open_memberships, 0, "Kim left her team");
    let app = TestApp::spawn(&db).await;
    assert_eq!(app.get_as("/api/v1/me", &kim_cookie).await.status(), 401);

    // Back in the file: active again, in her team again.
    let back = import(&db, ROSTER).await;
    assert_eq!(back.changed_people.len(), 1);
    assert!(back.changed_people[0]
        .changes
        .contains(&"reactivated".to_string()));
    let teams = repo::teams::summaries(&db.connection).await.expect("teams");
    let data = teams.iter().find(|team| team.name == "Data").expect("Data");
    assert_eq!(data.members, 1);
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
