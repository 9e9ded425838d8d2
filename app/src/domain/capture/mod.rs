//! Capture: what participants and HR record during a pilot (METHOD.md section 2).

pub mod charter;
pub mod decision;
pub mod measure;
pub mod standing;
