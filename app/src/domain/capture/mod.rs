//! Capture: what participants and HR record during a pilot (METHOD.md section 2).

pub mod measure;
pub mod participation;
pub mod pulse;
pub mod working_days;
