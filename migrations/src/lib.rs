//! The database schema, as an ordered list of migrations. Migrations never import entities:
//! each describes the schema as it was on its own day.

pub use sea_orm_migration::prelude::*;

mod m20261125_000001_create_people;
mod m20261125_000002_create_accounts;
mod m20261125_000003_create_organisation;
mod m20261126_000004_departments_imports_and_mail;
mod m20261129_000005_rename_follow_up_stage;
mod m20261129_000006_create_capture;
mod m20261129_000009_unique_imported_decisions;
mod m20261129_000010_one_pulse_answer_each;
mod m20261129_000011_create_reports;
mod m20261129_000012_create_meetings;
mod m20261129_000014_decisions_may_share_a_key;
mod m20261129_000015_create_champions;
mod m20261129_000016_create_readiness;
mod m20261129_000017_enrollment_links_expire;
mod m20261129_000018_create_retention;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_create_people::Migration),
            Box::new(m20261125_000002_create_accounts::Migration),
            Box::new(m20261125_000003_create_organisation::Migration),
            Box::new(m20261126_000004_departments_imports_and_mail::Migration),
            Box::new(m20261129_000005_rename_follow_up_stage::Migration),
            Box::new(m20261129_000006_create_capture::Migration),
            Box::new(m20261129_000009_unique_imported_decisions::Migration),
            Box::new(m20261129_000010_one_pulse_answer_each::Migration),
            Box::new(m20261129_000011_create_reports::Migration),
            Box::new(m20261129_000012_create_meetings::Migration),
            Box::new(m20261129_000014_decisions_may_share_a_key::Migration),
            Box::new(m20261129_000015_create_champions::Migration),
            Box::new(m20261129_000016_create_readiness::Migration),
            Box::new(m20261129_000017_enrollment_links_expire::Migration),
            Box::new(m20261129_000018_create_retention::Migration),
        ]
    }
}
