//! The outbox as admins see it: what the product mailed, or what HR passes on by hand.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::mail::MailStatus;

/// One message in the outbox list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OutgoingMail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub status: MailStatus,
    pub last_error: Option<String>,
}

/// A page of the outbox, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MailPage {
    pub mails: Vec<OutgoingMail>,
    pub total: u64,
    pub page: u64,
    /// False when no mail server is configured: HR passes the messages on by hand.
    pub delivers: bool,
}

/// Which page of the outbox, as a query string.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct MailQuery {
    /// Zero-based page of 50.
    pub page: Option<u64>,
}
