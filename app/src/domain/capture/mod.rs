//! Capture: what participants and HR record during a pilot (METHOD.md section 2).

pub mod custom_metric;
pub mod decision_import;
pub mod entry_import;
pub mod import;
pub mod import_csv;
pub mod measure;
