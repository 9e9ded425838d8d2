//! Session lifetimes, checked against the repository with a moved clock.

use app::{
    domain::account::{Role, SESSION_ABSOLUTE_LIFETIME, SESSION_IDLE_TIMEOUT},
    server::repo::sessions,
};
use chrono::{Duration, Utc};

use crate::on_both_databases;
use crate::support::{person, TestDb};

on_both_databases!(
    an_idle_session_expires_and_an_active_one_lives_on,
    every_session_ends_at_its_absolute_lifetime,
);

async fn an_idle_session_expires_and_an_active_one_lives_on(db: TestDb) {
    let ada = person(&db, "ada@example.org", Role::Participant, None).await;
    let start = Utc::now();
    let idle = sessions::create(&db.connection, ada, start)
        .await
        .expect("session");
    let active = sessions::create(&db.connection, ada, start)
        .await
        .expect("session");
    let mut now = start;
    // The active one is used every 12 hours for three days; each use moves its idle deadline.
    for _ in 0..6 {
        now += Duration::hours(12);
        let caller = sessions::authenticate(&db.connection, &active, now)
            .await
            .expect("lookup");
        assert!(caller.is_some(), "active session ended at {now}");
    }
    assert!(now - start > SESSION_IDLE_TIMEOUT);
    let caller = sessions::authenticate(&db.connection, &idle, now)
        .await
        .expect("lookup");
    assert_eq!(caller, None);
    assert_eq!(
        sessions::count_for_person(&db.connection, ada)
            .await
            .expect("count"),
        1
    );
}

async fn every_session_ends_at_its_absolute_lifetime(db: TestDb) {
    let ada = person(&db, "ada@example.org", Role::Participant, None).await;
    let start = Utc::now();
    let token = sessions::create(&db.connection, ada, start)
        .await
        .expect("session");
    let mut now = start;
    while now + Duration::hours(12) < start + SESSION_ABSOLUTE_LIFETIME {
        now += Duration::hours(12);
        assert!(sessions::authenticate(&db.connection, &token, now)
            .await
            .expect("lookup")
            .is_some());
    }
    now = start + SESSION_ABSOLUTE_LIFETIME;
    assert_eq!(
        sessions::authenticate(&db.connection, &token, now)
            .await
            .expect("lookup"),
        None
    );
}
