//! The daily check-in: what the check-in page shows its caller, and storing a check-in. Only
//! the caller's own data is read or written here; a team is only ever shown as a count, and
//! only when it is at least the pilot's privacy threshold.

use chrono::{DateTime, Days, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use super::{authorize, checkin_reminders, own_entries::to_wire};
use crate::{
    domain::{
        access::Action,
        capture::{
            calendar::{earliest_editable, local_now, week_start, WorkingDays},
            checkin::CheckinForm,
            gate::{self, ConsentFacts},
            measure::{EntrySource, PartOfDay},
        },
    },
    error::AppError,
    server::{
        auth::caller::Caller,
        repo::{self, audit::Actor, entries::NewEntry},
        tx,
    },
    wire::checkin::{CheckinOverview, CheckinPilot, CheckinReceipt, TeamWeek},
};

/// Days of own entries the check-in page lists.
const RECENT_DAYS: u64 = 14;

/// The consent the person checks in under, or 409 saying why they cannot.
async fn admitted(db: &impl ConnectionTrait, person_id: i64) -> Result<ConsentFacts, AppError> {
    let facts = repo::checkins::consent_facts(db, person_id).await?;
    gate::admit(&facts).cloned().map_err(AppError::Conflict)
}

/// Stores the caller's check-in: the `checkins` row and its values, in one transaction. The
/// same day submitted again (a second tap, a retry) replaces the values and keeps one row each.
/// No audit entry: who checked in when is itself personal data nobody else may read.
pub async fn submit(
    db: &DatabaseConnection,
    caller: &Caller,
    form: &CheckinForm,
    now: DateTime<Utc>,
) -> Result<CheckinReceipt, AppError> {
    authorize(&Actor::Caller(caller), Action::WriteOwnEntries)?;
    let person = repo::people::find_row(db, caller.person_id).await?;
    let checkin = form.parse(local_now(&person.time_zone, now))?;
    let entries: Vec<NewEntry> = checkin
        .values
        .iter()
        .map(|value| NewEntry {
            person_id: caller.person_id,
            date: checkin.date,
            value: value.clone(),
        })
        .collect();
    tx::write(db, async |tx| {
        // The write comes first: on SQLite a transaction that read before writing cannot wait
        // for a concurrent writer and fails at once; one that writes first waits its turn.
        repo::checkins::record(tx, caller.person_id, checkin.date, checkin.part_of_day, now)
            .await?;
        admitted(tx, caller.person_id).await?;
        repo::entries::upsert(tx, &entries, EntrySource::Checkin, None, now).await
    })
    .await?;
    Ok(CheckinReceipt {
        date: checkin.date,
        part_of_day: checkin.part_of_day,
        values: entries.len() as i64,
    })
}

/// What the check-in page shows: whether the caller can check in (and why not), their own
/// last 14 days, their team's participation this week and their reminder setting.
pub async fn overview(
    db: &impl ConnectionTrait,
    caller: &Caller,
    now: DateTime<Utc>,
) -> Result<CheckinOverview, AppError> {
    authorize(&Actor::Caller(caller), Action::UseOwnAccount)?;
    let person = repo::people::find_row(db, caller.person_id).await?;
    let clock = local_now(&person.time_zone, now);
    let today = clock.date();
    let first = today
        .checked_sub_days(Days::new(RECENT_DAYS - 1))
        .unwrap_or(today);
    let recent = repo::own_entries::list(db, caller.person_id, Some(first), Some(today)).await?;
    let done_today = recent
        .iter()
        .any(|entry| entry.date == today && repo::checkins::is_checkin_measure(&entry.measure));
    let facts = repo::checkins::consent_facts(db, caller.person_id).await?;
    let (pilot, refusal, team_week) = match gate::admit(&facts) {
        Ok(consent) => {
            let teams = repo::pilot_teams::team_names(db, [consent.team_id]).await?;
            let week = team_week(db, consent, today).await?;
            let pilot = CheckinPilot {
                pilot_id: consent.pilot_id,
                pilot: consent.pilot.clone(),
                stage: consent.stage,
                team: teams.get(&consent.team_id).cloned().unwrap_or_default(),
            };
            (Some(pilot), None, Some(week))
        }
        Err(reason) => (None, Some(reason), None),
    };
    Ok(CheckinOverview {
        pilot,
        refusal,
        today,
        earliest: earliest_editable(today),
        part_of_day_now: PartOfDay::of_time(clock.time()),
        done_today,
        recent: recent.into_iter().map(to_wire).collect(),
        team_week,
        reminder: checkin_reminders::settings_of(db, caller.person_id).await?,
    })
}

/// Check-in days ÷ working days expected of the team's consenting members, from Monday to
/// today, counted only when the team's frozen membership is at least the pilot's k.
async fn team_week(
    db: &impl ConnectionTrait,
    consent: &ConsentFacts,
    today: NaiveDate,
) -> Result<TeamWeek, AppError> {
    let pilot = repo::pilots::get(db, consent.pilot_id).await?;
    let threshold = pilot.protocol.privacy_k;
    let size = repo::checkins::frozen_team_size(db, consent.pilot_id, consent.team_id).await?;
    if size < u64::try_from(threshold).unwrap_or(u64::MAX) {
        return Ok(TeamWeek::FewerThan { threshold });
    }
    let monday = week_start(today);
    let members = repo::checkins::consenting_members(db, consent.pilot_id, consent.team_id).await?;
    let ids: Vec<i64> = members.iter().map(|(id, _)| *id).collect();
    let days = repo::checkins::checkin_days(db, &ids, monday, today).await?;
    let mut checkin_days = 0;
    let mut expected_days = 0;
    for (id, stored) in &members {
        let working = WorkingDays::parse(stored);
        expected_days += working.count_between(monday, today);
        checkin_days += days
            .iter()
            .filter(|(person, day)| person == id && working.includes(*day))
            .count() as i64;
    }
    Ok(TeamWeek::Counts {
        checkin_days,
        expected_days,
    })
}
