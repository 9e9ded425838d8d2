//! Capture: what participants and HR record during a pilot (METHOD.md section 2).

pub mod measure;
pub mod charter;
pub mod decision;
pub mod standing;
