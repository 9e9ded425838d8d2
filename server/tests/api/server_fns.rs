//! Server functions called the way the browser calls them.

use app::api::system::InstanceStatus;

use crate::on_both_databases;
use crate::support::{TestApp, TestDb};

on_both_databases!(instance_status_reports_schema_and_counts);

async fn instance_status_reports_schema_and_counts(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let response = app
        .client
        .post(app.url("/fn/get_instance_status"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    let status: InstanceStatus = response.json().await.expect("JSON body");
    assert_eq!(status.schema_migrations, 1);
    assert_eq!(status.people, 0);
    assert_eq!(status.version, env!("CARGO_PKG_VERSION"));
    app.stop().await;
}
