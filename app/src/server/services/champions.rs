//! Champions: one's own option and nominations, nominating a colleague, HR's decisions, stepping
//! down, the confirmed champions (for badges), a team's champions and coverage. The candidate
//! list with its scores is in `champion_candidates`.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use super::{authorize, signed_in};
use crate::{
    domain::{
        access::Action,
        account::Email,
        audit::AuditAction,
        champions::{
            is_candidate,
            nomination::{check_nominee, Reason},
            parse_note, ChampionStatus,
        },
        ParseError,
    },
    error::AppError,
    server::{
        repo::{
            self,
            audit::{Actor, Entry},
            champions::Nomination,
        },
        tx,
    },
    wire::champions::{
        CandidateDecisionInput, ChampionName, MyChampion, NominationInput, NominationReason,
    },
};

/// The caller's option, status and nominations (reasons without names unless allowed).
pub async fn mine(db: &impl ConnectionTrait, actor: Actor<'_>) -> Result<MyChampion, AppError> {
    authorize(&actor, Action::UseOwnAccount)?;
    let caller = signed_in(&actor)?;
    let standing = repo::champions::standing_of(db, caller.person_id).await?;
    let nominations =
        repo::champions::nominations(db, Some(std::slice::from_ref(&caller.person_id))).await?;
    let names = repo::champions::names(db, nominations.iter().map(|n| n.nominator_id)).await?;
    Ok(MyChampion {
        opted_in: standing.as_ref().and_then(|s| s.opted_in) == Some(true),
        status: standing.and_then(|s| s.status),
        nominations: nominations.len() as i64,
        may_nominate: authorize(&actor, Action::WriteNomination).is_ok(),
        reasons: nominations
            .into_iter()
            .map(|nomination| NominationReason {
                from: names
                    .get(&nomination.nominator_id)
                    .map(|(name, _)| name.clone())
                    .filter(|_| nomination.reveal_nominator),
                reason: nomination.reason,
            })
            .collect(),
    })
}

/// Turns the caller's champion option on or off; off takes them off the candidate list at once.
pub async fn set_opted_in(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    opted_in: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    authorize(&actor, Action::ChangeOwnAccount)?;
    let caller = signed_in(&actor)?;
    tx::write(db, async |tx| {
        repo::champions::set_opted_in(tx, caller.person_id, opted_in, now).await?;
        let entry = Entry::new(actor, AuditAction::ChampionOptionChanged, "person")
            .object(caller.person_id)
            .detail(if opted_in { "on" } else { "off" });
        repo::audit::record(tx, entry, now).await
    })
    .await
}

/// A confirmed champion steps down.
pub async fn step_down(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    authorize(&actor, Action::ChangeOwnAccount)?;
    let caller = signed_in(&actor)?;
    tx::write(db, async |tx| {
        let standing = repo::champions::standing_of(tx, caller.person_id).await?;
        if standing.and_then(|s| s.status) != Some(ChampionStatus::Confirmed) {
            return Err(AppError::Conflict(
                "you are not a confirmed champion".into(),
            ));
        }
        repo::champions::set_status(
            tx,
            caller.person_id,
            ChampionStatus::SteppedDown,
            None,
            Some(caller.person_id),
            now,
        )
        .await?;
        let entry =
            Entry::new(actor, AuditAction::ChampionSteppedDown, "person").object(caller.person_id);
        repo::audit::record(tx, entry, now).await
    })
    .await
}

/// Nominates a colleague of the organisation, with a sentence of why.
pub async fn nominate(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    input: &NominationInput,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    authorize(&actor, Action::WriteNomination)?;
    let caller = signed_in(&actor)?;
    let email = Email::parse(&input.email)?;
    let reason = Reason::parse(&input.reason)?;
    let nominee = repo::people::find_row_by_email(db, &email)
        .await?
        .filter(|row| row.active)
        .ok_or_else(|| ParseError::new("email", "nobody in the organisation has this email"))?;
    check_nominee(caller.person_id, nominee.id)?;
    let nomination = Nomination {
        nominee_id: nominee.id,
        nominator_id: caller.person_id,
        reason: reason.as_str().to_string(),
        reveal_nominator: input.reveal_nominator,
    };
    tx::write(db, async |tx| {
        repo::champions::nominate(tx, &nomination, now).await?;
        // The sentence stays out of the log; HR reads it on the candidate list.
        let entry = Entry::new(actor, AuditAction::ChampionNominated, "person").object(nominee.id);
        repo::audit::record(tx, entry, now).await
    })
    .await
}

/// HR confirms or dismisses a candidate, with an optional note.
pub async fn decide(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    person_id: i64,
    input: &CandidateDecisionInput,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    authorize(&actor, Action::ChangeChampions)?;
    let note = parse_note(input.note.as_deref())?;
    let status = input.decision.status();
    let decided_by = signed_in(&actor).ok().map(|caller| caller.person_id);
    tx::write(db, async |tx| {
        let person = repo::people::find_row(tx, person_id).await?;
        let standing = repo::champions::standing_of(tx, person_id).await?;
        let nominations = repo::champions::nominations(tx, Some(std::slice::from_ref(&person_id)))
            .await?
            .len() as i64;
        let opted_in = standing.as_ref().and_then(|s| s.opted_in);
        let decided_before = standing.as_ref().and_then(|s| s.status).is_some();
        if !is_candidate(opted_in, nominations) && !decided_before {
            return Err(AppError::Conflict(format!(
                "{} is not a candidate: they neither opted in nor were nominated",
                person.display_name
            )));
        }
        repo::champions::set_status(tx, person_id, status, note.clone(), decided_by, now).await?;
        let action = match status {
            ChampionStatus::Confirmed => AuditAction::ChampionConfirmed,
            _ => AuditAction::ChampionDismissed,
        };
        let entry = Entry::new(actor, action, "person")
            .object(person_id)
            .detail(match &note {
                Some(note) => format!("{}: {note}", person.email),
                None => person.email.clone(),
            });
        repo::audit::record(tx, entry, now).await
    })
    .await
}

/// The confirmed champions: their names carry a badge for everyone signed in.
pub async fn confirmed(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
) -> Result<Vec<ChampionName>, AppError> {
    authorize(&actor, Action::UseOwnAccount)?;
    Ok(repo::champions::confirmed(db)
        .await?
        .into_iter()
        .map(|(person_id, name, team)| ChampionName {
            person_id,
            name,
            team,
        })
        .collect())
}
