//! Champions and manager training (issue 14): each person's champion standing (opt-in and HR's
//! decision), peer nominations, HR-added training modules (the method's three are built in, in
//! code) and each manager's status per module.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn a(name: &str) -> Alias {
    Alias::new(name)
}

fn person_key(table: &str, column: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(a(table), a(column))
        .to(a("people"), a("id"))
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(a("champions"))
                    .col(big_pk_auto(a("id")))
                    .col(big_integer_uniq(a("person_id")))
                    // Null: never chosen; false: turned off (off the candidate list entirely).
                    .col(boolean_null(a("opted_in")))
                    // `confirmed`, `dismissed` or `stepped_down`; null while undecided.
                    .col(string_null(a("status")))
                    .col(text_null(a("note")))
                    .col(timestamp_with_time_zone_null(a("decided_at")))
                    .col(big_integer_null(a("decided_by")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .foreign_key(&mut person_key("champions", "person_id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("champion_nominations"))
                    .col(big_pk_auto(a("id")))
                    .col(big_integer(a("nominee_id")))
                    .col(big_integer(a("nominator_id")))
                    .col(text(a("reason")))
                    // The nominee may see who wrote it only when this is true.
                    .col(boolean(a("reveal_nominator")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .foreign_key(&mut person_key("champion_nominations", "nominee_id"))
                    .foreign_key(&mut person_key("champion_nominations", "nominator_id"))
                    .to_owned(),
            )
            .await?;
        // One nomination per colleague: nominating again replaces the sentence, it does not
        // count twice.
        manager
            .create_index(
                Index::create()
                    .name("ux_champion_nominations_pair")
                    .table(a("champion_nominations"))
                    .col(a("nominee_id"))
                    .col(a("nominator_id"))
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("training_modules"))
                    .col(big_pk_auto(a("id")))
                    .col(string_uniq(a("key")))
                    .col(string(a("title")))
                    .col(boolean(a("required")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("training_records"))
                    .col(big_pk_auto(a("id")))
                    .col(big_integer(a("person_id")))
                    // A module key: built in (code) or from `training_modules`.
                    .col(string(a("module")))
                    // `in_progress` or `completed` (no row: not started).
                    .col(string(a("status")))
                    .col(date_null(a("completed_on")))
                    .col(big_integer_null(a("recorded_by")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .foreign_key(&mut person_key("training_records", "person_id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_training_records_person_module")
                    .table(a("training_records"))
                    .col(a("person_id"))
                    .col(a("module"))
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "training_records",
            "training_modules",
            "champion_nominations",
            "champions",
        ] {
            manager
                .drop_table(Table::drop().table(a(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
