//! Participation per team and phase (check-ins on working days, pulse answers), its privacy
//! rule, a person's working days, and a pilot created with windows in the past.

use app::{
    domain::{
        account::Role,
        capture::measure::{EntrySource, EntryValue, Measure},
        pilot::PilotStage,
    },
    server::{
        entities::{audit_event, team_membership},
        repo::{self, audit::Actor, entries::NewEntry},
        services::pilots,
    },
};
use chrono::{Datelike, NaiveDate, Utc, Weekday};
use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};

use crate::on_both_databases;
use crate::pilots::{id_of, setup};
use crate::pulses::{answers, day, open_baseline_pulse, running_pilot, send};
use crate::support::{person, session_cookie, TestDb};

on_both_databases!(
    participation_counts_check_ins_on_working_days_and_hides_teams_under_k,
    working_days_are_the_callers_own_and_need_one_day,
    a_past_pilot_moves_on_to_the_stage_its_dates_say_when_its_baseline_starts,
);

async fn entry(db: &TestDb, person_id: i64, date: NaiveDate, measure: Measure, qualifier: &str) {
    let value = EntryValue::new(measure, qualifier, 3.0, &[]).expect("valid");
    let new = NewEntry {
        person_id,
        date,
        value,
    };
    repo::entries::upsert(
        &db.connection,
        &[new],
        EntrySource::Import,
        None,
        Utc::now(),
    )
    .await
    .expect("entry");
}

fn weekdays_between(first: NaiveDate, last: NaiveDate) -> i64 {
    first
        .iter_days()
        .take_while(|date| *date <= last)
        .filter(|date| !matches!(date.weekday(), Weekday::Sat | Weekday::Sun))
        .count() as i64
}

fn row<'a>(phase: &'a Value, testid_team: &str) -> &'a Value {
    phase["teams"]
        .as_array()
        .expect("teams")
        .iter()
        .find(|team| team["team"] == testid_team)
        .expect("the team")
}

async fn participation_counts_check_ins_on_working_days_and_hides_teams_under_k(db: TestDb) {
    let joining = [
        "sam@example.org",
        "ann@example.org",
        "ben@example.org",
        "cat@example.org",
    ];
    let (app, pilot, admin) = running_pilot(&db, 10, &joining).await;
    // The roster was imported just now; these people have been in their teams for two months.
    team_membership::Entity::update_many()
        .col_expr(
            team_membership::Column::JoinedAt,
            Expr::value(Utc::now() - chrono::Duration::days(60)),
        )
        .exec(&db.connection)
        .await
        .expect("backdated");
    let sam = id_of(&db, "sam@example.org").await;
    let ann = id_of(&db, "ann@example.org").await;
    let sam_cookie = session_cookie(&db, sam).await;
    let every_day = json!({"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]});
    let (status, _) = send(
        &app,
        reqwest::Method::PUT,
        "/api/v1/me/working-days",
        &sam_cookie,
        Some(every_day),
    )
    .await;
    assert_eq!(status, 200);
    entry(&db, sam, day(-1), Measure::Energy, "morning").await;
    entry(&db, sam, day(-1), Measure::Energy, "evening").await;
    entry(&db, sam, day(-2), Measure::FeltReplyHours, "chat").await;
    entry(&db, sam, day(-3), Measure::MeetingHours, "").await;
    entry(&db, ann, day(-1), Measure::FocusPlannedHours, "").await;
    let kim = id_of(&db, "kim@example.org").await;
    entry(&db, kim, day(-1), Measure::Energy, "morning").await;
    let pulse = open_baseline_pulse(&app, pilot, &admin).await;
    let answer = format!("/api/v1/pulses/{pulse}/response");
    let (status, _) = send(
        &app,
        reqwest::Method::PUT,
        &answer,
        &sam_cookie,
        Some(answers(4)),
    )
    .await;
    assert_eq!(status, 204);

    let path = format!("/api/v1/pilots/{pilot}/participation");
    let (status, report) = send(&app, reqwest::Method::GET, &path, &admin, None).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["membership_frozen"], true);
    let baseline = &report["phases"][0];
    assert_eq!(baseline["phase"], "baseline");
    assert_eq!(baseline["counted_until"], json!(day(0)));
    let ann_checked_in = i64::from(!matches!(day(-1).weekday(), Weekday::Sat | Weekday::Sun));
    let expected = 11 + 3 * weekdays_between(day(-10), day(0));
    let platform = &row(baseline, "Platform")["participation"];
    assert_eq!(platform["status"], "counts", "{platform}");
    assert_eq!(platform["members"], 5);
    assert_eq!(platform["consenting"], 4, "Lea did not consent");
    assert_eq!(
        platform["checkins_expected"], expected,
        "Sam works every day"
    );
    assert_eq!(
        platform["checkins_received"],
        2 + ann_checked_in,
        "two check-in days of Sam's (meeting hours make none), Ann's on a working day"
    );
    assert_eq!(platform["pulse_responses"], 1);
    assert_eq!(platform["pulse_rate"], 0.25);
    assert_eq!(platform["flagged"], true);
    assert_eq!(
        row(baseline, "Data")["participation"],
        json!({"status": "fewer_than", "threshold": 5}),
        "one person: no counts, not even Kim's check-in"
    );
    let follow_up = &report["phases"][1];
    assert_eq!(follow_up["counted_until"], Value::Null);
    assert_eq!(
        row(follow_up, "Platform")["participation"]["checkins_expected"],
        0
    );
    assert_eq!(
        row(follow_up, "Platform")["participation"]["checkin_rate"],
        Value::Null
    );

    let executive = person(&db, "ceo@example.org", Role::Executive, None).await;
    let executive = session_cookie(&db, executive).await;
    let (status, report) = send(&app, reqwest::Method::GET, &path, &executive, None).await;
    assert_eq!(status, 200);
    let baseline = &report["phases"][0];
    assert_eq!(baseline["teams"], json!([]), "executives see arms only");
    assert_eq!(baseline["arms"][0]["arm"], "pilot");
    assert_eq!(baseline["arms"][0]["participation"], *platform);
    assert_eq!(
        baseline["arms"][1]["participation"],
        json!({"status": "fewer_than", "threshold": 5}),
        "a team under k is left out of its arm too"
    );
    let participant = session_cookie(&db, sam).await;
    let (status, _) = send(&app, reqwest::Method::GET, &path, &participant, None).await;
    assert_eq!(status, 403);
    app.stop().await;
}

async fn working_days_are_the_callers_own_and_need_one_day(db: TestDb) {
    let (app, _, _) = running_pilot(&db, 3, &[]).await;
    let sam = session_cookie(&db, id_of(&db, "sam@example.org").await).await;
    let path = "/api/v1/me/working-days";
    let (status, days) = send(&app, reqwest::Method::GET, path, &sam, None).await;
    assert_eq!(
        (status, days),
        (200, json!({"days": ["mon", "tue", "wed", "thu", "fri"]}))
    );
    for wrong in [json!({"days": []}), json!({"days": ["mon", "funday"]})] {
        let (status, body) = send(&app, reqwest::Method::PUT, path, &sam, Some(wrong)).await;
        assert_eq!(
            (status, body["field"].as_str()),
            (422, Some("working_days"))
        );
    }
    let (status, days) = send(
        &app,
        reqwest::Method::PUT,
        path,
        &sam,
        Some(json!({"days": ["sun", "mon"]})),
    )
    .await;
    assert_eq!((status, days), (200, json!({"days": ["mon", "sun"]})));
    let (_, days) = send(&app, reqwest::Method::GET, path, &sam, None).await;
    assert_eq!(days, json!({"days": ["mon", "sun"]}));
    let via_form = app
        .call(
            "set_working_days",
            &[("tue", "on"), ("sat", "on")],
            Some(&sam),
        )
        .await;
    assert_eq!(via_form.status(), 200);
    let ann = session_cookie(&db, id_of(&db, "ann@example.org").await).await;
    let (_, days) = send(&app, reqwest::Method::GET, path, &ann, None).await;
    assert_eq!(days["days"][0], "mon", "Sam's choice is Sam's only");
    let (_, days) = send(&app, reqwest::Method::GET, path, &sam, None).await;
    assert_eq!(days, json!({"days": ["tue", "sat"]}));
    app.stop().await;
}

async fn a_past_pilot_moves_on_to_the_stage_its_dates_say_when_its_baseline_starts(db: TestDb) {
    // 30 + 28 + 30 days from 100 days ago: every window is over.
    let (pilot, _, _) = setup(&db, 100).await;
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
    let detail = pilots::detail(&db.connection, Actor::System, pilot, Utc::now())
        .await
        .expect("detail");
    assert_eq!(detail.stage, PilotStage::Review, "it caught up at once");
    assert!(detail.protocol_locked_at.is_some());
    let frozen = repo::consents::frozen_members(&db.connection, pilot)
        .await
        .expect("members");
    assert_eq!(frozen.len(), 6, "Platform's five and Data's one");
    let moves = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("pilot_stage_changed"))
        .count(&db.connection)
        .await
        .expect("audit");
    assert_eq!(
        moves, 4,
        "draft → baseline → intervention → follow-up → review, each audited"
    );
    let report = app::server::services::participation::of_pilot(
        &db.connection,
        Actor::System,
        pilot,
        Utc::now().date_naive(),
    )
    .await
    .expect("participation");
    assert!(report
        .phases
        .iter()
        .all(|phase| phase.counted_until == Some(phase.last_day)));
}
