//! The report against hand-worked cases, and the privacy rule's promises: a fixture of teams
//! and entries here, the tests in `figures` (values, groups, privacy) and `findings` (trends,
//! pitfalls).

use chrono::NaiveDate;

use super::{
    assemble::build,
    input::{CharterRow, DecisionRow, EntryRow, ReportInput, TeamInput},
    shape::{GroupFigures, MetricReport, Phase, Report, ReportPilot, Window, Windows},
};
use crate::domain::{
    capture::{
        participation::{Member, Stay},
        working_days::WorkingDays,
    },
    metrics::Metric,
    pilot::Arm,
};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// Baseline 2026-03-02 .. 03-15, intervention .. 03-29, follow-up 03-30 .. 04-12; all Mondays.
fn windows() -> Windows {
    Windows {
        baseline: Window {
            first_day: day("2026-03-02"),
            last_day: day("2026-03-15"),
        },
        intervention: Window {
            first_day: day("2026-03-16"),
            last_day: day("2026-03-29"),
        },
        follow_up: Window {
            first_day: day("2026-03-30"),
            last_day: day("2026-04-12"),
        },
    }
}

struct Fixture {
    input: ReportInput,
    next_person: i64,
}

impl Fixture {
    fn new() -> Self {
        let input = ReportInput {
            pilot: ReportPilot {
                id: 1,
                name: "Written first".into(),
                hypothesis: "Fewer meetings".into(),
                primary_metric: "meeting_load".into(),
                guardrail_metrics: vec!["satisfaction_and_burnout".into()],
                stage: "review".into(),
                pilot_teams: 0,
                comparison_teams: 0,
            },
            privacy_k: 5,
            windows: windows(),
            today: day("2026-05-01"),
            primary: Metric::MeetingLoad,
            guardrails: vec![Metric::SatisfactionAndBurnout],
            custom_metrics: vec![],
            teams: vec![],
            members: vec![],
            entries: vec![],
            decisions: vec![],
            charters: vec![],
            people: Default::default(),
            index: Default::default(),
        };
        Self {
            input,
            next_person: 100,
        }
    }

    /// A team of `size` consenting people who stay all pilot long; returns their ids.
    fn team(&mut self, team_id: i64, arm: Arm, size: usize) -> Vec<i64> {
        self.input.teams.push(TeamInput {
            team_id,
            name: format!("Team {team_id}"),
            arm,
            frozen_members: size as i64,
        });
        (0..size)
            .map(|_| {
                self.next_person += 1;
                self.input.members.push(Member {
                    person_id: self.next_person,
                    team_id,
                    consenting: true,
                    working_days: WorkingDays::default(),
                    stays: vec![Stay {
                        joined_on: day("2025-01-01"),
                        left_on: None,
                    }],
                });
                self.next_person
            })
            .collect()
    }

    fn entry(&mut self, person_id: i64, date: &str, measure: &str, qualifier: &str, value: f64) {
        self.input.entries.push(EntryRow {
            person_id,
            date: day(date),
            measure: measure.into(),
            qualifier: qualifier.into(),
            value,
        });
    }

    /// Meeting hours per day: `before` on the baseline's first Monday, `after` on the
    /// follow-up's.
    fn meetings(&mut self, people: &[i64], before: f64, after: f64) {
        for &person in people {
            self.entry(person, "2026-03-02", "meeting_hours", "", before);
            self.entry(person, "2026-03-30", "meeting_hours", "", after);
        }
    }

    fn report(&self) -> Report {
        build(&self.input)
    }
}

fn metric<'a>(report: &'a Report, key: &str) -> &'a MetricReport {
    report
        .metrics
        .iter()
        .find(|metric| metric.metric == key)
        .expect(key)
}

fn figures(group: Option<&GroupFigures>) -> &crate::domain::stats::figures::Paired {
    group.and_then(GroupFigures::figures).expect("figures")
}

/// Two pilot teams whose meetings fall by 1 and 2 hours a day, two comparison teams by 0 and
/// by 0.5, and a pilot team of three that is left out.
fn four_teams_and_a_small_one() -> Fixture {
    let mut fixture = Fixture::new();
    let a = fixture.team(1, Arm::Pilot, 5);
    let b = fixture.team(2, Arm::Pilot, 5);
    let c = fixture.team(3, Arm::Comparison, 5);
    let d = fixture.team(4, Arm::Comparison, 5);
    let small = fixture.team(5, Arm::Pilot, 3);
    fixture.meetings(&a, 3.0, 2.0);
    fixture.meetings(&b, 4.0, 2.0);
    fixture.meetings(&c, 3.0, 3.0);
    fixture.meetings(&d, 2.0, 1.5);
    fixture.meetings(&small, 6.0, 0.0);
    fixture
}

mod figures;
mod findings;
