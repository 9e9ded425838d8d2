//! Every row about one person, table by table, for their download: the same generic read for
//! each table (its columns as the entity declares them), so a new column is never left out.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, IdenStatic, Iterable, QueryFilter,
};

use crate::{
    domain::personal_data::DataFile,
    error::AppError,
    server::entities::{
        account_link, audit_event, champion, champion_nomination, checkin, checkin_reminder,
        consent, entry, meeting, meeting_audit, person, pilot_member, pulse_response, session,
        team_membership, training_record,
    },
};

fn text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

async fn rows_of<E: EntityTrait + Default>(
    db: &impl ConnectionTrait,
    condition: Condition,
) -> Result<DataFile, AppError> {
    let columns: Vec<&str> = E::Column::iter().map(|column| column.as_str()).collect();
    let rows = E::find().filter(condition).into_json().all(db).await?;
    let rows = rows
        .iter()
        .map(|row| columns.iter().map(|column| text(&row[*column])).collect())
        .collect();
    Ok(DataFile::from_rows(
        E::default().table_name(),
        &columns,
        rows,
    ))
}

/// The person's profile, team history, entries, consents, check-ins, pulse answers, meetings,
/// pilot memberships, sessions, links and the audit events they did or that name them.
pub async fn files(db: &impl ConnectionTrait, person_id: i64) -> Result<Vec<DataFile>, AppError> {
    let theirs = |column: sea_orm::sea_query::SimpleExpr| Condition::all().add(column);
    Ok(vec![
        rows_of::<person::Entity>(db, theirs(person::Column::Id.eq(person_id))).await?,
        rows_of::<team_membership::Entity>(
            db,
            theirs(team_membership::Column::PersonId.eq(person_id)),
        )
        .await?,
        rows_of::<entry::Entity>(db, theirs(entry::Column::PersonId.eq(person_id))).await?,
        rows_of::<consent::Entity>(db, theirs(consent::Column::PersonId.eq(person_id))).await?,
        rows_of::<checkin::Entity>(db, theirs(checkin::Column::PersonId.eq(person_id))).await?,
        rows_of::<checkin_reminder::Entity>(
            db,
            theirs(checkin_reminder::Column::PersonId.eq(person_id)),
        )
        .await?,
        rows_of::<pulse_response::Entity>(
            db,
            theirs(pulse_response::Column::PersonId.eq(person_id)),
        )
        .await?,
        rows_of::<meeting::Entity>(db, theirs(meeting::Column::PersonId.eq(person_id))).await?,
        rows_of::<meeting_audit::Entity>(db, theirs(meeting_audit::Column::PersonId.eq(person_id)))
            .await?,
        rows_of::<pilot_member::Entity>(db, theirs(pilot_member::Column::PersonId.eq(person_id)))
            .await?,
        rows_of::<session::Entity>(db, theirs(session::Column::PersonId.eq(person_id))).await?,
        rows_of::<account_link::Entity>(db, theirs(account_link::Column::PersonId.eq(person_id)))
            .await?,
        rows_of::<champion::Entity>(db, theirs(champion::Column::PersonId.eq(person_id))).await?,
        // Nominations they wrote, and those about them whose nominator agreed to be named: who
        // nominated them is the nominator's to reveal (the account page shows the rest's reasons).
        rows_of::<champion_nomination::Entity>(
            db,
            Condition::any()
                .add(champion_nomination::Column::NominatorId.eq(person_id))
                .add(
                    Condition::all()
                        .add(champion_nomination::Column::NomineeId.eq(person_id))
                        .add(champion_nomination::Column::RevealNominator.eq(true)),
                ),
        )
        .await?,
        rows_of::<training_record::Entity>(
            db,
            theirs(training_record::Column::PersonId.eq(person_id)),
        )
        .await?,
        rows_of::<audit_event::Entity>(
            db,
            Condition::any()
                .add(audit_event::Column::ActorId.eq(person_id))
                .add(
                    Condition::all()
                        .add(audit_event::Column::ObjectType.eq("person"))
                        .add(audit_event::Column::ObjectId.eq(person_id.to_string())),
                ),
        )
        .await?,
    ])
}
