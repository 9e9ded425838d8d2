//! HR's champion candidate list: who is on it (opted in, or nominated without turning the
//! option off), each signal as a percentile within their pilot's opted-in people, and the score.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use super::{authorize, reports};
use crate::{
    domain::{
        access::Action,
        champions::{
            is_candidate,
            score::{nominations_signal, score, training_signal, Signal, SCORING_RULES},
            signals::{entry_signals, EntrySignals},
        },
    },
    error::AppError,
    server::repo::{self, audit::Actor, champions::Standing},
    wire::champions::{Candidate, CandidateList, NominationReason, SignalView},
};

/// Every candidate, best score first (no score last), then by name.
pub async fn candidates(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<CandidateList, AppError> {
    authorize(&actor, Action::ReadChampions)?;
    let standings: HashMap<i64, Standing> = repo::champions::all_standings(db)
        .await?
        .into_iter()
        .map(|standing| (standing.person_id, standing))
        .collect();
    let nominations = repo::champions::nominations(db, None).await?;
    let mut count: HashMap<i64, i64> = HashMap::new();
    for nomination in &nominations {
        *count.entry(nomination.nominee_id).or_default() += 1;
    }
    let opted_in_of = |person: i64| standings.get(&person).and_then(|s| s.opted_in);
    let mut people: BTreeSet<i64> = standings.keys().copied().collect();
    people.extend(count.keys().copied());
    people.retain(|person| {
        is_candidate(
            opted_in_of(*person),
            count.get(person).copied().unwrap_or(0),
        )
    });
    let people: Vec<i64> = people.into_iter().collect();
    let opted_in: BTreeSet<i64> = standings
        .values()
        .filter(|standing| standing.opted_in == Some(true))
        .map(|standing| standing.person_id)
        .collect();

    let pilot_of = repo::champion_signals::latest_pilots(db, &people).await?;
    let mut signals_by_pilot: HashMap<i64, (String, EntrySignals)> = HashMap::new();
    let pilots: BTreeSet<i64> = people
        .iter()
        .filter(|person| opted_in.contains(person))
        .filter_map(|person| pilot_of.get(person).copied())
        .collect();
    for pilot_id in pilots {
        let pilot = repo::pilots::get(db, pilot_id).await?;
        let windows = reports::windows(&pilot);
        let input = reports::report_input(db, &pilot, windows, now.date_naive()).await?;
        let members: Vec<i64> = input
            .members
            .iter()
            .map(|member| member.person_id)
            .filter(|person| opted_in.contains(person))
            .collect();
        let start = windows
            .baseline
            .first_day
            .and_time(chrono::NaiveTime::MIN)
            .and_utc();
        let end = (windows.follow_up.last_day + chrono::Days::new(1))
            .and_time(chrono::NaiveTime::MIN)
            .and_utc();
        let logged = repo::champion_signals::logged_decisions(db, &members, start, end).await?;
        let opted: BTreeSet<i64> = members.into_iter().collect();
        let signals = tokio::task::spawn_blocking(move || entry_signals(input, &opted, &logged))
            .await
            .map_err(|error| AppError::internal("champion signals", error))?;
        signals_by_pilot.insert(pilot_id, (pilot.protocol.name.clone(), signals));
    }

    let managers: HashMap<i64, Vec<String>> = repo::training::managers(db)
        .await?
        .into_iter()
        .map(|(id, _, _, teams)| (id, teams))
        .collect();
    let required = repo::training::required_keys(db).await?;
    let completed =
        repo::training::completed_modules(db, &people.iter().copied().collect()).await?;
    let names = repo::champions::names(
        db,
        people
            .iter()
            .copied()
            .chain(nominations.iter().map(|n| n.nominator_id)),
    )
    .await?;
    let teams = repo::champions::current_team_names(db, &people).await?;

    let mut candidates: Vec<Candidate> = people
        .iter()
        .map(|&person| {
            let standing = standings.get(&person);
            let nominated = count.get(&person).copied().unwrap_or(0);
            let uses_entries = opted_in.contains(&person);
            let pilot = pilot_of
                .get(&person)
                .and_then(|id| signals_by_pilot.get(id));
            let manager = managers.contains_key(&person);
            let done = completed.get(&person);
            let mut views = Vec::new();
            for signal in Signal::ALL {
                let (value, explanation) = explain(
                    signal,
                    uses_entries,
                    pilot,
                    person,
                    nominated,
                    manager.then(|| {
                        let finished = required
                            .iter()
                            .filter(|module| done.is_some_and(|done| done.contains(*module)))
                            .count();
                        (finished, required.len())
                    }),
                );
                views.push(SignalView {
                    signal,
                    label: signal.label().to_string(),
                    value,
                    explanation,
                });
            }
            let values: Vec<Option<f64>> = views.iter().map(|view| view.value).collect();
            let (name, email) = names.get(&person).cloned().unwrap_or_default();
            Candidate {
                person_id: person,
                name,
                email,
                team: teams.get(&person).cloned(),
                pilot: pilot.map(|(name, _)| name.clone()),
                opted_in: uses_entries,
                manager,
                nominations: nominated,
                reasons: nominations
                    .iter()
                    .filter(|n| n.nominee_id == person)
                    .map(|n| NominationReason {
                        reason: n.reason.clone(),
                        from: names.get(&n.nominator_id).map(|(name, _)| name.clone()),
                    })
                    .collect(),
                score: score(&values),
                signals: views,
                status: standing.and_then(|s| s.status),
                note: standing.and_then(|s| s.note.clone()),
            }
        })
        .collect();
    candidates.sort_by(|a, b| {
        b.score
            .unwrap_or(-1.0)
            .total_cmp(&a.score.unwrap_or(-1.0))
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(CandidateList {
        rules: SCORING_RULES.to_string(),
        candidates,
    })
}

/// One signal's value and why, in words; never a raw value from someone's entries.
fn explain(
    signal: Signal,
    uses_entries: bool,
    pilot: Option<&(String, EntrySignals)>,
    person: i64,
    nominations: i64,
    training: Option<(usize, usize)>,
) -> (Option<f64>, String) {
    match signal {
        Signal::Nominations => (
            Some(nominations_signal(nominations)),
            format!(
                "{nominations} peer nomination{}; 3 or more score 100",
                if nominations == 1 { "" } else { "s" }
            ),
        ),
        Signal::Training => match training {
            None => (None, "not a team manager".into()),
            Some(_) if !uses_entries => (None, "did not opt in".into()),
            Some((done, required)) => (
                training_signal(done, required),
                format!("{done} of {required} required modules completed"),
            ),
        },
        _ if !uses_entries => (
            None,
            "did not opt in: none of their entries are used".into(),
        ),
        _ => match pilot {
            None => (None, "not a member of any pilot".into()),
            Some((name, signals)) => match signals.of(person, signal) {
                None => (None, format!("no data in {name}")),
                Some(percentile) => (
                    Some(percentile),
                    format!(
                        "a percentile among the {} opted-in people of {name} with a value",
                        signals.compared.get(&signal).copied().unwrap_or(0)
                    ),
                ),
            },
        },
    }
}
