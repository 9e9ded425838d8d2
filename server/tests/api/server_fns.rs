//! Server functions called the way the browser calls them.

use app::{domain::account::Role, wire::system::InstanceStatus};

use crate::on_both_databases;
use crate::support::{person, session_cookie, TestApp, TestDb};

on_both_databases!(instance_status_reports_schema_and_counts_to_admins);

async fn instance_status_reports_schema_and_counts_to_admins(db: TestDb) {
    let admin = person(&db, "hr@example.org", Role::Admin, None).await;
    let cookie = session_cookie(&db, admin).await;
    let app = TestApp::spawn(&db).await;
    assert_eq!(
        app.call("get_instance_status", &[], None).await.status(),
        401
    );
    let response = app.call("get_instance_status", &[], Some(&cookie)).await;
    assert_eq!(response.status(), 200);
    let status: InstanceStatus = response.json().await.expect("JSON body");
    let migrations = <migrations::Migrator as migrations::MigratorTrait>::migrations().len();
    assert_eq!(status.schema_migrations, migrations as i64);
    assert_eq!(status.people, 1);
    assert_eq!(status.version, env!("CARGO_PKG_VERSION"));
    app.stop().await;
}
