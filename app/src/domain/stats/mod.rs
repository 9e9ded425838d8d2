//! The statistics of METHOD.md sections 4 to 6, as pure functions over plain numbers: group
//! summaries, the paired before/after, the team-level difference in differences (Welch's t and
//! the exact permutation test) and Benjamini–Hochberg q-values. The result types cross the
//! network; the arithmetic runs only on the server, which alone computes reports.

pub mod figures;

#[cfg(feature = "ssr")]
pub mod describe;
#[cfg(feature = "ssr")]
pub mod difference;
#[cfg(feature = "ssr")]
pub mod fdr;
#[cfg(feature = "ssr")]
pub mod paired;
#[cfg(all(test, feature = "ssr"))]
mod reference_tests;
#[cfg(feature = "ssr")]
pub mod t_dist;
