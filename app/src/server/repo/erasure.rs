//! Erasing a person (GDPR article 17): their own rows deleted, and their name and email, where
//! others' records must keep a trace of them (the audit log, what they created), replaced by a
//! pseudonym.

use sea_orm::{
    sea_query::{Expr, Func},
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
};

use crate::{
    error::AppError,
    server::entities::{
        account_link, audit_event, champion, champion_nomination, checkin, checkin_reminder,
        consent, entry, meeting, meeting_audit, outgoing_mail, person, pilot_member,
        pulse_response, session, sign_in_failure, team_membership, training_record,
    },
};

/// Deletes every row that is the person's own: entries, consents, check-ins, reminders, pulse
/// answers, meetings and their audit, pilot and team memberships, sessions and one-time links,
/// their champion standing, nominations by or of them, training records, mail to them and failed sign-ins under their email. Returns how many rows went.
pub async fn delete_own_rows(
    db: &impl ConnectionTrait,
    person_id: i64,
    email: &str,
) -> Result<u64, AppError> {
    let mut deleted = 0;
    macro_rules! delete_theirs {
        ($($table:ident),*) => {$(
            deleted += $table::Entity::delete_many()
                .filter($table::Column::PersonId.eq(person_id))
                .exec(db)
                .await?
                .rows_affected;
        )*};
    }
    delete_theirs!(
        entry,
        consent,
        checkin,
        checkin_reminder,
        pulse_response,
        meeting_audit,
        meeting,
        pilot_member,
        team_membership,
        session,
        account_link,
        champion,
        training_record
    );
    deleted += champion_nomination::Entity::delete_many()
        .filter(
            Condition::any()
                .add(champion_nomination::Column::NomineeId.eq(person_id))
                .add(champion_nomination::Column::NominatorId.eq(person_id)),
        )
        .exec(db)
        .await?
        .rows_affected;
    deleted += outgoing_mail::Entity::delete_many()
        .filter(outgoing_mail::Column::Recipient.eq(email))
        .exec(db)
        .await?
        .rows_affected;
    deleted += sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::Subject.eq(email))
        .exec(db)
        .await?
        .rows_affected;
    Ok(deleted)
}

/// The person row stays (others' records name it as creator), emptied: pseudonym for name, an
/// address nobody can own (`.invalid`) for email, no password, inactive.
pub async fn empty_person(
    db: &impl ConnectionTrait,
    person_id: i64,
    pseudonym: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    person::Entity::update_many()
        .col_expr(person::Column::DisplayName, Expr::value(pseudonym))
        .col_expr(
            person::Column::Email,
            Expr::value(format!("erased-{person_id}@erased.invalid")),
        )
        .col_expr(person::Column::PasswordHash, Expr::value(None::<String>))
        .col_expr(person::Column::Active, Expr::value(false))
        .col_expr(person::Column::ManagerId, Expr::value(None::<i64>))
        .col_expr(person::Column::UpdatedAt, Expr::value(now))
        .filter(person::Column::Id.eq(person_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Replaces `name` and `email` with `pseudonym` in the audit log: as the actor, and wherever an
/// event's detail spells them out.
pub async fn pseudonymise_audit(
    db: &impl ConnectionTrait,
    person_id: i64,
    email: &str,
    name: &str,
    pseudonym: &str,
) -> Result<(), AppError> {
    audit_event::Entity::update_many()
        .col_expr(audit_event::Column::ActorEmail, Expr::value(pseudonym))
        .filter(
            Condition::any()
                .add(audit_event::Column::ActorId.eq(person_id))
                .add(audit_event::Column::ActorEmail.eq(email)),
        )
        .exec(db)
        .await?;
    // A name of one or two letters would match inside unrelated words; the email always goes.
    let secrets = [Some(email), (name.chars().count() > 2).then_some(name)];
    for secret in secrets.into_iter().flatten() {
        audit_event::Entity::update_many()
            .col_expr(
                audit_event::Column::Detail,
                Func::cust("REPLACE")
                    .arg(Expr::col(audit_event::Column::Detail))
                    .arg(secret)
                    .arg(pseudonym)
                    .into(),
            )
            .filter(audit_event::Column::Detail.contains(secret))
            .exec(db)
            .await?;
    }
    Ok(())
}
