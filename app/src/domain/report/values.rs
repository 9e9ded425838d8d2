//! Person–phase and team–phase values (METHOD.md sections 1 and 3): which entries count, and
//! what each metric makes of them. A value is absent, never zero, when it is not defined. The
//! same formulas serve any period: the two phases, or the weeks of the trend lines.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::Hash;

use chrono::{Datelike, NaiveDate};

use super::{
    catalogue::ReportMetric,
    input::{CharterRow, ReportInput},
    shape::Phase,
};
use crate::domain::{
    capture::{charter::in_force_on, participation::Member},
    stats::describe::{mean, median},
};

/// (person or team id, period) → value, for one metric.
pub type PeriodValues<P> = HashMap<(i64, P), f64>;
/// (person or team id, phase) → value, for one metric.
pub type PhaseValues = PeriodValues<Phase>;

/// A person's energy in one heatmap cell: (weekday 0 = Monday, part of day) → values.
pub type EnergyCells = BTreeMap<(u32, String), Vec<f64>>;

/// Everything one person wrote in one phase that counts.
#[derive(Debug, Default)]
struct Gathered {
    energy: Vec<f64>,
    energy_cells: EnergyCells,
    planned: BTreeMap<NaiveDate, f64>,
    achieved: BTreeMap<NaiveDate, f64>,
    meeting_hours: Vec<f64>,
    calendar_focus_hours: Vec<f64>,
    meetings: BTreeMap<NaiveDate, f64>,
    asyncable: BTreeMap<NaiveDate, f64>,
    /// (date, channel, felt hours).
    felt_reply: Vec<(NaiveDate, String, f64)>,
    contribution_quality: Vec<f64>,
    cultural_alignment: Vec<f64>,
    satisfaction: Vec<f64>,
    burnout: Vec<f64>,
    custom: BTreeMap<String, Vec<f64>>,
    checkin_days: BTreeSet<NaiveDate>,
}

/// The values of every person metric per period, and each person's energy cells.
pub struct PersonValues<P = Phase> {
    by_metric: HashMap<String, PeriodValues<P>>,
    pub energy_cells: HashMap<(i64, P), EnergyCells>,
}

impl<P> PersonValues<P> {
    pub fn of(&self, metric: &ReportMetric) -> Option<&PeriodValues<P>> {
        self.by_metric.get(&metric.key())
    }
}

/// How a report cuts time: which period a date counts in, and the days of a period counted so
/// far (for participation's denominator).
pub trait Periods<P> {
    fn period_of(&self, date: NaiveDate) -> Option<P>;
    fn all(&self) -> Vec<P>;
    fn counted_days(&self, period: P) -> (NaiveDate, NaiveDate);
}

/// The baseline and the follow-up.
pub struct Phases<'a>(pub &'a ReportInput);

impl Periods<Phase> for Phases<'_> {
    fn period_of(&self, date: NaiveDate) -> Option<Phase> {
        self.0.phase_of(date)
    }
    fn all(&self) -> Vec<Phase> {
        Phase::BOTH.to_vec()
    }
    fn counted_days(&self, phase: Phase) -> (NaiveDate, NaiveDate) {
        self.0.counted_days(phase)
    }
}

/// The member an entry belongs to, if it counts: consenting, and in their frozen team that day.
pub fn counting_member<'a>(
    members: &'a HashMap<i64, &'a Member>,
    person_id: i64,
    date: NaiveDate,
) -> Option<&'a Member> {
    members
        .get(&person_id)
        .copied()
        .filter(|member| member.consenting && member.stays.iter().any(|stay| stay.covers(date)))
}

pub fn person_values(input: &ReportInput) -> PersonValues {
    values_by(input, &Phases(input))
}

/// Every person metric per person and period.
pub fn values_by<P: Copy + Eq + Hash>(
    input: &ReportInput,
    periods: &impl Periods<P>,
) -> PersonValues<P> {
    let members: HashMap<i64, &Member> = input
        .members
        .iter()
        .map(|member| (member.person_id, member))
        .collect();
    let mut gathered: HashMap<(i64, P), Gathered> = HashMap::new();
    for entry in &input.entries {
        let Some(phase) = periods.period_of(entry.date) else {
            continue;
        };
        if counting_member(&members, entry.person_id, entry.date).is_none() {
            continue;
        }
        let into = gathered.entry((entry.person_id, phase)).or_default();
        let (date, value) = (entry.date, entry.value);
        match entry.measure.as_str() {
            "energy" => {
                into.energy.push(value);
                let cell = (
                    date.weekday().num_days_from_monday(),
                    entry.qualifier.clone(),
                );
                into.energy_cells.entry(cell).or_default().push(value);
                into.checkin_days.insert(date);
            }
            "focus_planned_hours" => {
                into.planned.insert(date, value);
                into.checkin_days.insert(date);
            }
            "focus_achieved_hours" => {
                into.achieved.insert(date, value);
                into.checkin_days.insert(date);
            }
            "felt_reply_hours" => {
                into.felt_reply.push((date, entry.qualifier.clone(), value));
                into.checkin_days.insert(date);
            }
            "meeting_hours" => into.meeting_hours.push(value),
            "calendar_focus_hours" => into.calendar_focus_hours.push(value),
            "meetings" => {
                into.meetings.insert(date, value);
            }
            "asyncable_meetings" => {
                into.asyncable.insert(date, value);
            }
            "contribution_quality" => into.contribution_quality.push(value),
            "cultural_alignment" => into.cultural_alignment.push(value),
            "satisfaction" => into.satisfaction.push(value),
            "burnout" => into.burnout.push(value),
            other => {
                if let Some(key) = other.strip_prefix("custom:") {
                    into.custom.entry(key.to_string()).or_default().push(value);
                }
            }
        }
    }

    let charters = charters_by_team(&input.charters);
    let mut by_metric: HashMap<String, PeriodValues<P>> = HashMap::new();
    let mut energy_cells = HashMap::new();
    for (&(person_id, phase), person) in &gathered {
        let at = (person_id, phase);
        set(
            &mut by_metric,
            &ReportMetric::EnergyPattern,
            at,
            mean(&person.energy),
        );
        set(
            &mut by_metric,
            &ReportMetric::DeepWorkProtectionRate,
            at,
            protection_rate(person),
        );
        set(
            &mut by_metric,
            &ReportMetric::MeetingLoad,
            at,
            mean(&person.meeting_hours).map(|m| m * 5.0),
        );
        set(
            &mut by_metric,
            &ReportMetric::CalendarFocusTime,
            at,
            mean(&person.calendar_focus_hours).map(|m| m * 5.0),
        );
        set(
            &mut by_metric,
            &ReportMetric::AsyncableShare,
            at,
            asyncable_share(person),
        );
        let team = members.get(&person_id).map(|member| member.team_id);
        let versions: &[CharterRow] = team
            .and_then(|team| charters.get(&team))
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        set(
            &mut by_metric,
            &ReportMetric::ResponseExpectationGap,
            at,
            expectation_gap(&person.felt_reply, versions),
        );
        set(
            &mut by_metric,
            &ReportMetric::ContributionQualityIndex,
            at,
            mean(&person.contribution_quality).map(to_score),
        );
        set(
            &mut by_metric,
            &ReportMetric::CulturalAlignmentScore,
            at,
            mean(&person.cultural_alignment).map(to_score),
        );
        set(
            &mut by_metric,
            &ReportMetric::Satisfaction,
            at,
            mean(&person.satisfaction),
        );
        if !person.burnout.is_empty() {
            let any = person.burnout.contains(&1.0);
            set(
                &mut by_metric,
                &ReportMetric::BurnoutSigns,
                at,
                Some(if any { 1.0 } else { 0.0 }),
            );
        }
        for (key, values) in &person.custom {
            if let Some(value) = mean(values) {
                by_metric
                    .entry(format!("custom:{key}"))
                    .or_default()
                    .insert(at, value);
            }
        }
        if !person.energy_cells.is_empty() {
            energy_cells.insert(at, person.energy_cells.clone());
        }
    }

    // Participation is defined for every consenting member with working days in the team.
    for member in input.members.iter().filter(|member| member.consenting) {
        for phase in periods.all() {
            let checkins = gathered
                .get(&(member.person_id, phase))
                .map(|person| &person.checkin_days);
            let (first, last) = periods.counted_days(phase);
            let (mut expected, mut received) = (0u32, 0u32);
            for day in first.iter_days().take_while(|day| *day <= last) {
                if member.working_days.includes(day)
                    && member.stays.iter().any(|stay| stay.covers(day))
                {
                    expected += 1;
                    if checkins.is_some_and(|days| days.contains(&day)) {
                        received += 1;
                    }
                }
            }
            if expected > 0 {
                by_metric
                    .entry(ReportMetric::Participation.key())
                    .or_default()
                    .insert(
                        (member.person_id, phase),
                        f64::from(received) / f64::from(expected),
                    );
            }
        }
    }
    PersonValues {
        by_metric,
        energy_cells,
    }
}

/// Records a defined value; an undefined one stays absent.
fn set<P: Eq + Hash>(
    by_metric: &mut HashMap<String, PeriodValues<P>>,
    metric: &ReportMetric,
    at: (i64, P),
    value: Option<f64>,
) {
    if let Some(value) = value {
        by_metric.entry(metric.key()).or_default().insert(at, value);
    }
}

/// A 1–5 mean as a 0–100 score.
fn to_score(mean: f64) -> f64 {
    (mean - 1.0) / 4.0 * 100.0
}

/// Σ min(achieved, planned) ÷ Σ planned over days with both; undefined when Σ planned is 0.
fn protection_rate(person: &Gathered) -> Option<f64> {
    let (mut kept, mut planned) = (0.0, 0.0);
    for (date, &plan) in &person.planned {
        if let Some(&achieved) = person.achieved.get(date) {
            kept += achieved.min(plan);
            planned += plan;
        }
    }
    (planned > 0.0).then(|| kept / planned)
}

/// Σ asyncable ÷ Σ meetings over days with both; undefined when Σ meetings is 0.
fn asyncable_share(person: &Gathered) -> Option<f64> {
    let (mut asyncable, mut meetings) = (0.0, 0.0);
    for (date, &count) in &person.meetings {
        if let Some(&could_be_async) = person.asyncable.get(date) {
            asyncable += could_be_async;
            meetings += count;
        }
    }
    (meetings > 0.0).then(|| asyncable / meetings)
}

/// Median of (stated − felt) over entries whose channel the charter in force that day names.
fn expectation_gap(felt: &[(NaiveDate, String, f64)], versions: &[CharterRow]) -> Option<f64> {
    let gaps: Vec<f64> = felt
        .iter()
        .filter_map(|(date, channel, felt)| {
            let charter = in_force_on(versions, *date)?;
            let (_, stated) = charter.channels.iter().find(|(name, _)| name == channel)?;
            Some(stated - felt)
        })
        .collect();
    median(&gaps)
}

fn charters_by_team(charters: &[CharterRow]) -> HashMap<i64, Vec<CharterRow>> {
    let mut by_team: HashMap<i64, Vec<CharterRow>> = HashMap::new();
    for charter in charters {
        by_team
            .entry(charter.team_id)
            .or_default()
            .push(charter.clone());
    }
    by_team
}

/// Team metrics per team and phase: decided decisions by the UTC date they were decided on;
/// both need at least [`MIN_DECISIONS`] in the phase.
pub fn team_values(input: &ReportInput) -> HashMap<String, PhaseValues> {
    let mut hours: HashMap<(i64, Phase), Vec<f64>> = HashMap::new();
    let mut documented: HashMap<(i64, Phase), Vec<f64>> = HashMap::new();
    for decision in &input.decisions {
        let Some(decided_at) = decision.decided_at else {
            continue;
        };
        let Some(phase) = input.phase_of(decided_at.date_naive()) else {
            continue;
        };
        let at = (decision.team_id, phase);
        let elapsed = (decided_at - decision.raised_at).num_milliseconds() as f64 / 3_600_000.0;
        hours.entry(at).or_default().push(elapsed);
        documented
            .entry(at)
            .or_default()
            .push(if decision.documented { 1.0 } else { 0.0 });
    }
    let enough = |values: &Vec<f64>| values.len() >= MIN_DECISIONS;
    let velocity: PhaseValues = hours
        .iter()
        .filter(|(_, values)| enough(values))
        .filter_map(|(at, values)| Some((*at, median(values)?)))
        .collect();
    let share: PhaseValues = documented
        .iter()
        .filter(|(_, values)| enough(values))
        .filter_map(|(at, values)| Some((*at, mean(values)?)))
        .collect();
    HashMap::from([
        (ReportMetric::DecisionVelocity.key(), velocity),
        (ReportMetric::DocumentedDecisions.key(), share),
    ])
}

/// A team metric needs this many decided decisions in a phase.
pub const MIN_DECISIONS: usize = 3;
