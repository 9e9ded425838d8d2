//! A pilot's before/after comparison report (METHOD.md): which entries count, person–phase
//! values, groups, the difference in differences and the privacy rule. The shape crosses the
//! network; the computing runs on the server only.

pub mod catalogue;
pub mod headline;
pub mod shape;

#[cfg(feature = "ssr")]
pub mod assemble;
#[cfg(feature = "ssr")]
pub mod csv;
#[cfg(feature = "ssr")]
pub mod input;
#[cfg(feature = "ssr")]
pub mod pitfalls;
#[cfg(all(test, feature = "ssr"))]
mod tests;
#[cfg(feature = "ssr")]
pub mod trends;
#[cfg(feature = "ssr")]
pub mod values;
