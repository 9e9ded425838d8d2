//! An imported decision is identified by its pilot, team, process type and raised-at instant,
//! so that importing the same decisions file again updates them instead of adding copies.
//! Decisions logged in the form have no import pilot (NULL), and NULLs never collide.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("ux_decisions_import_key")
                    .table(Alias::new("decisions"))
                    .col(Alias::new("import_pilot_id"))
                    .col(Alias::new("team_id"))
                    .col(Alias::new("process_type"))
                    .col(Alias::new("raised_at"))
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ux_decisions_import_key")
                    .table(Alias::new("decisions"))
                    .to_owned(),
            )
            .await
    }
}
