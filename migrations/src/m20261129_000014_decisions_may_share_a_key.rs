//! Two decisions of one team and process type may be raised at the same instant (a bare date in
//! the decisions CSV is 12:00 UTC, so two decisions raised the same day share it): METHOD.md
//! makes "decided before raised" the only bad decision line, so both are kept. The key of
//! migration 000009 stays as a plain index: a re-import replaces what a key holds.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UNIQUE: &str = "ux_decisions_import_key";
const PLAIN: &str = "ix_decisions_import_key";

fn key(name: &str) -> IndexCreateStatement {
    Index::create()
        .name(name)
        .table(Alias::new("decisions"))
        .col(Alias::new("import_pilot_id"))
        .col(Alias::new("team_id"))
        .col(Alias::new("process_type"))
        .col(Alias::new("raised_at"))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(UNIQUE)
                    .table(Alias::new("decisions"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(key(PLAIN)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(PLAIN)
                    .table(Alias::new("decisions"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(key(UNIQUE).unique().to_owned()).await
    }
}
