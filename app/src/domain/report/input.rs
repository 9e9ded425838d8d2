//! What a report is computed from: the pilot's teams and frozen members, and the raw entries,
//! decisions and charters of those teams, as the repository reads them. Nothing here is
//! filtered yet: which entries count is decided in `values` (METHOD.md section 1).

use chrono::{DateTime, NaiveDate, Utc};

use super::{
    catalogue::ReportMetric,
    shape::{Phase, ReportPilot, Windows},
};
use crate::domain::{
    capture::{charter::Dated, participation::Member},
    metrics::Metric,
    pilot::Arm,
};

#[derive(Debug, Clone, PartialEq)]
pub struct TeamInput {
    pub team_id: i64,
    pub name: String,
    pub arm: Arm,
    /// People in the frozen membership, withdrawn and moved people included.
    pub frozen_members: i64,
}

/// One stored value (METHOD.md section 2).
#[derive(Debug, Clone, PartialEq)]
pub struct EntryRow {
    pub person_id: i64,
    pub date: NaiveDate,
    pub measure: String,
    pub qualifier: String,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DecisionRow {
    pub team_id: i64,
    pub raised_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub documented: bool,
}

/// One version of a team's charter: the reply time it states per channel.
#[derive(Debug, Clone, PartialEq)]
pub struct CharterRow {
    pub team_id: i64,
    pub version: i32,
    pub effective_from: NaiveDate,
    /// (channel, reply hours).
    pub channels: Vec<(String, f64)>,
}

impl Dated for CharterRow {
    fn version(&self) -> i32 {
        self.version
    }
    fn effective_from(&self) -> NaiveDate {
        self.effective_from
    }
}

/// What the equity splits need to know of a frozen member.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonFacts {
    /// `full_time`, `part_time` or `other`.
    pub working_pattern: String,
    /// Their time zone's offset from UTC, in hours, during the follow-up.
    pub utc_offset_hours: f64,
    /// They manage the team they are frozen in.
    pub manages_team: bool,
}

/// The offset from UTC of a time zone (an IANA name) at `at`, in hours; 0 for an unknown name.
pub fn utc_offset_hours(time_zone: &str, at: chrono::NaiveDateTime) -> f64 {
    use chrono::{Offset, TimeZone};
    time_zone
        .parse::<chrono_tz::Tz>()
        .map(|zone| f64::from(zone.offset_from_utc_datetime(&at).fix().local_minus_utc()) / 3600.0)
        .unwrap_or(0.0)
}

/// Not `Clone`: its index is built once from the data and would go stale in a changed copy.
#[derive(Debug)]
pub struct ReportInput {
    pub pilot: ReportPilot,
    pub privacy_k: i32,
    pub windows: Windows,
    /// The organisation's today: a running window is counted up to it.
    pub today: NaiveDate,
    pub primary: Metric,
    pub guardrails: Vec<Metric>,
    /// HR's own metrics (`ReportMetric::Custom`).
    pub custom_metrics: Vec<ReportMetric>,
    /// In the order reports list them.
    pub teams: Vec<TeamInput>,
    pub members: Vec<Member>,
    pub entries: Vec<EntryRow>,
    pub decisions: Vec<DecisionRow>,
    pub charters: Vec<CharterRow>,
    /// By person id; people missing here fall on no side of an equity split.
    pub people: std::collections::HashMap<i64, PersonFacts>,
    /// Built on first use from `teams` and `members`: leave it `Default::default()`.
    pub index: std::sync::OnceLock<TeamIndex>,
}

/// Who is where, looked up by id rather than by scanning (10,000 people, 1,000 teams).
#[derive(Debug, Default)]
pub struct TeamIndex {
    /// Consenting members per team, person ids ascending.
    consenting: std::collections::HashMap<i64, Vec<i64>>,
    arms: std::collections::HashMap<i64, Arm>,
    /// Position in `members` per person.
    members: std::collections::HashMap<i64, usize>,
}

impl ReportInput {
    fn index(&self) -> &TeamIndex {
        self.index.get_or_init(|| {
            let mut index = TeamIndex::default();
            for (position, member) in self.members.iter().enumerate() {
                index.members.insert(member.person_id, position);
                if member.consenting {
                    index
                        .consenting
                        .entry(member.team_id)
                        .or_default()
                        .push(member.person_id);
                }
            }
            for people in index.consenting.values_mut() {
                people.sort_unstable();
            }
            index.arms = self
                .teams
                .iter()
                .map(|team| (team.team_id, team.arm))
                .collect();
            index
        })
    }

    /// The team's consenting frozen members, person ids ascending.
    pub fn consenting_in(&self, team_id: i64) -> &[i64] {
        self.index()
            .consenting
            .get(&team_id)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    pub fn arm_of(&self, team_id: i64) -> Option<Arm> {
        self.index().arms.get(&team_id).copied()
    }

    /// A frozen member by person id.
    pub fn member(&self, person_id: i64) -> Option<&Member> {
        self.index()
            .members
            .get(&person_id)
            .map(|&position| &self.members[position])
    }

    /// The compared phase `date` falls in, if any (the intervention is kept but not compared).
    pub fn phase_of(&self, date: NaiveDate) -> Option<Phase> {
        let within = |window: &crate::domain::report::shape::Window| {
            window.first_day <= date && date <= window.last_day
        };
        if within(&self.windows.baseline) {
            Some(Phase::Baseline)
        } else if within(&self.windows.follow_up) {
            Some(Phase::FollowUp)
        } else {
            None
        }
    }

    /// The days of a phase counted so far: the window, cut at today while it runs.
    pub fn counted_days(&self, phase: Phase) -> (NaiveDate, NaiveDate) {
        let window = match phase {
            Phase::Baseline => self.windows.baseline,
            Phase::FollowUp => self.windows.follow_up,
        };
        (window.first_day, window.last_day.min(self.today))
    }

    pub fn interim(&self) -> bool {
        self.today <= self.windows.follow_up.last_day
    }
}
