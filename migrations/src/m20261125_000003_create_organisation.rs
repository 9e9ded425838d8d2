//! The organisation: departments, teams, people's team history and working details; pilots with
//! their teams, the membership frozen at baseline, and consents.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Departments::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Departments::Id))
                    .col(string_uniq(Departments::Name))
                    .col(timestamp_with_time_zone(Departments::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Teams::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Teams::Id))
                    .col(string_uniq(Teams::Name))
                    .col(big_integer(Teams::DepartmentId))
                    .col(big_integer_null(Teams::ManagerId))
                    .col(string(Teams::TimeZone).default("UTC"))
                    .col(boolean(Teams::Active).default(true))
                    .col(timestamp_with_time_zone(Teams::CreatedAt))
                    .col(timestamp_with_time_zone(Teams::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Teams::Table, Teams::DepartmentId)
                            .to(Departments::Table, Departments::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Teams::Table, Teams::ManagerId)
                            .to(People::Table, People::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        // SQLite cannot add a foreign key to an existing table: the manager link is checked by
        // the code, and team membership lives in its own table (which also keeps its history).
        for column in [
            big_integer_null(People::ManagerId),
            string(People::TimeZone).default("UTC").to_owned(),
            string(People::WorkingPattern)
                .default("full_time")
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(People::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(TeamMemberships::Table)
                    .if_not_exists()
                    .col(big_pk_auto(TeamMemberships::Id))
                    .col(big_integer(TeamMemberships::PersonId))
                    .col(big_integer(TeamMemberships::TeamId))
                    .col(timestamp_with_time_zone(TeamMemberships::JoinedAt))
                    .col(timestamp_with_time_zone_null(TeamMemberships::LeftAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(TeamMemberships::Table, TeamMemberships::PersonId)
                            .to(People::Table, People::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(TeamMemberships::Table, TeamMemberships::TeamId)
                            .to(Teams::Table, Teams::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            TeamMemberships::Table,
            TeamMemberships::PersonId,
            "idx_memberships_person",
        )
        .await?;
        index(
            manager,
            TeamMemberships::Table,
            TeamMemberships::TeamId,
            "idx_memberships_team",
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Pilots::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Pilots::Id))
                    .col(string_uniq(Pilots::Name))
                    .col(text(Pilots::Hypothesis))
                    .col(string(Pilots::PrimaryMetric))
                    .col(string(Pilots::GuardrailMetrics).default(""))
                    .col(date(Pilots::BaselineStart))
                    .col(integer(Pilots::BaselineDays))
                    .col(integer(Pilots::InterventionDays))
                    .col(integer(Pilots::FollowUpDays))
                    .col(integer(Pilots::PrivacyK))
                    .col(string(Pilots::Stage))
                    .col(string_null(Pilots::Decision))
                    .col(timestamp_with_time_zone_null(Pilots::ProtocolLockedAt))
                    .col(timestamp_with_time_zone(Pilots::CreatedAt))
                    .col(timestamp_with_time_zone(Pilots::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PilotTeams::Table)
                    .if_not_exists()
                    .col(big_pk_auto(PilotTeams::Id))
                    .col(big_integer(PilotTeams::PilotId))
                    .col(big_integer(PilotTeams::TeamId))
                    .col(string(PilotTeams::Arm))
                    .col(boolean(PilotTeams::Volunteered).default(false))
                    .col(string_null(PilotTeams::InviteTokenHash).unique_key())
                    .col(timestamp_with_time_zone(PilotTeams::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PilotTeams::Table, PilotTeams::PilotId)
                            .to(Pilots::Table, Pilots::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PilotTeams::Table, PilotTeams::TeamId)
                            .to(Teams::Table, Teams::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pilot_teams_unique")
                    .table(PilotTeams::Table)
                    .col(PilotTeams::PilotId)
                    .col(PilotTeams::TeamId)
                    .unique()
                    .to_owned(),
            )
            .await?;

        // Who was in which pilot team when the baseline started.
        manager
            .create_table(
                Table::create()
                    .table(PilotMembers::Table)
                    .if_not_exists()
                    .col(big_integer(PilotMembers::PilotId))
                    .col(big_integer(PilotMembers::PersonId))
                    .col(big_integer(PilotMembers::TeamId))
                    .primary_key(
                        Index::create()
                            .col(PilotMembers::PilotId)
                            .col(PilotMembers::PersonId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PilotMembers::Table, PilotMembers::PilotId)
                            .to(Pilots::Table, Pilots::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PilotMembers::Table, PilotMembers::PersonId)
                            .to(People::Table, People::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Consents::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Consents::Id))
                    .col(big_integer(Consents::PilotId))
                    .col(big_integer(Consents::PersonId))
                    .col(big_integer(Consents::TeamId))
                    .col(timestamp_with_time_zone(Consents::ConsentedAt))
                    .col(timestamp_with_time_zone_null(Consents::WithdrawnAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Consents::Table, Consents::PilotId)
                            .to(Pilots::Table, Pilots::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Consents::Table, Consents::PersonId)
                            .to(People::Table, People::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_consents_unique")
                    .table(Consents::Table)
                    .col(Consents::PilotId)
                    .col(Consents::PersonId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Consents::Table.into_iden(),
            PilotMembers::Table.into_iden(),
            PilotTeams::Table.into_iden(),
            Pilots::Table.into_iden(),
            TeamMemberships::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for column in [People::ManagerId, People::TimeZone, People::WorkingPattern] {
            manager
                .alter_table(
                    Table::alter()
                        .table(People::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for table in [Teams::Table.into_iden(), Departments::Table.into_iden()] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
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
    ManagerId,
    TimeZone,
    WorkingPattern,
}

#[derive(DeriveIden)]
enum Departments {
    Table,
    Id,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Teams {
    Table,
    Id,
    Name,
    DepartmentId,
    ManagerId,
    TimeZone,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TeamMemberships {
    Table,
    Id,
    PersonId,
    TeamId,
    JoinedAt,
    LeftAt,
}

#[derive(DeriveIden)]
enum Pilots {
    Table,
    Id,
    Name,
    Hypothesis,
    PrimaryMetric,
    GuardrailMetrics,
    BaselineStart,
    BaselineDays,
    InterventionDays,
    FollowUpDays,
    PrivacyK,
    Stage,
    Decision,
    ProtocolLockedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PilotTeams {
    Table,
    Id,
    PilotId,
    TeamId,
    Arm,
    Volunteered,
    InviteTokenHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PilotMembers {
    Table,
    PilotId,
    PersonId,
    TeamId,
}

#[derive(DeriveIden)]
enum Consents {
    Table,
    Id,
    PilotId,
    PersonId,
    TeamId,
    ConsentedAt,
    WithdrawnAt,
}
