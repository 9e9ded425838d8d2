//! Retention over real HTTP and through the daily job, on the demo: admins read and change the
//! period; the job deletes entries of closed pilots past it, once a day, keeps every day a pilot
//! not yet closed covers, forgets the pilot's computed report and audits the count.

use app::{
    domain::account::Role,
    server::{
        entities::{audit_event, entry, pilot, pilot_member, report_cache},
        repo::audit::Actor,
        services::retention,
    },
};
use chrono::{Duration, NaiveDate, Utc};
use reqwest::Method;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};
use serde_json::{json, Value};

use crate::on_both_databases;
use crate::pulses::send;
use crate::support::{person, session_cookie, TestApp, TestDb};

on_both_databases!(
    admins_read_and_change_the_retention_period,
    the_daily_job_deletes_old_entries_of_closed_pilots_once_a_day,
);

async fn admins_read_and_change_the_retention_period(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let admin = session_cookie(&db, person(&db, "hr@example.org", Role::Admin, None).await).await;
    let member = person(&db, "rosa@example.org", Role::Participant, None).await;
    let member = session_cookie(&db, member).await;
    let (status, body) = send(
        &app,
        Method::GET,
        "/api/v1/settings/retention",
        &admin,
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["months"], 24);
    assert_eq!(body["last_run_on"], Value::Null);
    let (status, body) = send(
        &app,
        Method::PUT,
        "/api/v1/settings/retention",
        &admin,
        Some(json!({ "months": 0 })),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["field"], "retention_months");
    let (status, body) = send(
        &app,
        Method::PUT,
        "/api/v1/settings/retention",
        &admin,
        Some(json!({ "months": 12 })),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["months"], 12);
    let today = Utc::now().date_naive();
    let expected = today
        .checked_sub_months(chrono::Months::new(12))
        .expect("date");
    assert_eq!(body["first_kept_day"], expected.to_string());
    for method in [Method::GET, Method::PUT] {
        let (status, _) = send(
            &app,
            method,
            "/api/v1/settings/retention",
            &member,
            Some(json!({ "months": 1 })),
        )
        .await;
        assert_eq!(status, 403);
    }
    // The page's form, as a server function.
    let saved = app
        .call("set_retention", &[("months", "six")], Some(&admin))
        .await;
    assert_eq!(saved.status(), 422);
    let changes = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("retention_changed"))
        .all(&db.connection)
        .await
        .expect("audit");
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].detail, "24 → 12 months");
    app.stop().await;
}

/// (person, date) of every entry.
async fn entry_days(db: &TestDb) -> Vec<(i64, NaiveDate)> {
    entry::Entity::find()
        .all(&db.connection)
        .await
        .expect("entries")
        .into_iter()
        .map(|row| (row.person_id, row.entry_date))
        .collect()
}

async fn the_daily_job_deletes_old_entries_of_closed_pilots_once_a_day(db: TestDb) {
    async_pilot::demo::load(&db.connection, Utc::now())
        .await
        .expect("demo loads");
    let finished = pilot::Entity::find()
        .filter(pilot::Column::Name.eq("Written-first decisions"))
        .one(&db.connection)
        .await
        .expect("query")
        .expect("the finished pilot");
    let window_last = finished.baseline_start
        + Duration::days(i64::from(
            finished.baseline_days + finished.intervention_days + finished.follow_up_days - 1,
        ));
    let members: Vec<i64> = pilot_member::Entity::find()
        .filter(pilot_member::Column::PilotId.eq(finished.id))
        .all(&db.connection)
        .await
        .expect("members")
        .into_iter()
        .map(|member| member.person_id)
        .collect();
    let in_window = |(person, day): &(i64, NaiveDate)| {
        members.contains(person) && finished.baseline_start <= *day && *day <= window_last
    };
    let before = entry_days(&db).await;
    assert!(before.iter().filter(|entry| in_window(entry)).count() > 1000);
    report_cache::Entity::insert(report_cache::ActiveModel {
        pilot_id: Set(finished.id),
        fingerprint: Set("test".into()),
        body: Set("{}".into()),
        computed_at: Set(Utc::now()),
    })
    .exec(&db.connection)
    .await
    .expect("a cached report");

    // Three years on, with a year of retention: the pilot is in review, not closed, so nothing
    // goes.
    retention::set_months(&db.connection, Actor::System, 12, Utc::now())
        .await
        .expect("set");
    let later = Utc::now() + Duration::days(3 * 365);
    assert_eq!(
        retention::apply_due(&db.connection, later)
            .await
            .expect("run"),
        0
    );
    assert_eq!(entry_days(&db).await.len(), before.len());

    // Closed: the next day's run deletes its members' entries in its window, and nothing else.
    let mut closing = finished.clone().into_active_model();
    closing.stage = Set("closed".into());
    closing.update(&db.connection).await.expect("closed");
    let next_day = later + Duration::days(1);
    let deleted = retention::apply_due(&db.connection, next_day)
        .await
        .expect("run");
    let after = entry_days(&db).await;
    assert_eq!(deleted, before.len() - after.len());
    assert!(
        after.iter().all(|entry| !in_window(entry)),
        "no entry of the window is left"
    );
    let outside_before: Vec<_> = before.iter().filter(|entry| !in_window(entry)).collect();
    assert_eq!(after.len(), outside_before.len(), "everything else is kept");
    assert_eq!(
        report_cache::Entity::find_by_id(finished.id)
            .one(&db.connection)
            .await
            .expect("query"),
        None,
        "the computed report is forgotten"
    );
    let applied = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("retention_applied"))
        .all(&db.connection)
        .await
        .expect("audit");
    assert_eq!(applied.len(), 1);
    assert!(
        applied[0]
            .detail
            .starts_with(&format!("{deleted} entries of 1 closed pilot(s)")),
        "{}",
        applied[0].detail
    );

    // Once a day: the same day again claims nothing; the day after finds nothing left.
    assert_eq!(
        retention::apply_due(&db.connection, next_day)
            .await
            .expect("run"),
        0
    );
    let day_after = next_day + Duration::days(1);
    assert_eq!(
        retention::apply_due(&db.connection, day_after)
            .await
            .expect("run"),
        0
    );
    let runs = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("retention_applied"))
        .count(&db.connection)
        .await
        .expect("count");
    assert_eq!(runs, 1, "a run that deletes nothing is logged, not audited");
}
