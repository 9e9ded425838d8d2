//! Participation of a pilot per phase: per team for those who run pilots, per arm for
//! executives; counts and rates only, per team only for teams of at least *k* frozen members.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sea_orm::ConnectionTrait;

use super::authorize;
use crate::{
    domain::{
        access::Action,
        capture::{
            participation::{arms, tally, PhaseFacts, PhaseParticipation, FLAG_BELOW},
            pulse::PulsePhase,
        },
        pilot::sees_each_team,
    },
    error::AppError,
    server::repo::{self, audit::Actor},
    wire::participation::{PhaseReport, PilotParticipation, TeamPhase},
};

/// The pilot's participation in its baseline and follow-up, counted up to `today`.
pub async fn of_pilot(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    pilot_id: i64,
    today: NaiveDate,
) -> Result<PilotParticipation, AppError> {
    authorize(&actor, Action::ReadPilots)?;
    let pilot = repo::pilots::get(db, pilot_id).await?;
    let k = pilot.protocol.privacy_k;
    let plan = pilot.protocol.plan;
    let sees_teams = match &actor {
        Actor::Caller(caller) => sees_each_team(caller.role),
        Actor::System => true,
        Actor::Person { .. } | Actor::Anonymous => false,
    };
    let teams = repo::pilot_teams::of_pilot(db, pilot_id).await?;
    let names = repo::pilot_teams::team_names(db, teams.iter().map(|team| team.team_id)).await?;
    let consenting: HashSet<(i64, i64)> = repo::pulses::consenting_members(db, pilot_id)
        .await?
        .into_iter()
        .collect();
    let members = repo::participation::members(db, pilot_id, &consenting).await?;
    let (first_day, _) = PulsePhase::Baseline.window(&plan);
    let (_, last_day) = PulsePhase::FollowUp.window(&plan);
    let checkin_days =
        repo::participation::checkin_days(db, pilot_id, first_day, last_day.min(today)).await?;
    let pulses = repo::pulses::of_pilot(db, pilot_id).await?;
    let pulse_ids: Vec<i64> = pulses.iter().map(|pulse| pulse.id).collect();
    let mut responders: HashMap<i64, HashSet<i64>> =
        pulse_ids.iter().map(|id| (*id, HashSet::new())).collect();
    for (pulse_id, person_id) in repo::pulse_responses::responders(db, &pulse_ids).await? {
        responders.entry(pulse_id).or_default().insert(person_id);
    }

    let mut phases = Vec::new();
    for phase in PulsePhase::ALL {
        let (first, last) = phase.window(&plan);
        let until = last.min(today);
        let phase_responders = pulses
            .iter()
            .find(|pulse| pulse.phase == phase)
            .and_then(|pulse| responders.get(&pulse.id));
        let facts = PhaseFacts {
            first_day: first,
            last_day: until,
            checkin_days: &checkin_days,
            pulse_responders: phase_responders,
        };
        let tallies = tally(&members, &facts);
        let of_team = |team_id: i64| tallies.get(&team_id).copied().unwrap_or_default();
        let arm_tallies: Vec<_> = teams
            .iter()
            .map(|team| (team.arm, of_team(team.team_id)))
            .collect();
        let team_rows = if sees_teams {
            teams
                .iter()
                .map(|team| TeamPhase {
                    team_id: team.team_id,
                    team: names.get(&team.team_id).cloned().unwrap_or_default(),
                    arm: team.arm,
                    participation: PhaseParticipation::of(&of_team(team.team_id), k),
                })
                .collect()
        } else {
            Vec::new()
        };
        phases.push(PhaseReport {
            phase,
            first_day: first,
            last_day: last,
            counted_until: (until >= first).then_some(until),
            teams: team_rows,
            arms: arms(&arm_tallies, k),
        });
    }
    Ok(PilotParticipation {
        pilot_id,
        privacy_k: k,
        membership_frozen: pilot.is_locked(),
        flag_below: FLAG_BELOW,
        phases,
    })
}
