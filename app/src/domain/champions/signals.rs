//! The entry signals of a pilot's opted-in people: their person values as METHOD.md section 3
//! defines them (computed by the report's own code, over the whole pilot as one period), turned
//! into percentiles among the opted-in people who have a value. Nobody else's entries are read.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use super::score::{percentiles, reply_pressure, Signal};
use crate::domain::report::{
    catalogue::ReportMetric,
    input::ReportInput,
    values::{values_by, Periods},
};

/// The pilot from its first baseline day to its last follow-up day, as one period.
struct WholePilot<'a>(&'a ReportInput);

impl Periods<()> for WholePilot<'_> {
    fn period_of(&self, date: NaiveDate) -> Option<()> {
        let windows = &self.0.windows;
        (windows.baseline.first_day <= date && date <= windows.follow_up.last_day).then_some(())
    }
    fn all(&self) -> Vec<()> {
        vec![()]
    }
    fn counted_days(&self, _: ()) -> (NaiveDate, NaiveDate) {
        let windows = &self.0.windows;
        (
            windows.baseline.first_day,
            windows.follow_up.last_day.min(self.0.today),
        )
    }
}

/// Percentiles of the entry signals, and how many people each compares.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct EntrySignals {
    pub percentiles: HashMap<(i64, Signal), f64>,
    pub compared: HashMap<Signal, usize>,
}

impl EntrySignals {
    pub fn of(&self, person: i64, signal: Signal) -> Option<f64> {
        self.percentiles.get(&(person, signal)).copied()
    }
}

/// The entry signals of `opted_in` people in the pilot of `input`. `logged` is (author,
/// documented) of the decisions they logged during the pilot.
pub fn entry_signals(
    mut input: ReportInput,
    opted_in: &BTreeSet<i64>,
    logged: &[(i64, bool)],
) -> EntrySignals {
    // The privacy promise in one line: people who did not opt in contribute nothing here.
    input
        .entries
        .retain(|entry| opted_in.contains(&entry.person_id));
    let values = values_by(&input, &WholePilot(&input));
    let person_values = |metric: ReportMetric, map: fn(f64) -> f64| -> Vec<(i64, f64)> {
        let mut found: Vec<(i64, f64)> = values
            .of(&metric)
            .map(|values| {
                values
                    .iter()
                    .filter(|((person, ()), _)| opted_in.contains(person))
                    .map(|((person, ()), value)| (*person, map(*value)))
                    .collect()
            })
            .unwrap_or_default();
        found.sort_by_key(|(person, _)| *person);
        found
    };
    let members: BTreeSet<i64> = input
        .members
        .iter()
        .filter(|member| member.consenting && opted_in.contains(&member.person_id))
        .map(|member| member.person_id)
        .collect();
    let mut documented: HashMap<i64, (f64, f64)> = HashMap::new();
    for (author, was_documented) in logged {
        if members.contains(author) {
            let tally = documented.entry(*author).or_default();
            tally.0 += if *was_documented { 1.0 } else { 0.0 };
            tally.1 += 1.0;
        }
    }
    let mut documented: Vec<(i64, f64)> = documented
        .into_iter()
        .map(|(person, (yes, all))| (person, yes / all))
        .collect();
    documented.sort_by_key(|(person, _)| *person);

    let raw = [
        (
            Signal::MeetingLoad,
            person_values(ReportMetric::MeetingLoad, |value| value),
        ),
        (
            Signal::DeepWorkProtection,
            person_values(ReportMetric::DeepWorkProtectionRate, |value| value),
        ),
        (Signal::DocumentedDecisions, documented),
        (
            Signal::ReplyPressure,
            person_values(ReportMetric::ResponseExpectationGap, reply_pressure),
        ),
        (
            Signal::CulturalAlignment,
            person_values(ReportMetric::CulturalAlignmentScore, |value| value),
        ),
    ];
    let mut signals = EntrySignals::default();
    for (signal, values) in raw {
        signals.compared.insert(signal, values.len());
        for (person, percentile) in percentiles(&values, signal.direction()) {
            signals.percentiles.insert((person, signal), percentile);
        }
    }
    signals
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{
        capture::{
            participation::{Member, Stay},
            working_days::WorkingDays,
        },
        metrics::Metric,
        report::{
            input::EntryRow,
            shape::{ReportPilot, Window, Windows},
        },
    };

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    /// Three consenting members of one team; the whole pilot runs 2026-03-02 .. 04-12.
    fn input(entries: Vec<EntryRow>) -> ReportInput {
        let window = |first: &str, last: &str| Window {
            first_day: day(first),
            last_day: day(last),
        };
        ReportInput {
            pilot: ReportPilot {
                id: 1,
                name: "Written first".into(),
                hypothesis: String::new(),
                primary_metric: "meeting_load".into(),
                guardrail_metrics: vec![],
                stage: "review".into(),
                pilot_teams: 1,
                comparison_teams: 0,
            },
            privacy_k: 3,
            windows: Windows {
                baseline: window("2026-03-02", "2026-03-15"),
                intervention: window("2026-03-16", "2026-03-29"),
                follow_up: window("2026-03-30", "2026-04-12"),
            },
            today: day("2026-05-01"),
            primary: Metric::MeetingLoad,
            guardrails: vec![],
            custom_metrics: vec![],
            teams: vec![],
            members: [1, 2, 3]
                .into_iter()
                .map(|person_id| Member {
                    person_id,
                    team_id: 7,
                    consenting: true,
                    working_days: WorkingDays::default(),
                    stays: vec![Stay {
                        joined_on: day("2025-01-01"),
                        left_on: None,
                    }],
                })
                .collect(),
            entries,
            decisions: vec![],
            charters: vec![],
            people: Default::default(),
            index: Default::default(),
        }
    }

    fn meeting_hours(person_id: i64, date: &str, value: f64) -> EntryRow {
        EntryRow {
            person_id,
            date: day(date),
            measure: "meeting_hours".into(),
            qualifier: String::new(),
            value,
        }
    }

    #[test]
    fn only_opted_in_people_are_compared_over_the_whole_pilot() {
        // Person 3 did not opt in: their very low meeting load must not move anyone's rank.
        let entries = vec![
            meeting_hours(1, "2026-03-02", 2.0),
            // The intervention counts too: the whole pilot is one period.
            meeting_hours(2, "2026-03-20", 4.0),
            meeting_hours(3, "2026-03-02", 0.0),
            // Outside the pilot: ignored.
            meeting_hours(2, "2026-06-01", 0.0),
        ];
        let opted_in = BTreeSet::from([1, 2]);
        let logged = [(1, true), (1, false), (3, true)];
        let signals = entry_signals(input(entries), &opted_in, &logged);
        assert_eq!(signals.of(1, Signal::MeetingLoad), Some(75.0));
        assert_eq!(signals.of(2, Signal::MeetingLoad), Some(25.0));
        assert_eq!(signals.of(3, Signal::MeetingLoad), None);
        assert_eq!(signals.compared[&Signal::MeetingLoad], 2);
        // Person 1 documented half of what they logged and is compared with nobody: 50.
        assert_eq!(signals.of(1, Signal::DocumentedDecisions), Some(50.0));
        assert_eq!(signals.of(3, Signal::DocumentedDecisions), None);
        assert_eq!(
            signals.of(1, Signal::CulturalAlignment),
            None,
            "no data: missing"
        );
    }
}
