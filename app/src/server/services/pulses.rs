//! Pulse surveys: HR opens and closes them; a consenting member answers (again, to change the
//! answer, until it closes); a team manager rates the delivered work of their team's members.
//! Answers and ratings are entries (source `pulse`), dated the day of the first answer.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use super::{authorize, signed_in};
use crate::{
    domain::{
        access::Action,
        audit::AuditAction,
        capture::{
            measure::EntrySource,
            pulse::{
                check_dates, local_date, manager_rating, PulseAnswers, PulseStatus, STATEMENTS,
            },
        },
        pilot::PilotStage,
    },
    error::AppError,
    server::{
        repo::{
            self,
            audit::{Actor, Entry},
            entries::NewEntry,
            pulses::Pulse,
        },
        tx,
    },
    wire::pulses::{MemberToRate, MyPulse, PulseOpening, PulseSummary},
};

fn summary(pulse: Pulse, today: NaiveDate) -> PulseSummary {
    PulseSummary {
        id: pulse.id,
        pilot_id: pulse.pilot_id,
        phase: pulse.phase,
        opens_on: pulse.opens_on,
        closes_on: pulse.closes_on,
        status: status(&pulse, today),
        closed_at: pulse.closed_at,
        last_reminder_on: pulse.last_reminder_on,
    }
}

fn status(pulse: &Pulse, today: NaiveDate) -> PulseStatus {
    PulseStatus::on(
        pulse.opens_on,
        pulse.closes_on,
        pulse.closed_at.is_some(),
        today,
    )
}

/// Opens a pulse for the pilot's baseline or follow-up, between two days of that window.
pub async fn open(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    pilot_id: i64,
    input: &PulseOpening,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    authorize(&actor, Action::ChangeCapture)?;
    tx::write(db, async |tx| {
        let pilot = repo::pilots::get(tx, pilot_id).await?;
        if matches!(pilot.stage, PilotStage::Decided | PilotStage::Closed) {
            return Err(AppError::Conflict(format!(
                "the pilot is {}: it takes no more pulses",
                pilot.stage.label().to_lowercase()
            )));
        }
        check_dates(
            &pilot.protocol.plan,
            input.phase,
            input.opens_on,
            input.closes_on,
        )?;
        let created_by = match actor {
            Actor::Caller(caller) => Some(caller.person_id),
            _ => None,
        };
        let id = repo::pulses::insert(
            tx,
            pilot_id,
            input.phase,
            (input.opens_on, input.closes_on),
            created_by,
            now,
        )
        .await?;
        let detail = format!(
            "{} pulse of pilot {pilot_id}, {} to {}",
            input.phase.label(),
            input.opens_on,
            input.closes_on
        );
        let entry = Entry::new(actor, AuditAction::PulseOpened, "pulse")
            .object(id)
            .detail(detail);
        repo::audit::record(tx, entry, now).await?;
        Ok(id)
    })
    .await
}

/// Closes a pulse before its last day: no answer is taken after this.
pub async fn close(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    authorize(&actor, Action::ChangeCapture)?;
    tx::write(db, async |tx| {
        let pulse = repo::pulses::get(tx, id).await?;
        if pulse.closed_at.is_some() {
            return Err(AppError::Conflict("this pulse is closed already".into()));
        }
        repo::pulses::close(tx, id, now).await?;
        let entry = Entry::new(actor, AuditAction::PulseClosed, "pulse")
            .object(id)
            .detail(format!(
                "{} pulse of pilot {}",
                pulse.phase.label(),
                pulse.pilot_id
            ));
        repo::audit::record(tx, entry, now).await
    })
    .await
}

/// The pilot's pulses as HR sees them (dates and status; who answered is never listed).
pub async fn of_pilot(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    pilot_id: i64,
    today: NaiveDate,
) -> Result<Vec<PulseSummary>, AppError> {
    authorize(&actor, Action::ReadPilots)?;
    repo::pilots::get(db, pilot_id).await?;
    Ok(repo::pulses::of_pilot(db, pilot_id)
        .await?
        .into_iter()
        .map(|pulse| summary(pulse, today))
        .collect())
}

/// The pulses open today (the caller's local date) that the caller answers or, as a team
/// manager, rates in.
pub async fn mine(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<Vec<MyPulse>, AppError> {
    authorize(&actor, Action::UseOwnAccount)?;
    let me = signed_in(&actor)?.person_id;
    let person = repo::people::find(db, me).await?;
    let today = local_date(&person.time_zone, now);
    let mut mine = Vec::new();
    let champions: Vec<i64> = repo::champions::confirmed(db)
        .await?
        .into_iter()
        .map(|(person, ..)| person)
        .collect();
    for pulse in repo::pulses::running_around(db, today).await? {
        if status(&pulse, today) != PulseStatus::Open {
            continue;
        }
        let member = repo::pulses::consenting_team(db, pulse.pilot_id, me)
            .await?
            .is_some();
        let to_rate = repo::pulses::managed_members(db, pulse.pilot_id, me).await?;
        if !member && to_rate.is_empty() {
            continue;
        }
        let answered = repo::pulse_responses::response(db, pulse.id, me, None).await?;
        let answers = match answered {
            Some(response) => own_answers(db, me, response.entry_date).await?,
            None => None,
        };
        let rated: Vec<i64> = repo::pulse_responses::ratings_by(db, pulse.id, me)
            .await?
            .into_iter()
            .map(|(person, _)| person)
            .collect();
        let pilot = repo::pilots::get(db, pulse.pilot_id).await?;
        mine.push(MyPulse {
            id: pulse.id,
            pilot_id: pulse.pilot_id,
            pilot: pilot.protocol.name,
            phase: pulse.phase,
            opens_on: pulse.opens_on,
            closes_on: pulse.closes_on,
            status: PulseStatus::Open,
            answers: if member { answers } else { None },
            answered_on: answered.filter(|_| member).map(|r| r.entry_date),
            members_to_rate: to_rate
                .into_iter()
                .map(|(person_id, name, team)| MemberToRate {
                    person_id,
                    name,
                    team,
                    rated: rated.contains(&person_id),
                    champion: champions.contains(&person_id),
                })
                .collect(),
            statements: STATEMENTS
                .iter()
                .map(|(_, text)| text.to_string())
                .collect(),
            can_answer: member,
        });
    }
    Ok(mine)
}

/// The caller's own pulse answer as stored on `date` (their entries only).
async fn own_answers(
    db: &impl ConnectionTrait,
    me: i64,
    date: NaiveDate,
) -> Result<Option<PulseAnswers>, AppError> {
    let entries = repo::entries::of_person(db, me, date, date).await?;
    Ok(PulseAnswers::from_entries(
        entries
            .iter()
            .filter(|entry| entry.source == EntrySource::Pulse)
            .map(|entry| {
                (
                    entry.measure.as_str(),
                    entry.qualifier.as_str(),
                    entry.value,
                )
            }),
    ))
}

/// The pulse, refused unless it is open on `today`.
async fn open_pulse(
    tx: &impl ConnectionTrait,
    id: i64,
    today: NaiveDate,
) -> Result<Pulse, AppError> {
    let pulse = repo::pulses::get(tx, id).await?;
    match status(&pulse, today) {
        PulseStatus::Open => Ok(pulse),
        PulseStatus::Scheduled => Err(AppError::Conflict(format!(
            "this pulse opens on {}",
            pulse.opens_on
        ))),
        PulseStatus::Closed => Err(AppError::Conflict(
            "this pulse is closed: answers can no longer be given or changed".into(),
        )),
    }
}

/// Stores the caller's answer; answering again replaces it (same date) until the pulse closes.
/// Returns the date the answer is stored under. Not audited: the audit log would tell HR who
/// answered when, which the consent page promises nobody sees.
pub async fn answer(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    pulse_id: i64,
    answers: &PulseAnswers,
    now: DateTime<Utc>,
) -> Result<NaiveDate, AppError> {
    authorize(&actor, Action::WriteOwnEntries)?;
    let me = signed_in(&actor)?.person_id;
    let values = answers.entries()?;
    tx::write(db, async |tx| {
        let person = repo::people::find(tx, me).await?;
        let today = local_date(&person.time_zone, now);
        let pulse = open_pulse(tx, pulse_id, today).await?;
        if repo::pulses::consenting_team(tx, pulse.pilot_id, me)
            .await?
            .is_none()
        {
            return Err(AppError::Conflict(
                "only consenting members of the pilot's teams answer its pulse".into(),
            ));
        }
        let date = record_response(tx, pulse.id, me, None, today, now).await?;
        let entries: Vec<NewEntry> = values
            .into_iter()
            .map(|value| NewEntry {
                person_id: me,
                date,
                value,
            })
            .collect();
        repo::entries::upsert(tx, &entries, EntrySource::Pulse, None, now).await?;
        Ok(date)
    })
    .await
}

/// The response row's date: the first answer's, kept on every later edit.
async fn record_response(
    tx: &impl ConnectionTrait,
    pulse_id: i64,
    person_id: i64,
    rated: Option<i64>,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<NaiveDate, AppError> {
    match repo::pulse_responses::response(tx, pulse_id, person_id, rated).await? {
        Some(existing) => {
            repo::pulse_responses::touch_response(tx, existing.id, now).await?;
            Ok(existing.entry_date)
        }
        None => {
            repo::pulse_responses::insert_response(tx, pulse_id, person_id, rated, today, now)
                .await?;
            Ok(today)
        }
    }
}

/// A team manager rates the delivered work of a member of a team they manage (the member's
/// entry `contribution_quality`/`manager`, written by the manager). Every member may be rated,
/// so that the form does not reveal who consented; a rating of someone who did not consent (or
/// withdrew) is accepted and not stored.
pub async fn rate(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    pulse_id: i64,
    member_id: i64,
    rating: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    authorize(&actor, Action::WriteOwnEntries)?;
    let me = signed_in(&actor)?.person_id;
    let value = manager_rating(rating)?;
    if member_id == me {
        return Err(AppError::validation(
            "person_id",
            "your own work goes in your own answer, not in a manager's rating",
        ));
    }
    tx::write(db, async |tx| {
        let person = repo::people::find(tx, me).await?;
        let today = local_date(&person.time_zone, now);
        let pulse = open_pulse(tx, pulse_id, today).await?;
        let Some(team) = repo::pulses::frozen_team(tx, pulse.pilot_id, member_id).await? else {
            return Err(AppError::NotFound(format!(
                "person {member_id} in this pilot's teams"
            )));
        };
        if repo::pulses::manager_of(tx, team).await? != Some(me) {
            return Err(AppError::Forbidden);
        }
        let date = record_response(tx, pulse.id, me, Some(member_id), today, now).await?;
        let consenting = repo::pulses::consenting_team(tx, pulse.pilot_id, member_id).await?;
        if consenting == Some(team) {
            let entry = NewEntry {
                person_id: member_id,
                date,
                value,
            };
            repo::entries::upsert(tx, &[entry], EntrySource::Pulse, Some(me), now).await?;
        }
        Ok(())
    })
    .await
}
