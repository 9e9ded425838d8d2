//! Enrollment links expire: `pilot_teams.link_expires_at`. Links issued before this migration
//! had no end; they get 30 days from the moment it runs (the product's `ENROLLMENT_LINK_DAYS`
//! on this day, written here as a number: a migration describes the schema as it was), so none
//! is trusted forever and none stops working the day of an upgrade.

use chrono::SubsecRound;
use sea_orm_migration::{prelude::*, schema::*, sea_orm::prelude::ChronoDateTimeUtc};

#[derive(DeriveMigrationName)]
pub struct Migration;

const DAYS_LEFT_FOR_EXISTING_LINKS: i64 = 30;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(PilotTeams::Table)
                    .add_column(timestamp_with_time_zone_null(PilotTeams::LinkExpiresAt))
                    .to_owned(),
            )
            .await?;
        let expires_at: ChronoDateTimeUtc = (chrono::Utc::now()
            + chrono::Duration::days(DAYS_LEFT_FOR_EXISTING_LINKS))
        .trunc_subsecs(0);
        let update = Query::update()
            .table(PilotTeams::Table)
            .value(PilotTeams::LinkExpiresAt, expires_at)
            .and_where(Expr::col(PilotTeams::LinkExpiresAt).is_null())
            .to_owned();
        manager.exec_stmt(update).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(PilotTeams::Table)
                    .drop_column(PilotTeams::LinkExpiresAt)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum PilotTeams {
    Table,
    LinkExpiresAt,
}
