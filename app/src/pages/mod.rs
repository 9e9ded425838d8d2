//! One module per page (one folder per area).

pub mod account;
pub mod admin;
pub mod champions;
pub mod checkin;
pub mod home;
pub mod join;
pub mod meetings;
pub mod not_found;
pub mod plan;
pub mod pulse;
pub mod readiness;
pub mod reports;
pub mod set_password;
pub mod sign_in;
pub mod status;
pub mod team;
pub mod working_days;
