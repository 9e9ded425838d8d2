//! Departments on the wire: the list.

use serde::{Deserialize, Serialize};

/// A department as its list shows it: active teams and the active people in them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DepartmentSummary {
    pub id: i64,
    pub name: String,
    pub teams: i64,
    pub members: i64,
    pub active: bool,
}

/// A department's new name (creating or renaming one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DepartmentRequest {
    pub name: String,
}
