//! The audit log's vocabulary: what can happen, and how a reader's filters are understood.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::ParseError;

/// Every action the audit log records, with the words the log page shows for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    SignIn,
    SignInFailed,
    SignOut,
    SignOutEverywhere,
    PasswordSet,
    PasswordChanged,
    AdminCreated,
    PersonInvited,
    ResetLinkIssued,
    PasswordLinkRequested,
    RoleChanged,
    PersonDeactivated,
    PersonReactivated,
    ApiTokenCreated,
    ApiTokenRevoked,
    AuditLogExported,
    RosterImported,
    RosterExported,
    PilotCreated,
    ProtocolChanged,
    PilotStageChanged,
    PilotTeamAdded,
    PilotTeamRemoved,
    PilotTeamLinkRenewed,
    TeamSaved,
    TeamDeactivated,
    TeamReactivated,
    DepartmentSaved,
    DepartmentDeactivated,
    DepartmentReactivated,
    PersonEdited,
    OutboxViewed,
    PulseOpened,
    PulseClosed,
    CharterSaved,
    DecisionLogged,
    DecisionDecided,
    ProcessTypeCreated,
    CaptureImported,
    CustomMetricDefined,
}

impl AuditAction {
    pub const ALL: [AuditAction; 40] = [
        Self::SignIn,
        Self::SignInFailed,
        Self::SignOut,
        Self::SignOutEverywhere,
        Self::PasswordSet,
        Self::PasswordChanged,
        Self::AdminCreated,
        Self::PersonInvited,
        Self::ResetLinkIssued,
        Self::PasswordLinkRequested,
        Self::RoleChanged,
        Self::PersonDeactivated,
        Self::PersonReactivated,
        Self::ApiTokenCreated,
        Self::ApiTokenRevoked,
        Self::AuditLogExported,
        Self::RosterImported,
        Self::RosterExported,
        Self::PilotCreated,
        Self::ProtocolChanged,
        Self::PilotStageChanged,
        Self::PilotTeamAdded,
        Self::PilotTeamRemoved,
        Self::PilotTeamLinkRenewed,
        Self::TeamSaved,
        Self::TeamDeactivated,
        Self::TeamReactivated,
        Self::DepartmentSaved,
        Self::DepartmentDeactivated,
        Self::DepartmentReactivated,
        Self::PersonEdited,
        Self::OutboxViewed,
        Self::PulseOpened,
        Self::PulseClosed,
        Self::CharterSaved,
        Self::DecisionLogged,
        Self::DecisionDecided,
        Self::ProcessTypeCreated,
        Self::CaptureImported,
        Self::CustomMetricDefined,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::SignIn => "sign_in",
            Self::SignInFailed => "sign_in_failed",
            Self::SignOut => "sign_out",
            Self::SignOutEverywhere => "sign_out_everywhere",
            Self::PasswordSet => "password_set",
            Self::PasswordChanged => "password_changed",
            Self::AdminCreated => "admin_created",
            Self::PersonInvited => "person_invited",
            Self::ResetLinkIssued => "reset_link_issued",
            Self::PasswordLinkRequested => "password_link_requested",
            Self::OutboxViewed => "outbox_viewed",
            Self::RoleChanged => "role_changed",
            Self::PersonDeactivated => "person_deactivated",
            Self::PersonReactivated => "person_reactivated",
            Self::ApiTokenCreated => "api_token_created",
            Self::ApiTokenRevoked => "api_token_revoked",
            Self::AuditLogExported => "audit_log_exported",
            Self::RosterImported => "roster_imported",
            Self::RosterExported => "roster_exported",
            Self::PilotCreated => "pilot_created",
            Self::ProtocolChanged => "protocol_changed",
            Self::PilotStageChanged => "pilot_stage_changed",
            Self::PilotTeamAdded => "pilot_team_added",
            Self::PilotTeamRemoved => "pilot_team_removed",
            Self::PilotTeamLinkRenewed => "pilot_team_link_renewed",
            Self::TeamSaved => "team_saved",
            Self::TeamDeactivated => "team_deactivated",
            Self::TeamReactivated => "team_reactivated",
            Self::DepartmentSaved => "department_saved",
            Self::DepartmentDeactivated => "department_deactivated",
            Self::DepartmentReactivated => "department_reactivated",
            Self::PersonEdited => "person_edited",
            Self::PulseOpened => "pulse_opened",
            Self::PulseClosed => "pulse_closed",
            Self::CharterSaved => "charter_saved",
            Self::DecisionLogged => "decision_logged",
            Self::DecisionDecided => "decision_decided",
            Self::ProcessTypeCreated => "process_type_created",
            Self::CaptureImported => "capture_imported",
            Self::CustomMetricDefined => "custom_metric_defined",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::SignIn => "Signed in",
            Self::SignInFailed => "Failed sign-in",
            Self::SignOut => "Signed out",
            Self::SignOutEverywhere => "Signed out everywhere",
            Self::PasswordSet => "Set a password from a link",
            Self::PasswordChanged => "Changed password",
            Self::AdminCreated => "Admin created on the command line",
            Self::PersonInvited => "Invited a person",
            Self::ResetLinkIssued => "Issued a password-reset link",
            Self::PasswordLinkRequested => "Asked for a link to set a password (sent by mail)",
            Self::OutboxViewed => "Viewed the outgoing mail",
            Self::RoleChanged => "Changed a role",
            Self::PersonDeactivated => "Deactivated a person",
            Self::PersonReactivated => "Reactivated a person",
            Self::ApiTokenCreated => "Created an API token",
            Self::ApiTokenRevoked => "Revoked an API token",
            Self::AuditLogExported => "Exported the audit log",
            Self::RosterImported => "Imported the roster",
            Self::RosterExported => "Exported the roster",
            Self::PilotCreated => "Created a pilot",
            Self::ProtocolChanged => "Changed a pilot's protocol",
            Self::PilotStageChanged => "Moved a pilot to another stage",
            Self::PilotTeamAdded => "Added a team to a pilot",
            Self::PilotTeamRemoved => "Removed a team from a pilot",
            Self::PilotTeamLinkRenewed => "Renewed a team's enrollment link",
            Self::TeamSaved => "Created or changed a team",
            Self::TeamDeactivated => "Deactivated a team",
            Self::TeamReactivated => "Reactivated a team",
            Self::DepartmentSaved => "Created or renamed a department",
            Self::DepartmentDeactivated => "Deactivated a department",
            Self::DepartmentReactivated => "Reactivated a department",
            Self::PersonEdited => "Edited a person",
            Self::PulseOpened => "Opened a pulse survey",
            Self::PulseClosed => "Closed a pulse survey",
            Self::CharterSaved => "Saved a new version of a team charter",
            Self::DecisionLogged => "Logged a team decision",
            Self::DecisionDecided => "Marked a team decision decided",
            Self::ProcessTypeCreated => "Defined a decision process type",
            Self::CaptureImported => "Imported metrics or decisions into a pilot",
            Self::CustomMetricDefined => "Defined a custom metric",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|action| action.as_str() == value)
    }
}

/// The most of an actor's email an entry keeps: an address has at most 254 characters, so
/// only input nobody vetted is ever cut.
pub const MAX_ACTOR_CHARS: usize = 320;
/// The most of an entry's detail (and object id) it keeps.
pub const MAX_DETAIL_CHARS: usize = 1_000;

/// `text` cut to at most `max` characters (the last one "…" when cut), so that no caller can
/// grow the log, or the page showing it, by sending long input.
pub fn clip(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        return text;
    }
    let mut clipped: String = text.chars().take(max.saturating_sub(1)).collect();
    clipped.push('…');
    clipped
}

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
    fn long_text_is_clipped_to_the_cap_with_a_mark_and_short_text_kept() {
        assert_eq!(
            clip("ada@example.org".into(), MAX_ACTOR_CHARS),
            "ada@example.org"
        );
        let long = "é".repeat(1 << 20);
        let clipped = clip(long, MAX_DETAIL_CHARS);
        assert_eq!(clipped.chars().count(), MAX_DETAIL_CHARS);
        assert!(clipped.ends_with('…'));
        assert_eq!(clip("abc".into(), 3), "abc");
        assert_eq!(clip("abcd".into(), 3), "ab…");
    }

    #[test]
    fn every_action_round_trips_through_its_stored_name() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
        }
    }

    #[test]
    fn stored_names_are_unique() {
        let mut names: Vec<_> = AuditAction::ALL.iter().map(|a| a.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), AuditAction::ALL.len());
    }

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
