//! HR erases a person on request (GDPR article 17): confirmation by typing their email, never
//! oneself nor the last admin, then one transaction that deletes their rows, leaves a pseudonym
//! wherever others' records must keep a trace, and audits the erasure.

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use super::people::{issuer, keep_an_admin};
use crate::{
    domain::{access::Action, audit::AuditAction},
    error::AppError,
    server::{
        repo::{
            self,
            audit::{Actor, Entry},
        },
        tx,
    },
    wire::people::ErasedPerson,
};

/// The stable name that stands for an erased person: the same in every record, and it tells
/// nothing the record's person id does not already.
pub fn pseudonym(person_id: i64) -> String {
    format!("erased person {person_id}")
}

pub async fn erase(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    person_id: i64,
    confirm: &str,
    now: DateTime<Utc>,
) -> Result<ErasedPerson, AppError> {
    super::authorize(&actor, Action::ChangePeople)?;
    tx::write(db, async |tx| {
        let person = repo::people::find(tx, person_id).await?;
        if !confirm.trim().eq_ignore_ascii_case(&person.email) {
            return Err(AppError::validation(
                "confirm",
                "type the person's email address to confirm the erasure",
            ));
        }
        if Some(person_id) == issuer(&actor) {
            return Err(AppError::Conflict(
                "you cannot erase yourself; ask another admin".into(),
            ));
        }
        keep_an_admin(tx, &person).await?;
        let pseudonym = pseudonym(person_id);
        let rows_deleted = repo::erasure::delete_own_rows(tx, person_id, &person.email).await?;
        repo::erasure::empty_person(tx, person_id, &pseudonym, now).await?;
        repo::erasure::pseudonymise_audit(
            tx,
            person_id,
            &person.email,
            &person.display_name,
            &pseudonym,
        )
        .await?;
        let entry = Entry::new(actor, AuditAction::PersonErased, "person")
            .object(person_id)
            .detail(format!(
                "{pseudonym}: {rows_deleted} rows deleted, name and email replaced"
            ));
        repo::audit::record(tx, entry, now).await?;
        Ok(ErasedPerson {
            person_id,
            pseudonym,
            rows_deleted: rows_deleted as i64,
        })
    })
    .await
}
