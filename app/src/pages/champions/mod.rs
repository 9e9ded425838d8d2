//! Champions and manager training: the account page's part, HR's candidate list and training
//! pages, the coverage page, and the team page's part.

pub mod account;
pub mod candidates;
pub mod coverage;
pub mod team;
pub mod training;
