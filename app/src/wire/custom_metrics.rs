//! HR-defined metrics on the wire: what the admin page lists and the API returns.

use serde::{Deserialize, Serialize};

pub use crate::domain::capture::custom_metric::{CustomMetricInput, Direction};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CustomMetricView {
    pub id: i64,
    /// Entries spell it `custom:<key>`.
    pub key: String,
    pub label: String,
    pub unit: String,
    pub direction: Direction,
    pub min_value: f64,
    pub max_value: f64,
}
