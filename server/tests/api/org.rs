//! Editing teams and people one at a time, on both databases.

use app::{
    error::AppError,
    server::{
        entities::team_membership,
        repo::{self, audit::Actor},
        services::{departments, person_details, roster, teams},
    },
    wire::{person_details::PersonInput, teams::TeamInput},
};
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::on_both_databases;
use crate::roster::ROSTER;
use crate::support::TestDb;

on_both_databases!(
    a_team_is_created_in_a_new_department_and_names_stay_unique,
    a_team_with_members_cannot_be_deactivated,
    editing_a_person_moves_them_and_keeps_the_history,
    a_department_goes_only_without_active_teams_and_the_roster_brings_it_back,
    teams_are_searched_by_name_or_department_in_any_case_and_paged,
);

fn team(name: &str, department: &str, manager: &str) -> TeamInput {
    TeamInput {
        name: name.into(),
        department: department.into(),
        manager_email: manager.into(),
        time_zone: "Europe/Paris".into(),
    }
}

async fn seeded(db: &TestDb) {
    roster::import(&db.connection, ROSTER, Actor::System, Utc::now())
        .await
        .expect("import")
        .expect("clean");
}

async fn a_team_is_created_in_a_new_department_and_names_stay_unique(db: TestDb) {
    seeded(&db).await;
    let id = teams::save(
        &db.connection,
        Actor::System,
        None,
        &team("Research", "Science", "lea@example.org"),
        Utc::now(),
    )
    .await
    .expect("created");
    let teams = repo::teams::summaries(&db.connection).await.expect("teams");
    let research = teams.iter().find(|team| team.id == id).expect("listed");
    assert_eq!(research.department, "Science");
    assert_eq!(research.manager.as_deref(), Some("lea@example.org"));
    let duplicate = teams::save(
        &db.connection,
        Actor::System,
        None,
        &team("Data", "Science", ""),
        Utc::now(),
    )
    .await;
    assert!(matches!(duplicate, Err(AppError::Conflict(_))));
    let unknown = teams::save(
        &db.connection,
        Actor::System,
        Some(id),
        &team("Research", "Science", "ghost@example.org"),
        Utc::now(),
    )
    .await;
    assert!(
        matches!(unknown, Err(AppError::Validation { ref field, .. }) if field == "manager_email")
    );
    teams::save(
        &db.connection,
        Actor::System,
        Some(id),
        &team("Research Lab", "Science", ""),
        Utc::now(),
    )
    .await
    .expect("renamed");
}

async fn a_team_with_members_cannot_be_deactivated(db: TestDb) {
    seeded(&db).await;
    let teams = repo::teams::summaries(&db.connection).await.expect("teams");
    let data = teams
        .iter()
        .find(|team| team.name == "Data")
        .expect("Data")
        .id;
    let refused = teams::set_active(&db.connection, Actor::System, data, false, Utc::now()).await;
    assert!(
        matches!(refused, Err(AppError::Conflict(ref message)) if message.contains("1 members"))
    );
    let empty = teams::save(
        &db.connection,
        Actor::System,
        None,
        &team("Empty", "Science", ""),
        Utc::now(),
    )
    .await
    .expect("created");
    teams::set_active(&db.connection, Actor::System, empty, false, Utc::now())
        .await
        .expect("an empty team can go");
}

async fn editing_a_person_moves_them_and_keeps_the_history(db: TestDb) {
    seeded(&db).await;
    let kim = app::server::repo::people::find_row_by_email(
        &db.connection,
        &app::domain::account::Email::parse("kim@example.org").expect("email"),
    )
    .await
    .expect("query")
    .expect("kim")
    .id;
    let input = PersonInput {
        name: "Kim Data-Platform".into(),
        team: "Platform".into(),
        manager_email: "lea@example.org".into(),
        time_zone: "Europe/Berlin".into(),
        working_pattern: "part time".into(),
    };
    person_details::edit_person(&db.connection, Actor::System, kim, &input, Utc::now())
        .await
        .expect("edited");
    let memberships = team_membership::Entity::find()
        .filter(team_membership::Column::PersonId.eq(kim))
        .all(&db.connection)
        .await
        .expect("memberships");
    assert_eq!(memberships.len(), 2);
    let exported = roster::export(&db.connection, Actor::System, Utc::now())
        .await
        .expect("export");
    assert!(exported.contains("kim@example.org,Kim Data-Platform,Platform,Engineering,lea@example.org,participant,Europe/Berlin,part_time"), "{exported}");
    let bad = PersonInput {
        team: "Nowhere".into(),
        ..input
    };
    let refused =
        person_details::edit_person(&db.connection, Actor::System, kim, &bad, Utc::now()).await;
    assert!(matches!(refused, Err(AppError::Validation { ref field, .. }) if field == "team"));
}

async fn a_department_goes_only_without_active_teams_and_the_roster_brings_it_back(db: TestDb) {
    seeded(&db).await;
    let db = &db.connection;
    let listed = departments::list(db, Actor::System)
        .await
        .expect("departments");
    let names: Vec<_> = listed.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["Engineering", "People"]);
    let engineering = &listed[0];
    assert_eq!((engineering.teams, engineering.members), (2, 3));
    let refused =
        departments::set_active(db, Actor::System, engineering.id, false, Utc::now()).await;
    assert!(
        matches!(refused, Err(AppError::Conflict(ref message)) if message.contains("2 active teams"))
    );

    let legal = departments::save(db, Actor::System, None, "Legal", Utc::now())
        .await
        .expect("created");
    let taken = departments::save(db, Actor::System, Some(legal), "People", Utc::now()).await;
    assert!(matches!(taken, Err(AppError::Conflict(_))));
    let blank = departments::save(db, Actor::System, Some(legal), "  ", Utc::now()).await;
    assert!(matches!(blank, Err(AppError::Validation { ref field, .. }) if field == "name"));
    departments::save(
        db,
        Actor::System,
        Some(legal),
        "Legal & Compliance",
        Utc::now(),
    )
    .await
    .expect("renamed");
    departments::set_active(db, Actor::System, legal, false, Utc::now())
        .await
        .expect("a department without teams can go");
    let listed = departments::list(db, Actor::System)
        .await
        .expect("departments");
    let compliance = listed.iter().find(|d| d.id == legal).expect("kept");
    assert_eq!(
        (compliance.name.as_str(), compliance.active),
        ("Legal & Compliance", false)
    );

    let clash = teams::save(
        db,
        Actor::System,
        None,
        &team("Platform", "Brand New", ""),
        Utc::now(),
    )
    .await;
    assert!(matches!(clash, Err(AppError::Conflict(_))), "{clash:?}");
    assert!(
        departments::list(db, Actor::System)
            .await
            .expect("departments")
            .iter()
            .all(|d| d.name != "Brand New"),
        "a refused team leaves no new department behind"
    );

    let archive = teams::save(
        db,
        Actor::System,
        None,
        &team("Archive", "Records", ""),
        Utc::now(),
    )
    .await
    .expect("created");
    teams::set_active(db, Actor::System, archive, false, Utc::now())
        .await
        .expect("an empty team can go");
    let records = departments::list(db, Actor::System)
        .await
        .expect("departments")
        .into_iter()
        .find(|d| d.name == "Records")
        .expect("created with its team");
    departments::set_active(db, Actor::System, records.id, false, Utc::now())
        .await
        .expect("no active teams left");
    let back = teams::set_active(db, Actor::System, archive, true, Utc::now()).await;
    assert!(
        matches!(back, Err(AppError::Conflict(ref message)) if message.contains("inactive department 'Records'")),
        "{back:?}"
    );

    let into_inactive = teams::save(
        db,
        Actor::System,
        None,
        &team("Contracts", "Legal & Compliance", ""),
        Utc::now(),
    )
    .await;
    assert!(
        matches!(into_inactive, Err(AppError::Validation { ref message, .. }) if message.contains("inactive"))
    );

    let moved = format!(
        "{ROSTER}ann@example.org,Ann Counsel,Contracts,Legal & Compliance,,,Europe/Paris,\n"
    );
    let preview = roster::import(db, &moved, Actor::System, Utc::now())
        .await
        .expect("import")
        .expect("clean");
    assert_eq!(
        preview.new_departments,
        ["Legal & Compliance (reactivated)"]
    );
    let listed = departments::list(db, Actor::System)
        .await
        .expect("departments");
    let compliance = listed.iter().find(|d| d.id == legal).expect("kept");
    assert!(compliance.active);
    assert_eq!((compliance.teams, compliance.members), (1, 1));
}

async fn teams_are_searched_by_name_or_department_in_any_case_and_paged(db: TestDb) {
    seeded(&db).await;
    let names = |page: &app::wire::teams::TeamPage| {
        page.teams
            .iter()
            .map(|team| team.name.clone())
            .collect::<Vec<_>>()
    };
    let by_department = teams::search(&db.connection, Actor::System, "ENGIN", 0)
        .await
        .expect("search");
    assert_eq!(names(&by_department), ["Data", "Platform"]);
    let platform = teams::search(&db.connection, Actor::System, "plat", 0)
        .await
        .expect("search");
    assert_eq!(names(&platform), ["Platform"]);
    assert_eq!(platform.teams[0].members, 2);
    assert_eq!(
        platform.teams[0].manager.as_deref(),
        Some("lea@example.org")
    );
    for index in 0..55 {
        teams::save(
            &db.connection,
            Actor::System,
            None,
            &team(&format!("Squad {index:02}"), "Squads", ""),
            Utc::now(),
        )
        .await
        .expect("team");
    }
    let second = teams::search(&db.connection, Actor::System, "squad", 1)
        .await
        .expect("search");
    assert_eq!(second.total, 55);
    assert_eq!(second.per_page, 50);
    assert_eq!(
        names(&second),
        ["Squad 50", "Squad 51", "Squad 52", "Squad 53", "Squad 54"]
    );
    let everything = teams::search(&db.connection, Actor::System, "", 0)
        .await
        .expect("all");
    assert_eq!(everything.total, 58);

    for name in ["R_D", "100% Remote", "Ops\\Infra", "Équipe Øresund (A+B)"] {
        teams::save(
            &db.connection,
            Actor::System,
            None,
            &team(name, "Odd", ""),
            Utc::now(),
        )
        .await
        .expect("team");
    }
    for (query, found) in [
        ("r_d", vec!["R_D"]),
        ("_", vec!["R_D"]),
        ("0%", vec!["100% Remote"]),
        ("s\\i", vec!["Ops\\Infra"]),
        ("ÉQUIPE", vec!["Équipe Øresund (A+B)"]),
        ("équipe øre", vec!["Équipe Øresund (A+B)"]),
        ("(a+b)", vec!["Équipe Øresund (A+B)"]),
        ("a.b", vec![]),
    ] {
        let page = teams::search(&db.connection, Actor::System, query, 0)
            .await
            .expect("search");
        assert_eq!(
            names(&page),
            found,
            "LIKE's wildcards in {query:?} match themselves"
        );
    }
    assert_eq!(
        teams::search(&db.connection, Actor::System, "", u64::MAX)
            .await
            .expect("a page far beyond the end")
            .teams,
        []
    );
}
