//! Capture: what participants and HR record during a pilot (METHOD.md section 2).

pub mod calendar;
pub mod charter;
pub mod checkin;
pub mod decision;
pub mod gate;
pub mod measure;
pub mod participation;
pub mod pulse;
pub mod reminder;
pub mod standing;
pub mod working_days;
