//! The follow-up stage is stored as `follow_up`, the one spelling serde, the API document and
//! the pages use; pilots written before were stored as `follow-up`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        rename_stage(manager, "follow-up", "follow_up").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        rename_stage(manager, "follow_up", "follow-up").await
    }
}

async fn rename_stage(manager: &SchemaManager<'_>, from: &str, to: &str) -> Result<(), DbErr> {
    let update = Query::update()
        .table(Pilots::Table)
        .value(Pilots::Stage, to)
        .and_where(Expr::col(Pilots::Stage).eq(from))
        .to_owned();
    manager.exec_stmt(update).await
}

#[derive(DeriveIden)]
enum Pilots {
    Table,
    Stage,
}
