//! Readiness: each pilot's thresholds (a pilot without a row uses the defaults), every decision
//! recorded with the verdict suggested at the time and its rationale, and the teams that
//! volunteered for a next wave.

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
                    .table(a("readiness_thresholds"))
                    .col(big_integer(a("pilot_id")).primary_key())
                    .col(double(a("primary_p")))
                    .col(double(a("guardrail_q")))
                    .col(double(a("participation")))
                    .col(double(a("training")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .foreign_key(
                        ForeignKey::create()
                            .from(a("readiness_thresholds"), a("pilot_id"))
                            .to(a("pilots"), a("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("pilot_decisions"))
                    .col(big_pk_auto(a("id")))
                    .col(big_integer(a("pilot_id")))
                    .col(string(a("decision")))
                    .col(string_null(a("suggested")))
                    .col(text(a("rationale")))
                    .col(big_integer_null(a("decided_by")))
                    .col(timestamp_with_time_zone(a("decided_at")))
                    .foreign_key(
                        ForeignKey::create()
                            .from(a("pilot_decisions"), a("pilot_id"))
                            .to(a("pilots"), a("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(a("pilot_decisions"), a("decided_by"))
                            .to(a("people"), a("id"))
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("pilot_decisions_by_pilot")
                    .table(a("pilot_decisions"))
                    .col(a("pilot_id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("team_volunteers"))
                    .col(big_integer(a("team_id")).primary_key())
                    .col(big_integer_null(a("recorded_by")))
                    .col(timestamp_with_time_zone(a("recorded_at")))
                    .foreign_key(
                        ForeignKey::create()
                            .from(a("team_volunteers"), a("team_id"))
                            .to(a("teams"), a("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(a("team_volunteers"), a("recorded_by"))
                            .to(a("people"), a("id"))
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["team_volunteers", "pilot_decisions", "readiness_thresholds"] {
            manager
                .drop_table(Table::drop().table(a(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
