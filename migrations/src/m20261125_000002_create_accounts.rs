//! Accounts: passwords, database-backed sessions, one-time links, API tokens, sign-in
//! attempts for rate limiting, and the audit log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(People::Table)
                    .add_column(string_null(People::PasswordHash))
                    .to_owned(),
            )
            .await?;

        // Only a hash of each secret is stored: a copy of the database opens no session.
        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .if_not_exists()
                    .col(string(Sessions::TokenHash).primary_key())
                    .col(big_integer(Sessions::PersonId))
                    .col(timestamp_with_time_zone(Sessions::CreatedAt))
                    .col(timestamp_with_time_zone(Sessions::LastSeenAt))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sessions::Table, Sessions::PersonId)
                            .to(People::Table, People::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            Sessions::Table,
            Sessions::PersonId,
            "idx_sessions_person",
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(AccountLinks::Table)
                    .if_not_exists()
                    .col(string(AccountLinks::TokenHash).primary_key())
                    .col(big_integer(AccountLinks::PersonId))
                    .col(string(AccountLinks::Purpose))
                    .col(big_integer_null(AccountLinks::CreatedBy))
                    .col(timestamp_with_time_zone(AccountLinks::CreatedAt))
                    .col(timestamp_with_time_zone(AccountLinks::ExpiresAt))
                    .col(timestamp_with_time_zone_null(AccountLinks::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AccountLinks::Table, AccountLinks::PersonId)
                            .to(People::Table, People::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            AccountLinks::Table,
            AccountLinks::PersonId,
            "idx_account_links_person",
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(ApiTokens::Table)
                    .if_not_exists()
                    .col(big_pk_auto(ApiTokens::Id))
                    .col(string(ApiTokens::Name))
                    .col(string_uniq(ApiTokens::TokenHash))
                    .col(string(ApiTokens::Scope))
                    .col(big_integer(ApiTokens::CreatedBy))
                    .col(timestamp_with_time_zone(ApiTokens::CreatedAt))
                    .col(timestamp_with_time_zone_null(ApiTokens::LastUsedAt))
                    .col(timestamp_with_time_zone_null(ApiTokens::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ApiTokens::Table, ApiTokens::CreatedBy)
                            .to(People::Table, People::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SignInFailures::Table)
                    .if_not_exists()
                    .col(big_pk_auto(SignInFailures::Id))
                    .col(string(SignInFailures::Subject))
                    .col(timestamp_with_time_zone(SignInFailures::At))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sign_in_failures_subject_at")
                    .table(SignInFailures::Table)
                    .col(SignInFailures::Subject)
                    .col(SignInFailures::At)
                    .to_owned(),
            )
            .await?;

        // Actors are kept by id and by email: the log must outlive a person's record.
        manager
            .create_table(
                Table::create()
                    .table(AuditEvents::Table)
                    .if_not_exists()
                    .col(big_pk_auto(AuditEvents::Id))
                    .col(timestamp_with_time_zone(AuditEvents::At))
                    .col(big_integer_null(AuditEvents::ActorId))
                    .col(string_null(AuditEvents::ActorEmail))
                    .col(string(AuditEvents::Action))
                    .col(string(AuditEvents::ObjectType))
                    .col(string_null(AuditEvents::ObjectId))
                    .col(string(AuditEvents::Detail).default(""))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            AuditEvents::Table,
            AuditEvents::At,
            "idx_audit_events_at",
        )
        .await?;
        index(
            manager,
            AuditEvents::Table,
            AuditEvents::Action,
            "idx_audit_events_action",
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditEvents::Table.into_iden(),
            SignInFailures::Table.into_iden(),
            ApiTokens::Table.into_iden(),
            AccountLinks::Table.into_iden(),
            Sessions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(People::Table)
                    .drop_column(People::PasswordHash)
                    .to_owned(),
            )
            .await
    }
}

async fn index(
    manager: &SchemaManager<'_>,
    table: impl IntoIden,
    column: impl IntoIden,
    name: &str,
) -> Result<(), DbErr> {
    manager
        .create_index(
            Index::create()
                .name(name)
                .table(table)
                .col(column)
                .to_owned(),
        )
        .await
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
    PasswordHash,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    TokenHash,
    PersonId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum AccountLinks {
    Table,
    TokenHash,
    PersonId,
    Purpose,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    Id,
    Name,
    TokenHash,
    Scope,
    CreatedBy,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum SignInFailures {
    Table,
    Id,
    Subject,
    At,
}

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    Id,
    At,
    ActorId,
    ActorEmail,
    Action,
    ObjectType,
    ObjectId,
    Detail,
}
