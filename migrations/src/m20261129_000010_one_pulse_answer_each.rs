//! One self-answer per person and pulse. The foundation's unique key on (pulse, person, rated
//! person) does not hold for self-answers, whose rated person is NULL (NULLs never collide in a
//! unique index), so two simultaneous first answers could both be stored. A partial index on
//! the NULL rows closes that gap; SQLite and PostgreSQL both have them, in the same syntax.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_pulse_responses_self \
                 ON pulse_responses (pulse_id, person_id) WHERE rated_person_id IS NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP INDEX ux_pulse_responses_self")
            .await?;
        Ok(())
    }
}
