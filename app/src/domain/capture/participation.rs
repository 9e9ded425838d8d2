//! Participation per team and phase (METHOD.md sections 2, 3 and 7): check-ins received against
//! those expected on each consenting member's working days in the team, and the pulse response
//! rate. Counts only, per team only for teams of at least *k* frozen members, never per person.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::working_days::WorkingDays;
use crate::domain::pilot::Arm;

/// A team (or arm) whose check-in or pulse rate is under this share is flagged.
pub const FLAG_BELOW: f64 = 0.6;

/// A stretch of time a person was in a team: from the day they joined, up to (not including)
/// the day they left. A move dated D takes effect on D.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stay {
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
}

impl Stay {
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.joined_on <= date && self.left_on.is_none_or(|left| date < left)
    }
}

/// One person of the frozen membership, as participation sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub person_id: i64,
    /// Their team when the baseline started.
    pub team_id: i64,
    /// Consented to this pilot through that team and has not withdrawn.
    pub consenting: bool,
    pub working_days: WorkingDays,
    /// Their stays in that team (a person who left and came back has two).
    pub stays: Vec<Stay>,
}

/// What one phase brings: the days counted so far and who did what on them.
#[derive(Debug, Clone, Copy)]
pub struct PhaseFacts<'a> {
    pub first_day: NaiveDate,
    /// The window's last day, or today while the window is still running.
    pub last_day: NaiveDate,
    /// (person, date) pairs with a check-in measure (see `Measure::makes_checkin_day`).
    pub checkin_days: &'a HashSet<(i64, NaiveDate)>,
    /// People who answered the phase's pulse; `None` when no pulse was opened for it.
    pub pulse_responders: Option<&'a HashSet<i64>>,
}

/// One team's raw counts for a phase, before the privacy threshold is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    /// The frozen membership, withdrawn and moved people included (the privacy rule's count).
    pub members: i64,
    pub consenting: i64,
    pub checkins_received: i64,
    pub checkins_expected: i64,
    /// `None` when no pulse was opened for the phase.
    pub pulse_responses: Option<i64>,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.members += other.members;
        self.consenting += other.consenting;
        self.checkins_received += other.checkins_received;
        self.checkins_expected += other.checkins_expected;
        self.pulse_responses = match (self.pulse_responses, other.pulse_responses) {
            (None, None) => None,
            (mine, theirs) => Some(mine.unwrap_or(0) + theirs.unwrap_or(0)),
        };
    }
}

/// Each team's tally for one phase, by team id.
pub fn tally(members: &[Member], phase: &PhaseFacts<'_>) -> BTreeMap<i64, Tally> {
    let mut teams: BTreeMap<i64, Tally> = BTreeMap::new();
    for member in members {
        let team = teams.entry(member.team_id).or_default();
        team.members += 1;
        if phase.pulse_responders.is_some() && team.pulse_responses.is_none() {
            team.pulse_responses = Some(0);
        }
        if !member.consenting {
            continue;
        }
        team.consenting += 1;
        let expected_days = phase
            .first_day
            .iter_days()
            .take_while(|day| *day <= phase.last_day)
            .filter(|day| member.working_days.includes(*day))
            .filter(|day| member.stays.iter().any(|stay| stay.covers(*day)));
        for day in expected_days {
            team.checkins_expected += 1;
            if phase.checkin_days.contains(&(member.person_id, day)) {
                team.checkins_received += 1;
            }
        }
        if let Some(responders) = phase.pulse_responders {
            if responders.contains(&member.person_id) {
                *team.pulse_responses.get_or_insert(0) += 1;
            }
        }
    }
    teams
}

/// A group's participation in a phase as it may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum PhaseParticipation {
    Counts {
        /// Frozen members, withdrawn and moved people included.
        members: i64,
        /// Members who consented and have not withdrawn: the only ones counted below.
        consenting: i64,
        checkins_received: i64,
        checkins_expected: i64,
        /// received ÷ expected; null when no check-in was expected yet.
        checkin_rate: Option<f64>,
        /// Null when no pulse was opened for the phase.
        pulse_responses: Option<i64>,
        /// responses ÷ consenting members; null without a pulse or consenting members.
        pulse_rate: Option<f64>,
        /// A rate under 60 %.
        flagged: bool,
    },
    /// Fewer than `threshold` (the pilot's *k*) people in the frozen membership: no counts.
    FewerThan { threshold: i32 },
}

impl PhaseParticipation {
    pub fn of(tally: &Tally, k: i32) -> Self {
        if tally.members < i64::from(k) || tally.members == 0 {
            return Self::FewerThan { threshold: k };
        }
        let checkin_rate = rate(tally.checkins_received, tally.checkins_expected);
        let pulse_rate = tally
            .pulse_responses
            .and_then(|responses| rate(responses, tally.consenting));
        let flagged = [checkin_rate, pulse_rate]
            .into_iter()
            .flatten()
            .any(|rate| rate < FLAG_BELOW);
        Self::Counts {
            members: tally.members,
            consenting: tally.consenting,
            checkins_received: tally.checkins_received,
            checkins_expected: tally.checkins_expected,
            checkin_rate,
            pulse_responses: tally.pulse_responses,
            pulse_rate,
            flagged,
        }
    }

    pub fn is_flagged(&self) -> bool {
        matches!(self, Self::Counts { flagged: true, .. })
    }
}

fn rate(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// A rate as a page shows it: a whole percent, or a dash.
pub fn percent_label(rate: Option<f64>) -> String {
    rate.map_or_else(|| "–".to_string(), |rate| format!("{:.0} %", rate * 100.0))
}

/// One arm's participation in a phase: its kept teams together.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ArmPhaseParticipation {
    pub arm: Arm,
    /// Teams in the arm, and how many of them are counted (at least *k* frozen members).
    pub teams: i64,
    pub kept_teams: i64,
    pub participation: PhaseParticipation,
}

/// Each arm over its teams of at least *k* frozen members. A team under *k* is left out of its
/// arm too (as in METHOD.md section 7), so that subtracting the shown teams from the arm never
/// reveals it. An arm without teams is left out.
pub fn arms(teams: &[(Arm, Tally)], k: i32) -> Vec<ArmPhaseParticipation> {
    [Arm::Pilot, Arm::Comparison]
        .into_iter()
        .filter_map(|arm| {
            let of_arm: Vec<&Tally> = teams
                .iter()
                .filter(|(team_arm, _)| *team_arm == arm)
                .map(|(_, tally)| tally)
                .collect();
            if of_arm.is_empty() {
                return None;
            }
            let kept: Vec<&&Tally> = of_arm
                .iter()
                .filter(|tally| tally.members >= i64::from(k))
                .collect();
            let mut total = Tally::default();
            for tally in &kept {
                total.add(tally);
            }
            Some(ArmPhaseParticipation {
                arm,
                teams: of_arm.len() as i64,
                kept_teams: kept.len() as i64,
                participation: PhaseParticipation::of(&total, k),
            })
        })
        .collect()
}

#[cfg(test)]
#[path = "participation_tests.rs"]
mod tests;
