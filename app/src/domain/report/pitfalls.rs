//! The method's pitfall detectors, per pilot team of at least *k* people (the rules):
//! async theater, the documentation excuse and the equity illusion. Each flag says what it saw
//! in numbers and what the method suggests doing about it.

use std::collections::HashMap;

use super::{
    catalogue::ReportMetric,
    input::{ReportInput, TeamInput},
    shape::{GroupFigures, MetricReport, Phase, Pitfall, PitfallKind},
    values::{PersonValues, PhaseValues},
};
use crate::domain::{
    capture::{charter::in_force_on, participation::Member},
    metrics::Direction,
    pilot::Arm,
    stats::describe::{mean, median, sd},
};

/// A charter channel this slow or slower is one the team meant for unhurried replies.
const SLOW_CHANNEL_HOURS: f64 = 4.0;
/// An equity gap counts when it exceeds this many standard deviations of the arm's changes.
const EQUITY_GAP_SDS: f64 = 0.5;

pub fn detect(
    input: &ReportInput,
    metrics: &[MetricReport],
    people: &PersonValues,
    team_values: &HashMap<String, PhaseValues>,
) -> Vec<Pitfall> {
    let k = i64::from(input.privacy_k);
    // One pass over the entries: the follow-up's felt reply times per team and channel, with
    // who gave them (a median of fewer than k people is never shown).
    let mut felt: HashMap<(i64, &str), FeltTimes> = HashMap::new();
    for entry in &input.entries {
        if entry.measure != "felt_reply_hours"
            || input.phase_of(entry.date) != Some(Phase::FollowUp)
        {
            continue;
        }
        if let Some(member) = input
            .member(entry.person_id)
            .filter(|member| counts_on(member, entry.date))
        {
            let times = felt
                .entry((member.team_id, entry.qualifier.as_str()))
                .or_default();
            times.values.push(entry.value);
            times.people.insert(member.person_id);
        }
    }
    let arm_changes = arm_changes(input, people);
    let mut found = Vec::new();
    for team in input.teams.iter().filter(|team| team.arm == Arm::Pilot) {
        if team.frozen_members < k {
            continue;
        }
        let mut flag = |kind: PitfallKind, saw: String, suggestion: &str| {
            found.push(Pitfall {
                team_id: team.team_id,
                team: team.name.clone(),
                kind,
                saw,
                suggestion: suggestion.to_string(),
            });
        };
        if let Some(saw) = async_theater(input, team, metrics, &felt) {
            flag(
                PitfallKind::AsyncTheater,
                saw,
                "Revisit the charter with the team: agree which channels may wait, have the manager \
                 model slow replies, and replace one recurring meeting with a written update.",
            );
        }
        if let Some(saw) = documentation_excuse(team, team_values) {
            flag(
                PitfallKind::DocumentationExcuse,
                saw,
                "Make a short written record part of deciding (a template in the decision log) and \
                 have the team's champion review the log weekly.",
            );
        }
        for saw in equity_illusion(input, team, people, &arm_changes) {
            flag(
                PitfallKind::EquityIllusion,
                saw,
                "Talk with the people on the side that lost out: check meeting times across time \
                 zones, part-time schedules and who is expected to reply fast.",
            );
        }
    }
    found
}

fn team_row<'a>(metrics: &'a [MetricReport], key: &str, team_id: i64) -> Option<&'a GroupFigures> {
    metrics
        .iter()
        .find(|metric| metric.metric == key)?
        .teams
        .iter()
        .find(|team| team.team_id == team_id)
        .map(|team| &team.figures)
}

/// Felt reply times on one team's channel, and the people who gave them.
#[derive(Default)]
struct FeltTimes {
    values: Vec<f64>,
    people: std::collections::HashSet<i64>,
}

fn k_people(input: &ReportInput) -> usize {
    usize::try_from(input.privacy_k).unwrap_or(usize::MAX)
}

/// A charter, yet in the follow-up the median felt reply time on its slow channels (stated
/// ≥ 4 h) is under half the stated time, or meeting load did not fall.
fn async_theater(
    input: &ReportInput,
    team: &TeamInput,
    metrics: &[MetricReport],
    felt: &HashMap<(i64, &str), FeltTimes>,
) -> Option<String> {
    let versions: Vec<_> = input
        .charters
        .iter()
        .filter(|c| c.team_id == team.team_id)
        .cloned()
        .collect();
    let charter = in_force_on(&versions, input.windows.follow_up.last_day)?;
    let mut seen = Vec::new();
    for (channel, stated) in charter
        .channels
        .iter()
        .filter(|(_, hours)| *hours >= SLOW_CHANNEL_HOURS)
    {
        let Some(times) = felt
            .get(&(team.team_id, channel.as_str()))
            .filter(|times| times.people.len() >= k_people(input))
        else {
            continue;
        };
        if let Some(felt) = median(&times.values) {
            if felt < stated / 2.0 {
                seen.push(format!(
                    "on {channel} the charter allows {stated:.0} h, yet the median felt reply time in the follow-up was {felt:.1} h"
                ));
            }
        }
    }
    if let Some(GroupFigures::Figures(load)) = team_row(metrics, "meeting_load", team.team_id) {
        if let (Some(before), Some(after)) = (load.baseline.mean, load.follow_up.mean) {
            if after >= before {
                seen.push(format!(
                    "meeting load did not fall ({before:.1} → {after:.1} hours per week)"
                ));
            }
        }
    }
    (!seen.is_empty()).then(|| format!("The team has a charter, but {}.", seen.join("; and ")))
}

/// Under half of the follow-up's decisions documented, or fewer than in the baseline.
fn documentation_excuse(team: &TeamInput, values: &HashMap<String, PhaseValues>) -> Option<String> {
    let shares = values.get(&ReportMetric::DocumentedDecisions.key())?;
    let after = *shares.get(&(team.team_id, Phase::FollowUp))?;
    let before = shares.get(&(team.team_id, Phase::Baseline)).copied();
    let low = after < 0.5;
    let falling = before.is_some_and(|before| after < before);
    if !(low || falling) {
        return None;
    }
    let mut saw = format!(
        "{:.0} % of the follow-up's decisions were documented",
        after * 100.0
    );
    if let Some(before) = before {
        saw.push_str(&format!(" (baseline {:.0} %)", before * 100.0));
    }
    Some(saw + ".")
}

/// A consenting member's entry counts on `date` while they are in their frozen team.
fn counts_on(member: &Member, date: chrono::NaiveDate) -> bool {
    member.consenting && member.stays.iter().any(|stay| stay.covers(date))
}

/// The SD of every consenting member's change per equity metric and arm, when above 0.
fn arm_changes(input: &ReportInput, people: &PersonValues) -> HashMap<(String, Arm), f64> {
    let mut spreads = HashMap::new();
    for metric in [
        ReportMetric::CulturalAlignmentScore,
        ReportMetric::Satisfaction,
    ] {
        let Some(values) = people.of(&metric) else {
            continue;
        };
        for arm in [Arm::Pilot, Arm::Comparison] {
            let changes: Vec<f64> = input
                .members
                .iter()
                .filter(|member| member.consenting && input.arm_of(member.team_id) == Some(arm))
                .filter_map(|member| {
                    let person = member.person_id;
                    Some(
                        values.get(&(person, Phase::FollowUp))?
                            - values.get(&(person, Phase::Baseline))?,
                    )
                })
                .collect();
            if let Some(spread) = sd(&changes).filter(|spread| *spread > 0.0) {
                spreads.insert((metric.key(), arm), spread);
            }
        }
    }
    spreads
}

/// A split's name, its two sides' names, and (person, side 0 or 1) of the team's people.
type Split = (&'static str, [&'static str; 2], Vec<(i64, usize)>);

/// Who falls on which side of each split.
fn sides(input: &ReportInput, team: &TeamInput) -> Vec<Split> {
    let members: Vec<&Member> = input
        .consenting_in(team.team_id)
        .iter()
        .filter_map(|person| input.member(*person))
        .collect();
    let offsets: Vec<f64> = members
        .iter()
        .filter_map(|member| input.people.get(&member.person_id))
        .map(|facts| facts.utc_offset_hours)
        .collect();
    let centre = median(&offsets);
    let mut pattern = Vec::new();
    let mut distance = Vec::new();
    let mut role = Vec::new();
    for member in &members {
        let Some(facts) = input.people.get(&member.person_id) else {
            continue;
        };
        match facts.working_pattern.as_str() {
            "full_time" => pattern.push((member.person_id, 0)),
            "part_time" => pattern.push((member.person_id, 1)),
            _ => {}
        }
        if let Some(centre) = centre {
            let far = (facts.utc_offset_hours - centre).abs() > 3.0;
            distance.push((member.person_id, usize::from(far)));
        }
        role.push((member.person_id, usize::from(!facts.manages_team)));
    }
    vec![
        ("working pattern", ["full-time", "part-time"], pattern),
        (
            "time zone",
            ["within 3 h of the team", "more than 3 h away"],
            distance,
        ),
        ("role", ["manager", "members"], role),
    ]
}

/// For each split with at least k people on both sides: the smaller side's mean change in
/// cultural alignment or satisfaction is worse than the other's by more than half the SD of
/// all changes in the arm.
fn equity_illusion(
    input: &ReportInput,
    team: &TeamInput,
    people: &PersonValues,
    arm_changes: &HashMap<(String, Arm), f64>,
) -> Vec<String> {
    let k = usize::try_from(input.privacy_k).unwrap_or(usize::MAX);
    let mut seen = Vec::new();
    for metric in [
        ReportMetric::CulturalAlignmentScore,
        ReportMetric::Satisfaction,
    ] {
        let Some(values) = people.of(&metric) else {
            continue;
        };
        let change = |person: i64| -> Option<f64> {
            Some(values.get(&(person, Phase::FollowUp))? - values.get(&(person, Phase::Baseline))?)
        };
        let Some(spread) = arm_changes.get(&(metric.key(), team.arm)).copied() else {
            continue;
        };
        let better = match metric.direction() {
            Direction::HigherIsBetter => 1.0,
            Direction::LowerIsBetter => -1.0,
        };
        for (split, names, members) in sides(input, team) {
            let side = |index: usize| -> Vec<f64> {
                members
                    .iter()
                    .filter(|(_, side)| *side == index)
                    .filter_map(|(person, _)| change(*person))
                    .collect()
            };
            let (first, second) = (side(0), side(1));
            if first.len() < k || second.len() < k {
                continue;
            }
            let (mean_first, mean_second) =
                (mean(&first).unwrap_or(0.0), mean(&second).unwrap_or(0.0));
            // The smaller side (both sides when they are equal) against the other.
            let mut candidates = Vec::new();
            if first.len() <= second.len() {
                candidates.push((0, mean_first, mean_second));
            }
            if second.len() <= first.len() {
                candidates.push((1, mean_second, mean_first));
            }
            for (index, smaller, other) in candidates {
                if (other - smaller) * better > EQUITY_GAP_SDS * spread {
                    seen.push(format!(
                        "By {split}: {} changed by {smaller:.1} for {}, against {other:.1} for {} (changes across the arm vary by {spread:.1}).",
                        metric.label(),
                        names[index],
                        names[1 - index],
                    ));
                }
            }
        }
    }
    seen
}
