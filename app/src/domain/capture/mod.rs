//! Capture: what participants and HR record during a pilot (METHOD.md section 2).

pub mod calendar;
pub mod charter;
pub mod checkin;
pub mod custom_metric;
pub mod decision;
pub mod decision_import;
pub mod entry_import;
pub mod gate;
pub mod import;
pub mod import_csv;
pub mod measure;
pub mod participation;
pub mod pulse;
pub mod reminder;
pub mod standing;
pub mod working_days;
