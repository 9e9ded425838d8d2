//! The audit log's vocabulary: what can happen, and one recorded event.

use chrono::{DateTime, Utc};
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
}

impl AuditAction {
    pub const ALL: [AuditAction; 31] = [
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
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|action| action.as_str() == value)
    }
}

/// One line of the audit log as readers see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AuditEvent {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// The email of whoever acted; none for the system or an unknown address.
    pub actor: Option<String>,
    pub action: String,
    pub object_type: String,
    pub object_id: Option<String>,
    pub detail: String,
}

#[cfg(test)]
mod tests {
    use super::*;

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
