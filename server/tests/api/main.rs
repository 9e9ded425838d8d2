//! Integration tests over real HTTP and real databases: every database test runs on SQLite and,
//! when `ASYNC_PILOT_TEST_POSTGRES` names a server, on PostgreSQL too.

mod support;

mod access;
mod accounts;
mod backup;
mod binary;
mod calendar_import;
mod capture_participation;
mod champion_coverage;
mod champions;
mod checkin_reminders;
mod checkins;
mod crash;
mod database;
mod enrollment_links;
mod entry_imports;
mod health;
mod import_cli;
mod limits;
mod mail;
mod org;
mod page_actions;
mod pages;
mod participation;
mod personal_data;
mod pilot_api;
mod pilot_journey;
mod pilots;
mod pulses;
mod readiness;
mod reports;
mod retention;
mod roster;
mod roster_changes;
mod roster_imports;
mod search;
mod security;
mod server_fns;
mod sessions;
mod sign_in_limits;
mod team_charters;
mod team_decisions;
mod training;
