//! Daily check-in reminders on both databases: settings, one mail per person and day however
//! many instances run the task at once, none after a check-in or a withdrawal, and the
//! one-click unsubscribe link that works without signing in.

use app::{
    domain::capture::measure::{EntrySource, EntryValue, Measure},
    server::{
        entities::outgoing_mail,
        mail::MailSettings,
        repo::{self, entries::NewEntry},
        services::checkin_reminders::send_due_checkin_reminders,
    },
};
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc, Weekday};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

use crate::checkins::{member, pilot};
use crate::on_both_databases;
use crate::pilots::id_of;
use crate::support::{TestApp, TestDb};

on_both_databases!(
    reminder_settings_are_read_and_saved_through_the_api,
    joining_can_turn_the_reminder_on_in_the_same_step,
    a_due_reminder_is_queued_once_and_unsubscribes_in_one_click,
);

fn mail() -> MailSettings {
    MailSettings {
        public_url: "https://pilot.example.org".into(),
        delivers: false,
    }
}

/// Noon UTC (13:00 in Berlin) on the first weekday after `after`.
fn weekday_noon_after(after: NaiveDate) -> DateTime<Utc> {
    let mut day = after.checked_add_days(Days::new(1)).expect("date");
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        day = day.checked_add_days(Days::new(1)).expect("date");
    }
    day.and_hms_opt(12, 0, 0).expect("noon").and_utc()
}

async fn put_reminder(app: &TestApp, cookie: &str, body: Value) -> (u16, Value) {
    let response = app
        .client
        .put(app.url("/api/v1/me/reminder"))
        .header("cookie", cookie)
        .json(&body)
        .send()
        .await
        .expect("put");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn mails_to(db: &TestDb, email: &str) -> Vec<outgoing_mail::Model> {
    outgoing_mail::Entity::find()
        .filter(outgoing_mail::Column::Recipient.eq(email))
        .all(&db.connection)
        .await
        .expect("mail")
}

async fn reminder_settings_are_read_and_saved_through_the_api(db: TestDb) {
    let (_, platform, _) = pilot(&db, true).await;
    let app = TestApp::spawn(&db).await;
    let ann = member(&db, &app, "ann@example.org", Some(&platform)).await;
    let current: Value = app
        .get_as("/api/v1/me/reminder", &ann)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(current, json!({"enabled": false, "local_time": "16:30"}));
    let (status, saved) =
        put_reminder(&app, &ann, json!({"enabled": true, "local_time": "8:05"})).await;
    assert_eq!(
        (status, saved),
        (200, json!({"enabled": true, "local_time": "08:05"}))
    );
    let (status, refused) =
        put_reminder(&app, &ann, json!({"enabled": true, "local_time": "25:00"})).await;
    assert_eq!(
        (status, refused["field"].as_str()),
        (422, Some("local_time"))
    );
    let current: Value = app
        .get_as("/api/v1/me/reminder", &ann)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(current, json!({"enabled": true, "local_time": "08:05"}));
    app.stop().await;
}

async fn joining_can_turn_the_reminder_on_in_the_same_step(db: TestDb) {
    let (pilot_id, platform, _) = pilot(&db, true).await;
    let app = TestApp::spawn(&db).await;
    let ann = member(&db, &app, "ann@example.org", None).await;
    let reminder = async || -> Value {
        app.get_as("/api/v1/me/reminder", &ann)
            .await
            .json()
            .await
            .expect("JSON")
    };
    // A bad time refuses the whole step: no consent without the reminder asked for.
    let refused = app
        .call(
            "join_pilot",
            &[
                ("token", &platform),
                ("remind", "on"),
                ("remind_at", "25:00"),
            ],
            Some(&ann),
        )
        .await;
    assert_eq!(refused.status(), 422);
    let enrolled: Value = app
        .call("list_my_enrollments", &[], Some(&ann))
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(enrolled, json!([]), "not joined");
    let joined = app
        .call(
            "join_pilot",
            &[
                ("token", &platform),
                ("remind", "on"),
                ("remind_at", "07:45"),
            ],
            Some(&ann),
        )
        .await;
    assert_eq!(joined.status(), 200);
    assert_eq!(
        reminder().await,
        json!({"enabled": true, "local_time": "07:45"})
    );
    let enrolled: Value = app
        .call("list_my_enrollments", &[], Some(&ann))
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(enrolled[0]["pilot_id"], pilot_id);
    app.stop().await;
}

async fn a_due_reminder_is_queued_once_and_unsubscribes_in_one_click(db: TestDb) {
    let (pilot_id, platform, _) = pilot(&db, true).await;
    let app = TestApp::spawn(&db).await;
    let ann = member(&db, &app, "ann@example.org", Some(&platform)).await;
    // Sam turns the reminder on without ever joining: nothing is sent to him.
    let sam = member(&db, &app, "sam@example.org", None).await;
    for cookie in [&ann, &sam] {
        let (status, _) = put_reminder(
            &app,
            cookie,
            json!({"enabled": true, "local_time": "09:00"}),
        )
        .await;
        assert_eq!(status, 200);
    }

    let first_day = weekday_noon_after(Utc::now().date_naive());
    // 06:00 UTC is 07:00 in Berlin in winter, 08:00 in summer: before Ann's 09:00 either way.
    let too_early = first_day - chrono::Duration::hours(6);
    assert_eq!(
        send_due_checkin_reminders(&db.connection, &mail(), too_early)
            .await
            .expect("run"),
        0
    );
    let settings = mail();
    let (one, other) = tokio::join!(
        send_due_checkin_reminders(&db.connection, &settings, first_day),
        send_due_checkin_reminders(&db.connection, &settings, first_day),
    );
    assert_eq!(
        one.expect("run") + other.expect("run"),
        1,
        "two instances, one mail"
    );
    assert_eq!(
        send_due_checkin_reminders(&db.connection, &mail(), first_day)
            .await
            .expect("run"),
        0
    );
    let sent = mails_to(&db, "ann@example.org").await;
    assert_eq!(sent.len(), 1);
    assert!(
        mails_to(&db, "sam@example.org").await.is_empty(),
        "no consent, no reminder"
    );

    // The next working day Ann checks in before her reminder time: nothing is sent.
    let second_day = weekday_noon_after(first_day.date_naive());
    let ann_id = id_of(&db, "ann@example.org").await;
    let checked_in = NewEntry {
        person_id: ann_id,
        date: second_day.date_naive(),
        value: EntryValue::new(Measure::Energy, "morning", 4.0, &[]).expect("value"),
    };
    repo::entries::upsert(
        &db.connection,
        &[checked_in],
        EntrySource::Checkin,
        None,
        Utc::now(),
    )
    .await
    .expect("entry");
    assert_eq!(
        send_due_checkin_reminders(&db.connection, &mail(), second_day)
            .await
            .expect("run"),
        0
    );

    // The link in the mail turns the reminder off without signing in.
    let body = &sent[0].body;
    let token = body
        .split("/checkin/unsubscribe?token=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("an unsubscribe link");
    let unsubscribed = app
        .call("unsubscribe_checkin_reminder", &[("token", token)], None)
        .await;
    assert!(
        unsubscribed.status().as_u16() < 400,
        "{}",
        unsubscribed.status()
    );
    let current: Value = app
        .get_as("/api/v1/me/reminder", &ann)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(current["enabled"], false);
    let third_day = weekday_noon_after(second_day.date_naive());
    assert_eq!(
        send_due_checkin_reminders(&db.connection, &mail(), third_day)
            .await
            .expect("run"),
        0
    );

    // Turned on again, then withdrawn: nothing is sent after a withdrawal.
    put_reminder(&app, &ann, json!({"enabled": true, "local_time": "09:00"})).await;
    let withdrawn = app
        .call(
            "withdraw_consent",
            &[("pilot_id", &pilot_id.to_string())],
            Some(&ann),
        )
        .await;
    assert_eq!(withdrawn.status(), 200);
    assert_eq!(
        send_due_checkin_reminders(&db.connection, &mail(), third_day)
            .await
            .expect("run"),
        0
    );
    assert_eq!(mails_to(&db, "ann@example.org").await.len(), 1);
    app.stop().await;
}
