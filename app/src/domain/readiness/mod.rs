//! Rollout readiness: the verdict a finished pilot earns (expand, extend, stop and rethink),
//! the thresholds it is held to, and the next wave of teams an "expand" suggests.

pub mod portfolio;
pub mod progress;
pub mod shape;
pub mod thresholds;
pub mod wave;

#[cfg(feature = "ssr")]
pub mod assess;
#[cfg(feature = "ssr")]
mod components;
#[cfg(feature = "ssr")]
pub mod csv;
#[cfg(all(test, feature = "ssr"))]
mod tests;
