//! The "could this have been async?" audit: one answer per person and series, the series of a
//! person's recent meetings with their weekly hours, and a team's view of recurring series
//! (titles only when at least k team members attend and none marked it private).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::ParseError;

/// Could this series have been async?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuditAnswer {
    Yes,
    Partly,
    No,
}

impl AuditAnswer {
    pub const ALL: [Self; 3] = [Self::Yes, Self::Partly, Self::No];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Yes => "yes",
            Self::Partly => "partly",
            Self::No => "no",
        }
    }

    pub fn parse(value: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|answer| answer.as_str() == value.trim())
            .ok_or_else(|| ParseError::new("answer", "choose yes, partly or no"))
    }

    /// "Yes" and "partly" count as async-able.
    pub fn asyncable(self) -> bool {
        matches!(self, Self::Yes | Self::Partly)
    }
}

/// What the series is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    Decide,
    Inform,
    Discuss,
    Connect,
}

impl Purpose {
    pub const ALL: [Self; 4] = [Self::Decide, Self::Inform, Self::Discuss, Self::Connect];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Decide => "decide",
            Self::Inform => "inform",
            Self::Discuss => "discuss",
            Self::Connect => "connect",
        }
    }

    pub fn parse(value: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|purpose| purpose.as_str() == value.trim())
            .ok_or_else(|| ParseError::new("purpose", "choose decide, inform, discuss or connect"))
    }
}

/// A stored meeting as the audit reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredMeeting {
    pub person_id: i64,
    pub date: NaiveDate,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub key: String,
    pub recurring: bool,
    pub title: Option<String>,
    pub private: bool,
}

impl StoredMeeting {
    fn hours(&self) -> f64 {
        (self.end - self.start).num_seconds().max(0) as f64 / 3600.0
    }
}

/// How many weeks "the last weeks" of the audit are.
pub const AUDIT_WEEKS: i64 = 4;

/// One of the person's series (a one-off meeting is a series of one).
#[derive(Debug, Clone, PartialEq)]
pub struct OwnSeries {
    pub key: String,
    pub title: Option<String>,
    pub recurring: bool,
    pub instances: i64,
    pub weekly_hours: f64,
    pub last_date: NaiveDate,
}

/// The person's meetings grouped by series, most weekly hours first.
pub fn own_series(meetings: &[StoredMeeting], weeks: i64) -> Vec<OwnSeries> {
    let mut groups: BTreeMap<&str, OwnSeries> = BTreeMap::new();
    for meeting in meetings {
        let entry = groups.entry(&meeting.key).or_insert_with(|| OwnSeries {
            key: meeting.key.clone(),
            title: None,
            recurring: meeting.recurring,
            instances: 0,
            weekly_hours: 0.0,
            last_date: meeting.date,
        });
        entry.instances += 1;
        entry.weekly_hours += meeting.hours() / weeks.max(1) as f64;
        entry.recurring |= meeting.recurring;
        if meeting.date >= entry.last_date {
            entry.last_date = meeting.date;
            if !meeting.private {
                entry.title = meeting.title.clone().or(entry.title.take());
            }
        }
    }
    let mut list: Vec<OwnSeries> = groups.into_values().collect();
    list.sort_by(|a, b| {
        b.weekly_hours
            .total_cmp(&a.weekly_hours)
            .then_with(|| a.key.cmp(&b.key))
    });
    list
}

/// A recurring series as a team sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamSeries {
    /// None: "a recurring meeting" (fewer than k members attend, or one marked it private).
    pub title: Option<String>,
    pub members: i64,
    pub weekly_team_hours: f64,
    pub votes: i64,
    /// Share of votes saying yes or partly; None without votes.
    pub asyncable_share: Option<f64>,
}

/// The team's recurring series by total team hours per week. `votes` are (person, series,
/// answer) of the team's members.
pub fn team_series(
    meetings: &[StoredMeeting],
    votes: &[(i64, String, AuditAnswer)],
    weeks: i64,
    k: i64,
) -> Vec<TeamSeries> {
    struct Acc<'a> {
        people: BTreeSet<i64>,
        hours: f64,
        private: bool,
        title: Option<&'a str>,
    }
    let mut groups: BTreeMap<&str, Acc> = BTreeMap::new();
    for meeting in meetings.iter().filter(|m| m.recurring) {
        let acc = groups.entry(&meeting.key).or_insert(Acc {
            people: BTreeSet::new(),
            hours: 0.0,
            private: false,
            title: None,
        });
        acc.people.insert(meeting.person_id);
        acc.hours += meeting.hours();
        acc.private |= meeting.private;
        if acc.title.is_none() {
            acc.title = meeting.title.as_deref();
        }
    }
    let mut list: Vec<TeamSeries> = groups
        .into_iter()
        .map(|(key, acc)| {
            let answers: Vec<AuditAnswer> = votes
                .iter()
                .filter(|(_, series, _)| series == key)
                .map(|(_, _, answer)| *answer)
                .collect();
            let members = acc.people.len() as i64;
            TeamSeries {
                title: (members >= k && !acc.private)
                    .then(|| acc.title.map(str::to_string))
                    .flatten(),
                members,
                weekly_team_hours: acc.hours / weeks.max(1) as f64,
                votes: answers.len() as i64,
                asyncable_share: (!answers.is_empty()).then(|| {
                    answers.iter().filter(|a| a.asyncable()).count() as f64 / answers.len() as f64
                }),
            }
        })
        .collect();
    list.sort_by(|a, b| b.weekly_team_hours.total_cmp(&a.weekly_team_hours));
    list
}

/// Async-able meetings per day: meetings of series the person answered yes or partly.
pub fn asyncable_per_day(
    meetings: &[StoredMeeting],
    answers: &BTreeMap<String, AuditAnswer>,
) -> BTreeMap<NaiveDate, i64> {
    let mut days = BTreeMap::new();
    for meeting in meetings {
        let count = days.entry(meeting.date).or_insert(0);
        if answers.get(&meeting.key).is_some_and(|a| a.asyncable()) {
            *count += 1;
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting(person: i64, day: u32, key: &str, hours: i64, private: bool) -> StoredMeeting {
        let date = NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        let start = date.and_hms_opt(10, 0, 0).unwrap();
        StoredMeeting {
            person_id: person,
            date,
            start,
            end: start + chrono::TimeDelta::hours(hours),
            key: key.into(),
            recurring: true,
            title: Some(format!("{key} title")),
            private,
        }
    }

    #[test]
    fn own_series_show_weekly_hours_most_first() {
        let list = own_series(
            &[
                meeting(1, 2, "a", 1, false),
                meeting(1, 9, "a", 1, false),
                meeting(1, 3, "b", 4, false),
            ],
            4,
        );
        assert_eq!(list[0].key, "b");
        assert_eq!(list[0].weekly_hours, 1.0);
        assert_eq!(list[1].instances, 2);
        assert_eq!(list[1].weekly_hours, 0.5);
    }

    #[test]
    fn a_team_sees_a_title_only_from_k_members_and_none_private() {
        let mut meetings: Vec<StoredMeeting> =
            (1..=3).map(|p| meeting(p, 2, "sync", 1, false)).collect();
        meetings.extend((1..=2).map(|p| meeting(p, 2, "small", 1, false)));
        meetings.extend((1..=3).map(|p| meeting(p, 2, "secret", 1, p == 2)));
        let votes = vec![
            (1, "sync".to_string(), AuditAnswer::Yes),
            (2, "sync".to_string(), AuditAnswer::No),
        ];
        let list = team_series(&meetings, &votes, 1, 3);
        let titled: Vec<Option<&str>> = list.iter().map(|s| s.title.as_deref()).collect();
        assert!(titled.contains(&Some("sync title")));
        assert_eq!(titled.iter().filter(|t| t.is_none()).count(), 2);
        let sync = list
            .iter()
            .find(|s| s.title.as_deref() == Some("sync title"))
            .unwrap();
        assert_eq!(sync.asyncable_share, Some(0.5));
        assert_eq!(sync.weekly_team_hours, 3.0);
    }

    #[test]
    fn yes_and_partly_make_a_days_meetings_asyncable() {
        let meetings = [
            meeting(1, 2, "a", 1, false),
            meeting(1, 2, "b", 1, false),
            meeting(1, 3, "c", 1, false),
        ];
        let answers = BTreeMap::from([
            ("a".to_string(), AuditAnswer::Partly),
            ("b".to_string(), AuditAnswer::Yes),
            ("c".to_string(), AuditAnswer::No),
        ]);
        let days = asyncable_per_day(&meetings, &answers);
        assert_eq!(days.values().copied().collect::<Vec<_>>(), [2, 0]);
    }
}
