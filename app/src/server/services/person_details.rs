//! Editing a person's details: name, team (keeping the history), manager, time zone, pattern.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::{
    domain::{
        access::Action,
        account::{DisplayName, Email},
        audit::AuditAction,
        org::{TimeZoneName, WorkingPattern},
    },
    error::AppError,
    server::{
        repo::{
            self,
            audit::{Actor, Entry},
            person_details::Details,
        },
        tx,
    },
    wire::person_details::PersonInput,
};

/// Changes a person's details; a team change closes the old membership and opens a new one.
pub async fn edit_person(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    id: i64,
    input: &PersonInput,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    super::authorize(&actor, Action::ChangePeople)?;
    tx::write(db, async |tx| {
        let email = repo::person_details::email_of(tx, id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("person {id}")))?;
        let name = DisplayName::parse(&input.name)?;
        let time_zone = TimeZoneName::parse(&input.time_zone)?;
        let pattern = WorkingPattern::parse(&input.working_pattern)?;
        let manager_id = person_by_email(tx, "manager_email", &input.manager_email).await?;
        if manager_id == Some(id) {
            return Err(AppError::validation(
                "manager_email",
                "a person cannot be their own manager",
            ));
        }
        let team_id = match input.team.trim() {
            "" => None,
            team_name => Some(
                repo::teams::find_by_name(tx, team_name)
                    .await?
                    .filter(|team| team.active)
                    .ok_or_else(|| {
                        AppError::validation(
                            "team",
                            format!("there is no active team '{team_name}'"),
                        )
                    })?
                    .id,
            ),
        };
        let details = Details {
            name: name.as_str(),
            manager_id,
            time_zone: time_zone.as_str(),
            working_pattern: pattern.as_str(),
        };
        repo::person_details::update(tx, id, &details, now).await?;
        if repo::memberships::current_team(tx, id).await? != team_id {
            repo::memberships::move_to(tx, id, team_id, now).await?;
        }
        let entry = Entry::new(actor, AuditAction::PersonEdited, "person")
            .object(id)
            .detail(email);
        repo::audit::record(tx, entry, now).await
    })
    .await
}

/// The id of the person with the email typed into `field`; None when it is empty.
pub(super) async fn person_by_email(
    db: &impl ConnectionTrait,
    field: &'static str,
    email: &str,
) -> Result<Option<i64>, AppError> {
    if email.trim().is_empty() {
        return Ok(None);
    }
    let email = Email::parse(email).map_err(|error| AppError::validation(field, error.message))?;
    let id = repo::person_details::id_by_email(db, email.as_str())
        .await?
        .ok_or_else(|| {
            AppError::validation(field, format!("nobody has the email {}", email.as_str()))
        })?;
    Ok(Some(id))
}
