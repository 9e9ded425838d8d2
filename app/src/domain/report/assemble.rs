//! The report from its input: per metric the teams, the arms and the difference in differences
//! with the privacy rule applied where the numbers are made (METHOD.md sections 4 to 7), then
//! the guardrails' q-values and the energy heatmap.

use std::collections::BTreeMap;

use super::{
    catalogue::{in_report_order, MetricRole, ReportMetric},
    input::{ReportInput, TeamInput},
    pitfalls,
    shape::{
        Arms, GroupFigures, HeatmapCell, HeatmapPanel, LeftOut, MetricReport, Phase, Report,
        TeamFigures,
    },
    trends,
    values::{person_values, team_values, PersonValues, PhaseValues},
};
use crate::domain::{
    capture::measure::PartOfDay,
    pilot::Arm,
    stats::{describe::mean, difference, fdr, paired},
};

/// One team's paired values for a metric: (baseline, follow-up) per person, or per team.
struct TeamPairs<'a> {
    team: &'a TeamInput,
    /// None when the team is left out.
    pairs: Option<Vec<(f64, f64)>>,
}

pub fn build(input: &ReportInput) -> Report {
    let people = person_values(input);
    let teams = team_values(input);
    let mut kept: Vec<(ReportMetric, Vec<i64>)> = Vec::new();
    let mut metrics: Vec<MetricReport> = in_report_order(
        input.primary,
        &input.guardrails,
        input.custom_metrics.clone(),
    )
    .into_iter()
    .map(|(metric, role)| {
        let empty = PhaseValues::new();
        let pairs = if metric.is_team_metric() {
            let values = teams.get(&metric.key()).unwrap_or(&empty);
            team_metric_pairs(input, values)
        } else {
            let values = people.of(&metric).unwrap_or(&empty);
            let pairs = person_metric_pairs(input, values);
            let kept_teams = pairs
                .iter()
                .filter(|team| team.pairs.is_some())
                .map(|team| team.team.team_id)
                .collect();
            kept.push((metric.clone(), kept_teams));
            pairs
        };
        metric_report(input, &metric, role, &pairs)
    })
    .collect();
    adjust_guardrails(&mut metrics);
    Report {
        pilot: input.pilot.clone(),
        privacy_k: input.privacy_k,
        windows: input.windows,
        interim: input.interim(),
        energy_heatmap: heatmap(input, &people),
        trends: trends::weekly(input, &kept),
        pitfalls: pitfalls::detect(input, &metrics, &people, &teams),
        metrics,
    }
}

/// Person metrics: a team is kept when at least k of its people are paired.
fn person_metric_pairs<'a>(input: &'a ReportInput, values: &PhaseValues) -> Vec<TeamPairs<'a>> {
    input
        .teams
        .iter()
        .map(|team| {
            let pairs: Vec<(f64, f64)> = input
                .consenting_in(team.team_id)
                .iter()
                .filter_map(|&person| {
                    Some((
                        *values.get(&(person, Phase::Baseline))?,
                        *values.get(&(person, Phase::FollowUp))?,
                    ))
                })
                .collect();
            let kept = pairs.len() >= k_of(input);
            TeamPairs {
                team,
                pairs: kept.then_some(pairs),
            }
        })
        .collect()
}

/// Team metrics: a team is kept when its frozen membership has at least k people; its one
/// "person" is the team itself, paired when it has a value in both phases.
fn team_metric_pairs<'a>(input: &'a ReportInput, values: &PhaseValues) -> Vec<TeamPairs<'a>> {
    input
        .teams
        .iter()
        .map(|team| {
            let kept = team.frozen_members >= k_of(input) as i64;
            let pair = values
                .get(&(team.team_id, Phase::Baseline))
                .zip(values.get(&(team.team_id, Phase::FollowUp)))
                .map(|(before, after)| (*before, *after));
            TeamPairs {
                team,
                pairs: kept.then(|| pair.into_iter().collect()),
            }
        })
        .collect()
}

fn k_of(input: &ReportInput) -> usize {
    usize::try_from(input.privacy_k).unwrap_or(0)
}

fn compare(pairs: &[(f64, f64)]) -> crate::domain::stats::figures::Paired {
    let (before, after): (Vec<f64>, Vec<f64>) = pairs.iter().copied().unzip();
    paired::compare(&before, &after)
}

fn metric_report(
    input: &ReportInput,
    metric: &ReportMetric,
    role: MetricRole,
    teams: &[TeamPairs<'_>],
) -> MetricReport {
    let left_out = || GroupFigures::LeftOut(LeftOut::fewer_than(input.privacy_k));
    let team_rows = teams
        .iter()
        .map(|team| TeamFigures {
            team_id: team.team.team_id,
            team: team.team.name.clone(),
            arm: team.team.arm,
            figures: match &team.pairs {
                Some(pairs) => GroupFigures::Figures(compare(pairs)),
                None => left_out(),
            },
        })
        .collect();
    let arm = |arm: Arm| -> Option<GroupFigures> {
        let of_arm: Vec<&TeamPairs<'_>> =
            teams.iter().filter(|team| team.team.arm == arm).collect();
        if of_arm.is_empty() {
            return None;
        }
        let kept: Vec<&Vec<(f64, f64)>> = of_arm
            .iter()
            .filter_map(|team| team.pairs.as_ref())
            .collect();
        if kept.is_empty() {
            return Some(left_out());
        }
        let pooled: Vec<(f64, f64)> = kept.into_iter().flatten().copied().collect();
        Some(GroupFigures::Figures(compare(&pooled)))
    };
    let changes = |arm: Arm| -> Vec<f64> {
        teams
            .iter()
            .filter(|team| team.team.arm == arm)
            .filter_map(|team| team.pairs.as_ref())
            .filter_map(|pairs| {
                mean(
                    &pairs
                        .iter()
                        .map(|(before, after)| after - before)
                        .collect::<Vec<_>>(),
                )
            })
            .collect()
    };
    let did = difference::estimate(&changes(Arm::Pilot), &changes(Arm::Comparison));
    MetricReport {
        metric: metric.key(),
        label: metric.label(),
        unit: metric.unit(),
        role,
        direction: metric.direction(),
        observational: did.is_none(),
        arms: Arms {
            pilot: arm(Arm::Pilot),
            comparison: arm(Arm::Comparison),
        },
        teams: team_rows,
        did,
    }
}

/// Benjamini–Hochberg over the guardrails that have a verdict p; the q-value goes where that p
/// came from (the difference in differences, or the pilot arm of an observational metric).
fn adjust_guardrails(metrics: &mut [MetricReport]) {
    let tested: Vec<(usize, f64)> = metrics
        .iter()
        .enumerate()
        .filter(|(_, metric)| metric.role == MetricRole::Guardrail)
        .filter_map(|(index, metric)| Some((index, metric.verdict_p()?)))
        .collect();
    let p_values: Vec<f64> = tested.iter().map(|(_, p)| *p).collect();
    for ((index, _), q) in tested.iter().zip(fdr::benjamini_hochberg(&p_values)) {
        let metric = &mut metrics[*index];
        if let Some(did) = metric.did.as_mut() {
            did.q_value = Some(q);
        } else if let Some(GroupFigures::Figures(pilot)) = metric.arms.pilot.as_mut() {
            pilot.q_value = Some(q);
        }
    }
}

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Per arm and phase: each person's mean per (weekday, part of day) over the people of the
/// arm's teams kept for energy, averaged over people; a cell with fewer than k people is absent.
fn heatmap(input: &ReportInput, people: &PersonValues) -> Vec<HeatmapPanel> {
    let empty = PhaseValues::new();
    let energy = people.of(&ReportMetric::EnergyPattern).unwrap_or(&empty);
    let kept_teams: Vec<&TeamInput> = person_metric_pairs(input, energy)
        .into_iter()
        .filter(|team| team.pairs.is_some())
        .map(|team| team.team)
        .collect();
    let mut panels = Vec::new();
    for arm in [Arm::Pilot, Arm::Comparison] {
        // An arm with teams has its panels, empty when all its teams are left out.
        if !input.teams.iter().any(|team| team.arm == arm) {
            continue;
        }
        let teams: Vec<i64> = kept_teams
            .iter()
            .filter(|team| team.arm == arm)
            .map(|team| team.team_id)
            .collect();
        for phase in Phase::BOTH {
            let mut cells: BTreeMap<(u32, usize), Vec<f64>> = BTreeMap::new();
            for person in teams.iter().flat_map(|team| input.consenting_in(*team)) {
                let Some(own) = people.energy_cells.get(&(*person, phase)) else {
                    continue;
                };
                for ((weekday, part), values) in own {
                    let Some(part) = PartOfDay::ALL
                        .iter()
                        .position(|known| known.as_str() == part)
                    else {
                        continue;
                    };
                    if let Some(person_mean) = mean(values) {
                        cells.entry((*weekday, part)).or_default().push(person_mean);
                    }
                }
            }
            let shown = cells
                .into_iter()
                .filter(|(_, means)| means.len() >= k_of(input))
                .filter_map(|((weekday, part), means)| {
                    Some(HeatmapCell {
                        weekday: WEEKDAYS.get(weekday as usize)?.to_string(),
                        part_of_day: PartOfDay::ALL[part].as_str().to_string(),
                        mean: mean(&means)?,
                        n: means.len() as i64,
                    })
                })
                .collect();
            panels.push(HeatmapPanel {
                arm,
                phase,
                cells: shown,
            });
        }
    }
    panels
}
