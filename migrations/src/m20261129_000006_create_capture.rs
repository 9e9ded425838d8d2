//! What a pilot measures: one row per person, day, measure and qualifier (`entries`, METHOD.md
//! section 2), the check-ins that wrote them, team charters with dated versions, the decision
//! log, pulse surveys, HR-defined metrics, metric imports running as jobs, daily reminders and
//! each person's working days.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(
    from: (Alias, Alias),
    to: (Alias, Alias),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(on_delete)
        .to_owned()
}

fn a(name: &str) -> Alias {
    Alias::new(name)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Monday to Friday unless the person sets their own (METHOD.md section 2).
        manager
            .alter_table(
                Table::alter()
                    .table(a("people"))
                    .add_column(string(a("working_days")).default("mon,tue,wed,thu,fri"))
                    .to_owned(),
            )
            .await?;

        // The qualifier is '' for measures without one, so that the unique key holds on both
        // databases (NULLs never collide in a unique index).
        manager
            .create_table(
                Table::create()
                    .table(a("entries"))
                    .if_not_exists()
                    .col(big_pk_auto(a("id")))
                    .col(big_integer(a("person_id")))
                    .col(date(a("entry_date")))
                    .col(string(a("measure")))
                    .col(string(a("qualifier")).default(""))
                    .col(double(a("value")))
                    .col(string(a("source")))
                    .col(big_integer_null(a("author_id")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .foreign_key(&mut fk(
                        (a("entries"), a("person_id")),
                        (a("people"), a("id")),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_entries_key")
                    .table(a("entries"))
                    .col(a("person_id"))
                    .col(a("entry_date"))
                    .col(a("measure"))
                    .col(a("qualifier"))
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_entries_date")
                    .table(a("entries"))
                    .col(a("entry_date"))
                    .to_owned(),
            )
            .await?;

        // One check-in per person, local date and part of day.
        manager
            .create_table(
                Table::create()
                    .table(a("checkins"))
                    .if_not_exists()
                    .col(big_pk_auto(a("id")))
                    .col(big_integer(a("person_id")))
                    .col(date(a("checkin_date")))
                    .col(string(a("part_of_day")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .foreign_key(&mut fk(
                        (a("checkins"), a("person_id")),
                        (a("people"), a("id")),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_checkins_key")
                    .table(a("checkins"))
                    .col(a("person_id"))
                    .col(a("checkin_date"))
                    .col(a("part_of_day"))
                    .unique()
                    .to_owned(),
            )
            .await?;

        // A charter version is in force from its date until the next version's.
        manager
            .create_table(
                Table::create()
                    .table(a("team_charters"))
                    .if_not_exists()
                    .col(big_pk_auto(a("id")))
                    .col(big_integer(a("team_id")))
                    .col(integer(a("version")))
                    .col(date(a("effective_from")))
                    .col(boolean(a("current_norms")).default(false))
                    .col(text(a("note")).default(""))
                    .col(big_integer_null(a("created_by")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .foreign_key(&mut fk(
                        (a("team_charters"), a("team_id")),
                        (a("teams"), a("id")),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_team_charters_version")
                    .table(a("team_charters"))
                    .col(a("team_id"))
                    .col(a("version"))
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("charter_channels"))
                    .if_not_exists()
                    .col(big_pk_auto(a("id")))
                    .col(big_integer(a("charter_id")))
                    .col(integer(a("position")))
                    .col(string(a("channel")))
                    .col(text(a("purpose")).default(""))
                    .col(double(a("reply_hours")))
                    .foreign_key(&mut fk(
                        (a("charter_channels"), a("charter_id")),
                        (a("team_charters"), a("id")),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(a("process_types"))
                    .if_not_exists()
                    .col(big_pk_auto(a("id")))
                    .col(string_uniq(a("key")))
                    .col(string(a("label")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("decisions"))
                    .if_not_exists()
                    .col(big_pk_auto(a("id")))
                    .col(big_integer(a("team_id")))
                    .col(text(a("title")))
                    .col(string(a("process_type")))
                    .col(timestamp_with_time_zone(a("raised_at")))
                    .col(timestamp_with_time_zone_null(a("decided_at")))
                    .col(boolean(a("documented")))
                    .col(text_null(a("documented_at")))
                    .col(big_integer_null(a("author_id")))
                    .col(string(a("source")))
                    .col(big_integer_null(a("import_pilot_id")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .foreign_key(&mut fk(
                        (a("decisions"), a("team_id")),
                        (a("teams"), a("id")),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_decisions_team_raised")
                    .table(a("decisions"))
                    .col(a("team_id"))
                    .col(a("raised_at"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(a("pulses"))
                    .if_not_exists()
                    .col(big_pk_auto(a("id")))
                    .col(big_integer(a("pilot_id")))
                    .col(string(a("phase")))
                    .col(date(a("opens_on")))
                    .col(date(a("closes_on")))
                    .col(date_null(a("last_reminder_on")))
                    .col(big_integer_null(a("created_by")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .col(timestamp_with_time_zone_null(a("closed_at")))
                    .foreign_key(&mut fk(
                        (a("pulses"), a("pilot_id")),
                        (a("pilots"), a("id")),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_pulses_phase")
                    .table(a("pulses"))
                    .col(a("pilot_id"))
                    .col(a("phase"))
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Who answered (or, for a manager's rating, who rated whom): the values are entries.
        manager
            .create_table(
                Table::create()
                    .table(a("pulse_responses"))
                    .if_not_exists()
                    .col(big_pk_auto(a("id")))
                    .col(big_integer(a("pulse_id")))
                    .col(big_integer(a("person_id")))
                    .col(big_integer_null(a("rated_person_id")))
                    .col(date(a("entry_date")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .foreign_key(&mut fk(
                        (a("pulse_responses"), a("pulse_id")),
                        (a("pulses"), a("id")),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (a("pulse_responses"), a("person_id")),
                        (a("people"), a("id")),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_pulse_responses_key")
                    .table(a("pulse_responses"))
                    .col(a("pulse_id"))
                    .col(a("person_id"))
                    .col(a("rated_person_id"))
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(a("custom_metrics"))
                    .if_not_exists()
                    .col(big_pk_auto(a("id")))
                    .col(string_uniq(a("key")))
                    .col(string(a("label")))
                    .col(string(a("unit")).default(""))
                    .col(string(a("direction")))
                    .col(double(a("min_value")))
                    .col(double(a("max_value")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(a("entry_imports"))
                    .if_not_exists()
                    .col(big_pk_auto(a("id")))
                    .col(big_integer(a("pilot_id")))
                    .col(string(a("kind")))
                    .col(big_integer_null(a("started_by")))
                    .col(boolean(a("dry_run")))
                    .col(string(a("status")))
                    .col(string(a("stage")))
                    .col(big_integer(a("done")))
                    .col(big_integer(a("total")))
                    .col(big_integer(a("lines")))
                    .col(text_null(a("outcome")))
                    .col(text_null(a("failure")))
                    .col(timestamp_with_time_zone(a("started_at")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .col(timestamp_with_time_zone_null(a("finished_at")))
                    .foreign_key(&mut fk(
                        (a("entry_imports"), a("pilot_id")),
                        (a("pilots"), a("id")),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(a("checkin_reminders"))
                    .if_not_exists()
                    .col(big_integer(a("person_id")).primary_key())
                    .col(boolean(a("enabled")))
                    .col(string(a("local_time")).default("16:30"))
                    .col(string_null(a("unsubscribe_token_hash")))
                    .col(date_null(a("last_sent_on")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .foreign_key(&mut fk(
                        (a("checkin_reminders"), a("person_id")),
                        (a("people"), a("id")),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "checkin_reminders",
            "entry_imports",
            "custom_metrics",
            "pulse_responses",
            "pulses",
            "decisions",
            "process_types",
            "charter_channels",
            "team_charters",
            "checkins",
            "entries",
        ] {
            manager
                .drop_table(Table::drop().table(a(table)).if_exists().to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(a("people"))
                    .drop_column(a("working_days"))
                    .to_owned(),
            )
            .await
    }
}
