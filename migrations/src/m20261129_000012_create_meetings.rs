//! Meetings from calendar imports (issue 13), kept per person: when, which series, how many
//! people, whether the person organised it, and a title for the person's own view only (none
//! at all for private events); and each person's audit answer per series.

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
                    .table(a("meetings"))
                    .col(big_pk_auto(a("id")))
                    .col(big_integer(a("person_id")))
                    // The person's local date of the start: a re-import replaces whole days.
                    .col(date(a("local_date")))
                    .col(timestamp_with_time_zone(a("starts_at")))
                    .col(timestamp_with_time_zone(a("ends_at")))
                    .col(string(a("series_key")))
                    .col(boolean(a("recurring")))
                    .col(integer(a("attendees")))
                    .col(boolean(a("organised")))
                    .col(string_null(a("title")))
                    .col(boolean(a("private")))
                    .col(timestamp_with_time_zone(a("imported_at")))
                    .foreign_key(
                        ForeignKey::create()
                            .from(a("meetings"), a("person_id"))
                            .to(a("people"), a("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_meetings_person_date")
                    .table(a("meetings"))
                    .col(a("person_id"))
                    .col(a("local_date"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_meetings_series")
                    .table(a("meetings"))
                    .col(a("series_key"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("meeting_audits"))
                    .col(big_pk_auto(a("id")))
                    .col(big_integer(a("person_id")))
                    .col(string(a("series_key")))
                    // `yes`, `partly` or `no`: could this have been async?
                    .col(string(a("answer")))
                    // `decide`, `inform`, `discuss`, `connect`, or none yet.
                    .col(string_null(a("purpose")))
                    .col(timestamp_with_time_zone(a("answered_at")))
                    .foreign_key(
                        ForeignKey::create()
                            .from(a("meeting_audits"), a("person_id"))
                            .to(a("people"), a("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_meeting_audits_person_series")
                    .table(a("meeting_audits"))
                    .col(a("person_id"))
                    .col(a("series_key"))
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(a("meeting_audits")).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(a("meetings")).to_owned())
            .await
    }
}
