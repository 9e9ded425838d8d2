//! Who is calling (a person with a role, through a session or an API token) and the one check
//! every use case makes on them. Pure data, so the repository can record an actor without
//! depending on how callers are resolved from a request.

use super::{
    access::{allows, Action},
    account::{ApiScope, Role},
};
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub person_id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub credential: Credential,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// A browser (or API client) that signed in; the session is stored under this hash.
    Session { token_hash: String },
    /// An admin's API token, acting with its creator's rights within its scope.
    ApiToken { id: i64, scope: ApiScope },
}

impl Caller {
    /// The one access check of every use case: the role must allow `action`, and a change needs
    /// a session or a write-scoped token. 403 otherwise.
    pub fn authorize(&self, action: Action) -> Result<(), AppError> {
        if !allows(self.role, action) {
            return Err(AppError::Forbidden);
        }
        if action.is_write() {
            self.require_write()?;
        }
        Ok(())
    }

    /// Changes need a session or a write-scoped token.
    fn require_write(&self) -> Result<(), AppError> {
        match self.credential {
            Credential::ApiToken {
                scope: ApiScope::Read,
                ..
            } => Err(AppError::Forbidden),
            _ => Ok(()),
        }
    }

    pub fn session_hash(&self) -> Option<&str> {
        match &self.credential {
            Credential::Session { token_hash } => Some(token_hash),
            Credential::ApiToken { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(role: Role, credential: Credential) -> Caller {
        Caller {
            person_id: 1,
            email: "a@example.org".into(),
            display_name: "A".into(),
            role,
            credential,
        }
    }

    #[test]
    fn a_read_token_may_not_change_anything_but_a_session_may() {
        let read = caller(
            Role::Admin,
            Credential::ApiToken {
                id: 1,
                scope: ApiScope::Read,
            },
        );
        assert_eq!(read.require_write(), Err(AppError::Forbidden));
        let write = caller(
            Role::Admin,
            Credential::ApiToken {
                id: 1,
                scope: ApiScope::Write,
            },
        );
        assert!(write.require_write().is_ok());
        let session = caller(
            Role::Participant,
            Credential::Session {
                token_hash: "h".into(),
            },
        );
        assert!(session.require_write().is_ok());
    }

    #[test]
    fn authorize_checks_the_role_and_for_changes_the_token_scope() {
        let read_admin = caller(
            Role::Admin,
            Credential::ApiToken {
                id: 1,
                scope: ApiScope::Read,
            },
        );
        assert!(read_admin.authorize(Action::ReadPeople).is_ok());
        assert_eq!(
            read_admin.authorize(Action::ChangePeople),
            Err(AppError::Forbidden)
        );
        let participant = caller(
            Role::Participant,
            Credential::Session {
                token_hash: "h".into(),
            },
        );
        assert_eq!(
            participant.authorize(Action::ReadPilots),
            Err(AppError::Forbidden)
        );
        assert!(participant.authorize(Action::JoinPilot).is_ok());
    }

    #[test]
    fn executives_read_pilots_but_may_not_change_them() {
        let executive = caller(
            Role::Executive,
            Credential::Session {
                token_hash: "h".into(),
            },
        );
        assert!(executive.authorize(Action::ReadPilots).is_ok());
        assert_eq!(
            executive.authorize(Action::ChangePilots),
            Err(AppError::Forbidden)
        );
    }
}
