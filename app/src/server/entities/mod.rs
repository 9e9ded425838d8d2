//! Row types, one per table. They stay on the server: repositories map them to domain types.

pub mod account_link;
pub mod api_token;
pub mod audit_event;
pub mod charter_channel;
pub mod checkin;
pub mod checkin_reminder;
pub mod consent;
pub mod custom_metric;
pub mod decision;
pub mod department;
pub mod entry;
pub mod entry_import;
pub mod outgoing_mail;
pub mod person;
pub mod pilot;
pub mod pilot_member;
pub mod pilot_team;
pub mod process_type;
pub mod pulse;
pub mod pulse_response;
pub mod roster_import;
pub mod session;
pub mod sign_in_failure;
pub mod team;
pub mod team_charter;
pub mod team_membership;
