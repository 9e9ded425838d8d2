//! Organisation-wide settings, at most one row (id 1; none means the defaults, so a freshly
//! migrated database stays empty for `copy` and `restore`): how long entries of closed pilots
//! are kept, and the day the retention job last ran (instances claim the day to run it once).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn a(name: &str) -> Alias {
    Alias::new(name)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(a("organisation_settings"))
                    .col(big_integer(a("id")).primary_key())
                    .col(integer(a("retention_months")).default(24))
                    .col(date_null(a("retention_run_on")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(a("organisation_settings")).to_owned())
            .await
    }
}
