//! Decision process types on the wire: the built-in ones and those HR defined.

use serde::{Deserialize, Serialize};

/// A process type a decision can have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProcessType {
    pub key: String,
    pub label: String,
    pub built_in: bool,
}

/// A process type HR defines.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProcessTypeInput {
    /// Lower-case letters, digits and `_`, starting with a letter; not a built-in key.
    pub key: String,
    /// 1 to 80 characters.
    pub label: String,
}
