//! Integration tests over real HTTP and real databases: every database test runs on SQLite and,
//! when `ASYNC_PILOT_TEST_POSTGRES` names a server, on PostgreSQL too.

mod support;

mod access;
mod accounts;
mod binary;
mod capture_participation;
mod checkin_reminders;
mod checkins;
mod database;
mod entry_imports;
mod health;
mod import_cli;
mod limits;
mod mail;
mod org;
mod page_actions;
mod pages;
mod participation;
mod pilot_api;
mod pilots;
mod pulses;
mod roster;
mod roster_imports;
mod search;
mod security;
mod server_fns;
mod sessions;
mod sign_in_limits;
mod team_charters;
mod team_decisions;
