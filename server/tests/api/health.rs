//! `GET /healthz`: what a load balancer asks.

use crate::on_both_databases;
use crate::support::{TestApp, TestDb};

on_both_databases!(
    healthy_when_the_database_answers,
    unhealthy_when_the_database_is_gone,
    shutdown_lets_in_flight_requests_finish,
);

async fn healthy_when_the_database_answers(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.expect("body"), "ok");
    app.stop().await;
}

async fn unhealthy_when_the_database_is_gone(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    db.connection
        .clone()
        .close()
        .await
        .expect("closing the pool");
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 503);
    assert_eq!(response.text().await.expect("body"), "database unavailable");
    app.stop().await;
}

async fn shutdown_lets_in_flight_requests_finish(db: TestDb) {
    use std::time::Duration;

    let (started, mut has_started) = tokio::sync::mpsc::channel::<()>(1);
    let mut app = TestApp::spawn_with(&db, move |router| {
        router.route(
            "/slow",
            axum::routing::get(move || {
                let started = started.clone();
                async move {
                    let _ = started.send(()).await;
                    tokio::time::sleep(Duration::from_millis(300)).await;
                    "finished"
                }
            }),
        )
    })
    .await;
    let in_flight = tokio::spawn(app.client.get(app.url("/slow")).send());
    has_started
        .recv()
        .await
        .expect("the slow request reached its handler");
    app.request_stop();
    let response = in_flight
        .await
        .expect("task")
        .expect("the in-flight request was answered");
    assert_eq!(response.text().await.expect("body"), "finished");
    app.stop().await;
}
