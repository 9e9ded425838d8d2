//! A person's working days on the wire: what participation expects a check-in on.

use serde::{Deserialize, Serialize};

/// The days of the week the caller works: `mon` … `sun`, at least one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WorkingDaysBody {
    pub days: Vec<String>,
}
