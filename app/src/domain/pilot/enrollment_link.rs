//! How long a team's enrollment link works: a link is a bearer secret passed around chat and
//! mail, so it expires, and HR renews it for whoever still needs it.

use chrono::{DateTime, Duration, SubsecRound, Utc};

/// Days a link works after HR issues or renews it.
pub const ENROLLMENT_LINK_DAYS: i64 = 30;

/// What a member is told when the link they opened has expired.
pub const EXPIRED_LINK: &str = "this enrollment link has expired; ask HR for a new one";

/// When a link issued at `issued_at` stops working, to the second (what HR is told is what
/// every database keeps).
pub fn link_expires_at(issued_at: DateTime<Utc>) -> DateTime<Utc> {
    (issued_at + Duration::days(ENROLLMENT_LINK_DAYS)).trunc_subsecs(0)
}

/// Whether a link with this expiry no longer works at `now`. A link without one (none is
/// written so; the migration gave older links theirs) is not trusted forever: it has expired.
pub fn link_has_expired(expires_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    expires_at.is_none_or(|expires_at| now >= expires_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_works_for_thirty_days_and_not_a_moment_longer() {
        let issued = DateTime::parse_from_rfc3339("2026-11-29T09:00:00.750Z")
            .expect("date")
            .with_timezone(&Utc);
        let expires = link_expires_at(issued);
        assert_eq!(expires.to_rfc3339(), "2026-12-29T09:00:00+00:00");
        assert!(!link_has_expired(Some(expires), issued));
        assert!(!link_has_expired(
            Some(expires),
            expires - Duration::seconds(1)
        ));
        assert!(link_has_expired(Some(expires), expires));
    }

    #[test]
    fn a_link_without_an_expiry_is_treated_as_expired() {
        assert!(link_has_expired(None, Utc::now()));
    }
}
