//! The audit log's vocabulary: what can happen, and how a reader's filters are understood
//! (`filter`).

mod filter;

pub use filter::AuditFilter;

use serde::{Deserialize, Serialize};

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
    PersonErased,
    PersonReactivated,
    ApiTokenCreated,
    ApiTokenRevoked,
    AuditLogExported,
    RosterImported,
    RosterExported,
    RosterPersonChanged,
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
    ReportPublished,
    ReportWithdrawn,
    PilotDecided,
    ReadinessThresholdsChanged,
    FollowUpExtended,
    TeamVolunteered,
    ChampionOptionChanged,
    ChampionNominated,
    ChampionConfirmed,
    ChampionDismissed,
    ChampionSteppedDown,
    TrainingModuleAdded,
    TrainingRecorded,
    TrainingImported,
    RetentionChanged,
    RetentionApplied,
}

impl AuditAction {
    pub const ALL: [AuditAction; 58] = [
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
        Self::PersonErased,
        Self::PersonReactivated,
        Self::ApiTokenCreated,
        Self::ApiTokenRevoked,
        Self::AuditLogExported,
        Self::RosterImported,
        Self::RosterExported,
        Self::RosterPersonChanged,
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
        Self::ReportPublished,
        Self::ReportWithdrawn,
        Self::PilotDecided,
        Self::ReadinessThresholdsChanged,
        Self::FollowUpExtended,
        Self::TeamVolunteered,
        Self::ChampionOptionChanged,
        Self::ChampionNominated,
        Self::ChampionConfirmed,
        Self::ChampionDismissed,
        Self::ChampionSteppedDown,
        Self::TrainingModuleAdded,
        Self::TrainingRecorded,
        Self::TrainingImported,
        Self::RetentionChanged,
        Self::RetentionApplied,
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
            Self::PersonErased => "person_erased",
            Self::PersonReactivated => "person_reactivated",
            Self::ApiTokenCreated => "api_token_created",
            Self::ApiTokenRevoked => "api_token_revoked",
            Self::AuditLogExported => "audit_log_exported",
            Self::RosterImported => "roster_imported",
            Self::RosterExported => "roster_exported",
            Self::RosterPersonChanged => "roster_person_changed",
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
            Self::ReportPublished => "report_published",
            Self::ReportWithdrawn => "report_withdrawn",
            Self::PilotDecided => "pilot_decided",
            Self::ReadinessThresholdsChanged => "readiness_thresholds_changed",
            Self::FollowUpExtended => "follow_up_extended",
            Self::TeamVolunteered => "team_volunteered",
            Self::ChampionOptionChanged => "champion_option_changed",
            Self::ChampionNominated => "champion_nominated",
            Self::ChampionConfirmed => "champion_confirmed",
            Self::ChampionDismissed => "champion_dismissed",
            Self::ChampionSteppedDown => "champion_stepped_down",
            Self::TrainingModuleAdded => "training_module_added",
            Self::TrainingRecorded => "training_recorded",
            Self::TrainingImported => "training_imported",
            Self::RetentionChanged => "retention_changed",
            Self::RetentionApplied => "retention_applied",
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
            Self::PersonErased => "Erased a person on request",
            Self::PersonReactivated => "Reactivated a person",
            Self::ApiTokenCreated => "Created an API token",
            Self::ApiTokenRevoked => "Revoked an API token",
            Self::AuditLogExported => "Exported the audit log",
            Self::RosterImported => "Imported the roster",
            Self::RosterExported => "Exported the roster",
            Self::RosterPersonChanged => "Changed a person by importing the roster",
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
            Self::ReportPublished => "Published a pilot report",
            Self::ReportWithdrawn => "Withdrew a published report",
            Self::PilotDecided => "Recorded a pilot's decision",
            Self::ReadinessThresholdsChanged => "Changed a pilot's readiness thresholds",
            Self::FollowUpExtended => "Started a new follow-up window",
            Self::TeamVolunteered => "Recorded a team volunteering (or not) for a next wave",
            Self::ChampionOptionChanged => {
                "Changed whether their entries may suggest them as a champion"
            }
            Self::ChampionNominated => "Nominated a colleague as a champion",
            Self::ChampionConfirmed => "Confirmed a champion",
            Self::ChampionDismissed => "Dismissed a champion candidate",
            Self::ChampionSteppedDown => "Stepped down as a champion",
            Self::TrainingModuleAdded => "Added a training module",
            Self::TrainingRecorded => "Recorded a manager's training status",
            Self::TrainingImported => "Imported training statuses",
            Self::RetentionChanged => "Changed how long entries are kept",
            Self::RetentionApplied => "Deleted entries past their retention",
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
}
