//! Facts about the running instance.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InstanceStatus {
    pub version: String,
    pub database: String,
    pub schema_migrations: i64,
    pub people: i64,
}
