//! Reports: when HR published a pilot's report to its participants and managers, and the last
//! computed report per pilot with the fingerprint of the data it was computed from, so a page
//! is served from it until new entries arrive (any app instance can read and refresh it).

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
            .alter_table(
                Table::alter()
                    .table(a("pilots"))
                    .add_column(timestamp_with_time_zone_null(a("report_published_at")))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("report_cache"))
                    .col(big_integer(a("pilot_id")).primary_key())
                    .col(string(a("fingerprint")))
                    .col(text(a("body")))
                    .col(timestamp_with_time_zone(a("computed_at")))
                    .foreign_key(
                        ForeignKey::create()
                            .from(a("report_cache"), a("pilot_id"))
                            .to(a("pilots"), a("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(a("report_cache")).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(a("pilots"))
                    .drop_column(a("report_published_at"))
                    .to_owned(),
            )
            .await
    }
}
