//! How a reader's filters on the audit log are understood: typed by a person, blank means any.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::AuditAction;
use crate::domain::ParseError;

/// Which events a reader asks for; every part is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub action: Option<AuditAction>,
    /// Part of the actor's email, case-insensitive.
    pub actor: Option<String>,
    /// Events at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// Events before this instant.
    pub until: Option<DateTime<Utc>>,
}

impl AuditFilter {
    /// Reads filters typed by a person: blank means "any"; days are `YYYY-MM-DD` in UTC and
    /// `until` names the last day to include.
    pub fn parse(
        action: Option<&str>,
        actor: Option<&str>,
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<Self, ParseError> {
        let action = match filled(action) {
            Some(name) => Some(AuditAction::parse(name).ok_or_else(|| {
                ParseError::new(
                    "action",
                    format!("'{name}' is not an action in the audit log"),
                )
            })?),
            None => None,
        };
        let since = day("since", since)?;
        let until = day("until", until)?;
        Ok(Self {
            action,
            actor: filled(actor).map(str::to_string),
            since: since.and_then(midnight),
            until: until.and_then(|day| day.succ_opt()).and_then(midnight),
        })
    }
}

fn filled(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|value| !value.is_empty())
}

fn day(field: &'static str, value: Option<&str>) -> Result<Option<NaiveDate>, ParseError> {
    filled(value)
        .map(|value| {
            NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| {
                ParseError::new(field, format!("'{value}' is not a date like 2026-11-25"))
            })
        })
        .transpose()
}

fn midnight(date: NaiveDate) -> Option<DateTime<Utc>> {
    date.and_hms_opt(0, 0, 0)
        .map(|time| Utc.from_utc_datetime(&time))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_filters_mean_any_and_until_includes_its_whole_day() {
        let filter =
            AuditFilter::parse(Some(" "), Some(""), None, Some("2026-11-25")).expect("valid");
        assert_eq!(filter.action, None);
        assert_eq!(filter.actor, None);
        assert_eq!(filter.since, None);
        assert_eq!(
            filter.until.map(|at| at.to_rfc3339()),
            Some("2026-11-26T00:00:00+00:00".into())
        );
    }

    #[test]
    fn since_starts_at_midnight_utc_and_names_are_trimmed() {
        let filter = AuditFilter::parse(
            Some(" role_changed "),
            Some(" ada "),
            Some("2026-11-25"),
            None,
        )
        .expect("valid");
        assert_eq!(filter.action, Some(AuditAction::RoleChanged));
        assert_eq!(filter.actor.as_deref(), Some("ada"));
        assert_eq!(
            filter.since.map(|at| at.to_rfc3339()),
            Some("2026-11-25T00:00:00+00:00".into())
        );
    }

    #[test]
    fn a_bad_date_or_action_names_its_field() {
        let error = AuditFilter::parse(None, None, Some("25/11/2026"), None).expect_err("bad date");
        assert_eq!(error.field, "since");
        let error =
            AuditFilter::parse(None, None, None, Some("2026-02-30")).expect_err("no such day");
        assert_eq!(error.field, "until");
        let error =
            AuditFilter::parse(Some("launched_rocket"), None, None, None).expect_err("bad action");
        assert_eq!(error.field, "action");
        assert!(
            error.message.contains("launched_rocket"),
            "{}",
            error.message
        );
    }
}
