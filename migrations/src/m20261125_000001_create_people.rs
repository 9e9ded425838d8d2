//! People: everyone who signs in or is counted in a team.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(People::Table)
                    .if_not_exists()
                    .col(big_pk_auto(People::Id))
                    .col(string_uniq(People::Email))
                    .col(string(People::DisplayName))
                    .col(string(People::Role).default("participant"))
                    .col(boolean(People::Active).default(true))
                    .col(timestamp_with_time_zone(People::CreatedAt))
                    .col(timestamp_with_time_zone(People::UpdatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(People::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
    Email,
    DisplayName,
    Role,
    Active,
    CreatedAt,
    UpdatedAt,
}
