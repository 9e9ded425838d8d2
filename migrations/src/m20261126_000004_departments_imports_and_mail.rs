//! Departments can be deactivated; roster imports run as background jobs whose progress lives
//! in the database, so any app instance can answer "how far is it?"; outgoing mail waits in an
//! outbox table until an instance delivers it (or, without a mail server, HR passes it on).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Departments::Table)
                    .add_column(boolean(Departments::Active).default(true))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RosterImports::Table)
                    .if_not_exists()
                    .col(big_pk_auto(RosterImports::Id))
                    .col(big_integer(RosterImports::StartedBy))
                    .col(boolean(RosterImports::DryRun))
                    .col(string(RosterImports::Status))
                    .col(string(RosterImports::Stage))
                    .col(big_integer(RosterImports::Done))
                    .col(big_integer(RosterImports::Total))
                    .col(big_integer(RosterImports::Lines))
                    .col(text_null(RosterImports::Outcome))
                    .col(text_null(RosterImports::Failure))
                    .col(timestamp_with_time_zone(RosterImports::StartedAt))
                    .col(timestamp_with_time_zone(RosterImports::UpdatedAt))
                    .col(timestamp_with_time_zone_null(RosterImports::FinishedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RosterImports::Table, RosterImports::StartedBy)
                            .to(People::Table, People::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OutgoingMail::Table)
                    .if_not_exists()
                    .col(big_pk_auto(OutgoingMail::Id))
                    .col(string(OutgoingMail::Recipient))
                    .col(string(OutgoingMail::Subject))
                    .col(text(OutgoingMail::Body))
                    .col(timestamp_with_time_zone(OutgoingMail::CreatedAt))
                    .col(timestamp_with_time_zone_null(OutgoingMail::SentAt))
                    .col(integer(OutgoingMail::Attempts).default(0))
                    .col(text_null(OutgoingMail::LastError))
                    .col(timestamp_with_time_zone_null(OutgoingMail::ClaimedUntil))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outgoing_mail_recipient_created")
                    .table(OutgoingMail::Table)
                    .col(OutgoingMail::Recipient)
                    .col(OutgoingMail::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OutgoingMail::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(RosterImports::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Departments::Table)
                    .drop_column(Departments::Active)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Departments {
    Table,
    Active,
}

#[derive(DeriveIden)]
enum RosterImports {
    Table,
    Id,
    StartedBy,
    DryRun,
    Status,
    Stage,
    Done,
    Total,
    Lines,
    Outcome,
    Failure,
    StartedAt,
    UpdatedAt,
    FinishedAt,
}

#[derive(DeriveIden)]
enum OutgoingMail {
    Table,
    Id,
    Recipient,
    Subject,
    Body,
    CreatedAt,
    SentAt,
    Attempts,
    LastError,
    ClaimedUntil,
}
