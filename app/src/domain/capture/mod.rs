//! Capture: what participants and HR record during a pilot (METHOD.md section 2).

pub mod calendar;
pub mod checkin;
pub mod gate;
pub mod measure;
pub mod participation;
pub mod pulse;
pub mod reminder;
pub mod working_days;
