//! Who may do what: one table of role × action that every server function and JSON handler
//! reaches through its service, so the two surfaces cannot drift apart.

use super::account::Role;

/// Everything a caller can ask the product to do, grouped by what it touches. A new use case
/// picks one of these (or adds one here, with its row in [`allows`] and a test).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Read their own account and enrollments; sign out.
    UseOwnAccount,
    /// Change their own account: a new password, ending every session, withdrawing from a pilot.
    ChangeOwnAccount,
    /// Consent to a pilot through a team's link (a change, so not with a read-only token).
    JoinPilot,
    /// Departments and teams, with counts of members (no names).
    ReadOrganisation,
    /// Create, rename, (de)activate departments and teams; import the roster.
    ChangeOrganisation,
    /// People by name and email, roster exports and previews, import progress.
    ReadPeople,
    /// Invite, edit, change roles, (de)activate, issue password links.
    ChangePeople,
    /// Pilots with their protocol, stage and participation counts.
    ReadPilots,
    /// Create pilots, change protocols, move stages, add and remove teams, renew links.
    ChangePilots,
    /// The audit log and its export.
    ReadAudit,
    /// Outgoing mail waiting to be passed on.
    ReadMail,
    /// API tokens: list.
    ReadTokens,
    /// API tokens: create and revoke.
    ChangeTokens,
    /// Versions, database and migrations of this instance.
    ReadInstance,
    /// Write one's own entries: check in, answer a pulse, delete an entry, set reminders (the
    /// service checks that the caller is an enrolled, consenting member of a running pilot).
    WriteOwnEntries,
    /// Read the charter, decision log and participation of a team the caller belongs to (the
    /// service checks the team).
    ReadTeamRecords,
    /// Log a decision in one's own team, and (team managers) edit its charter.
    KeepTeamRecords,
    /// HR's side of capture: open and close pulses, import metrics and decisions, define custom
    /// metrics and process types.
    ChangeCapture,
    /// Champion candidates with their scores, every manager's training status and who misses
    /// which module (HR only: nobody else sees a person's score or missing training).
    ReadChampions,
    /// Confirm or dismiss candidates, add training modules, record or import anyone's training.
    ChangeChampions,
    /// Champion and training coverage of pilots and departments: shares and team names only.
    ReadCoverage,
    /// Nominate a colleague as a champion.
    WriteNomination,
    /// A team manager records their own training status.
    WriteOwnTraining,
}

impl Action {
    /// Changes need a session or a write-scoped API token.
    pub fn is_write(self) -> bool {
        matches!(
            self,
            Self::JoinPilot
                | Self::ChangeOwnAccount
                | Self::WriteOwnEntries
                | Self::KeepTeamRecords
                | Self::ChangeCapture
                | Self::ChangeChampions
                | Self::WriteNomination
                | Self::WriteOwnTraining
                | Self::ChangeOrganisation
                | Self::ChangePeople
                | Self::ChangePilots
                | Self::ChangeTokens
        )
    }
}

/// Whether `role` may do `action` (the credential's scope is checked apart, see
/// [`Action::is_write`]). Executives read the organisation and pilots, never people by name.
pub fn allows(role: Role, action: Action) -> bool {
    match action {
        Action::UseOwnAccount
        | Action::ChangeOwnAccount
        | Action::JoinPilot
        | Action::ReadTeamRecords => true,
        // An executive writes nothing a pilot measures.
        Action::WriteOwnEntries
        | Action::KeepTeamRecords
        | Action::WriteNomination
        | Action::WriteOwnTraining => role != Role::Executive,
        Action::ReadOrganisation | Action::ReadPilots | Action::ReadCoverage => {
            matches!(role, Role::Admin | Role::Executive)
        }
        Action::ChangeOrganisation
        | Action::ReadPeople
        | Action::ChangePeople
        | Action::ChangePilots
        | Action::ReadAudit
        | Action::ReadMail
        | Action::ReadTokens
        | Action::ChangeTokens
        | Action::ReadInstance
        | Action::ChangeCapture
        | Action::ReadChampions
        | Action::ChangeChampions => role == Role::Admin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Action; 23] = [
        Action::UseOwnAccount,
        Action::ChangeOwnAccount,
        Action::JoinPilot,
        Action::ReadOrganisation,
        Action::ChangeOrganisation,
        Action::ReadPeople,
        Action::ChangePeople,
        Action::ReadPilots,
        Action::ChangePilots,
        Action::ReadAudit,
        Action::ReadMail,
        Action::ReadTokens,
        Action::ChangeTokens,
        Action::ReadInstance,
        Action::WriteOwnEntries,
        Action::ReadTeamRecords,
        Action::KeepTeamRecords,
        Action::ChangeCapture,
        Action::ReadChampions,
        Action::ChangeChampions,
        Action::ReadCoverage,
        Action::WriteNomination,
        Action::WriteOwnTraining,
    ];

    #[test]
    fn admins_may_do_everything() {
        assert!(ALL.iter().all(|action| allows(Role::Admin, *action)));
    }

    #[test]
    fn executives_read_organisation_and_pilots_but_change_nothing_shared() {
        let allowed: Vec<Action> = ALL
            .into_iter()
            .filter(|action| allows(Role::Executive, *action))
            .collect();
        assert_eq!(
            allowed,
            [
                Action::UseOwnAccount,
                Action::ChangeOwnAccount,
                Action::JoinPilot,
                Action::ReadOrganisation,
                Action::ReadPilots,
                Action::ReadTeamRecords,
                Action::ReadCoverage
            ]
        );
    }

    #[test]
    fn participants_reach_their_own_account_entries_and_team_records() {
        let allowed: Vec<Action> = ALL
            .into_iter()
            .filter(|action| allows(Role::Participant, *action))
            .collect();
        assert_eq!(
            allowed,
            [
                Action::UseOwnAccount,
                Action::ChangeOwnAccount,
                Action::JoinPilot,
                Action::WriteOwnEntries,
                Action::ReadTeamRecords,
                Action::KeepTeamRecords,
                Action::WriteNomination,
                Action::WriteOwnTraining
            ]
        );
    }

    #[test]
    fn every_change_action_is_a_write_and_no_read_is() {
        for action in ALL {
            let name = format!("{action:?}");
            let named_as_change = ["Change", "Write", "Keep", "Join"]
                .iter()
                .any(|verb| name.starts_with(verb));
            assert_eq!(action.is_write(), named_as_change, "{action:?}");
        }
    }
}
