//! Use cases, one function each: caller → access rule (once, `Caller::authorize`) → parse →
//! rules → repository → audit, writes in one transaction through `tx::write`. No SQL here: both
//! the server functions (`api/`) and the JSON handlers (`server/src/api/`) call these, so the
//! two surfaces cannot drift apart.

pub mod audit;
pub mod auth;
pub mod calendar_import;
pub mod champion_candidates;
pub mod champion_coverage;
pub mod champions;
pub mod charters;
pub mod checkin_reminders;
pub mod checkins;
pub mod custom_metrics;
pub mod decisions;
pub mod departments;
pub mod enrollment;
pub mod entry_import;
pub mod entry_imports;
pub mod erasure;
pub mod links;
pub mod mail;
pub mod meetings;
pub mod own_entries;
pub mod participation;
pub mod people;
pub mod person_details;
pub mod personal_data;
pub mod pilot_teams;
pub mod pilots;
pub mod process_types;
pub mod pulse_reminders;
pub mod pulses;
pub mod readiness;
pub mod readiness_changes;
pub mod reports;
pub mod retention;
pub mod roster;
pub mod roster_imports;
pub mod system;
pub mod team_records;
pub mod teams;
pub mod tokens;
pub mod training;
pub mod training_import;
pub mod working_days;

use super::repo::audit::Actor;
use crate::{
    domain::{access::Action, caller::Caller},
    error::AppError,
};

/// The access check at the top of every use case. A signed-in caller needs the role and scope
/// the action asks for; the command line and the demo act as the system, which is trusted (it
/// runs on the server with the database's own credentials). Anonymous flows (sign-in, one-time
/// links) have no action to check and do not call this.
pub fn authorize(actor: &Actor<'_>, action: Action) -> Result<(), AppError> {
    match actor {
        Actor::Caller(caller) => caller.authorize(action),
        Actor::System => Ok(()),
        Actor::Person { .. } | Actor::Anonymous => Err(AppError::Forbidden),
    }
}

/// The signed-in person behind `actor`, for use cases about one's own account or done in a
/// person's name (a token acts for its creator): 401 for anyone else.
pub fn signed_in<'a>(actor: &Actor<'a>) -> Result<&'a Caller, AppError> {
    match actor {
        Actor::Caller(caller) => Ok(caller),
        Actor::Person { .. } | Actor::Anonymous | Actor::System => Err(AppError::Unauthorized),
    }
}
