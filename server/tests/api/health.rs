//! `GET /healthz`: what a load balancer asks.

use crate::on_both_databases;
use crate::support::{TestApp, TestDb};

on_both_databases!(
    healthy_when_the_database_answers,
    unhealthy_when_the_database_is_gone
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
