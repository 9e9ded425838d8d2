//! What a report computes: every metric of METHOD.md section 3, in the order reports list them
//! when neither primary nor guardrail. The protocol's catalogue (`domain::metrics::Metric`) names
//! "satisfaction and burnout" as one choice; a report splits it into its two metrics.

use serde::{Deserialize, Serialize};

use crate::domain::metrics::{Direction, Metric};

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReportMetric {
    MeetingLoad,
    AsyncableShare,
    ResponseExpectationGap,
    DecisionVelocity,
    DocumentedDecisions,
    EnergyPattern,
    DeepWorkProtectionRate,
    CalendarFocusTime,
    ContributionQualityIndex,
    CulturalAlignmentScore,
    Satisfaction,
    BurnoutSigns,
    Participation,
    /// An HR-defined metric: its key (without `custom:`), label, unit and direction.
    Custom {
        key: String,
        label: String,
        unit: String,
        direction: Direction,
    },
}

/// Where a metric stands in the pilot's protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MetricRole {
    Primary,
    Guardrail,
    Other,
}

impl MetricRole {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Primary => "primary",
            Self::Guardrail => "guardrail",
            Self::Other => "other",
        }
    }
}

impl ReportMetric {
    pub const BUILT_IN: [ReportMetric; 13] = [
        Self::MeetingLoad,
        Self::AsyncableShare,
        Self::ResponseExpectationGap,
        Self::DecisionVelocity,
        Self::DocumentedDecisions,
        Self::EnergyPattern,
        Self::DeepWorkProtectionRate,
        Self::CalendarFocusTime,
        Self::ContributionQualityIndex,
        Self::CulturalAlignmentScore,
        Self::Satisfaction,
        Self::BurnoutSigns,
        Self::Participation,
    ];

    pub fn key(&self) -> String {
        match self {
            Self::MeetingLoad => "meeting_load".into(),
            Self::AsyncableShare => "asyncable_share".into(),
            Self::ResponseExpectationGap => "response_expectation_gap".into(),
            Self::DecisionVelocity => "decision_velocity".into(),
            Self::DocumentedDecisions => "documented_decisions".into(),
            Self::EnergyPattern => "energy_pattern".into(),
            Self::DeepWorkProtectionRate => "deep_work_protection_rate".into(),
            Self::CalendarFocusTime => "calendar_focus_time".into(),
            Self::ContributionQualityIndex => "contribution_quality_index".into(),
            Self::CulturalAlignmentScore => "cultural_alignment_score".into(),
            Self::Satisfaction => "satisfaction".into(),
            Self::BurnoutSigns => "burnout_signs".into(),
            Self::Participation => "participation".into(),
            Self::Custom { key, .. } => format!("custom:{key}"),
        }
    }

    pub fn label(&self) -> String {
        match self {
            Self::CalendarFocusTime => "Calendar focus time".into(),
            Self::Satisfaction => "Satisfaction".into(),
            Self::BurnoutSigns => "Burnout signs".into(),
            Self::Custom { label, .. } => label.clone(),
            built_in => built_in
                .protocol_metric()
                .map(|metric| metric.label().to_string())
                .unwrap_or_default(),
        }
    }

    pub fn unit(&self) -> String {
        match self {
            Self::CalendarFocusTime => "free 2-hour blocks, hours per week".into(),
            Self::Satisfaction => "satisfaction 0–10".into(),
            Self::BurnoutSigns => "share of people reporting signs (0–1)".into(),
            Self::MeetingLoad => "hours per week".into(),
            Self::ResponseExpectationGap => "hours (stated − felt)".into(),
            Self::Custom { unit, .. } => unit.clone(),
            built_in => built_in
                .protocol_metric()
                .map(|metric| metric.unit().to_string())
                .unwrap_or_default(),
        }
    }

    pub fn direction(&self) -> Direction {
        match self {
            Self::MeetingLoad
            | Self::AsyncableShare
            | Self::ResponseExpectationGap
            | Self::BurnoutSigns
            | Self::DecisionVelocity => Direction::LowerIsBetter,
            Self::Custom { direction, .. } => *direction,
            _ => Direction::HigherIsBetter,
        }
    }

    /// A team's own value (decisions), not one per person.
    pub fn is_team_metric(&self) -> bool {
        matches!(self, Self::DecisionVelocity | Self::DocumentedDecisions)
    }

    /// The protocol's name for this metric, where it has one.
    fn protocol_metric(&self) -> Option<Metric> {
        Some(match self {
            Self::MeetingLoad => Metric::MeetingLoad,
            Self::AsyncableShare => Metric::AsyncableShare,
            Self::ResponseExpectationGap => Metric::ResponseExpectationGap,
            Self::DecisionVelocity => Metric::DecisionVelocity,
            Self::DocumentedDecisions => Metric::DocumentedDecisions,
            Self::EnergyPattern => Metric::EnergyPattern,
            Self::DeepWorkProtectionRate => Metric::DeepWorkProtectionRate,
            Self::ContributionQualityIndex => Metric::ContributionQualityIndex,
            Self::CulturalAlignmentScore => Metric::CulturalAlignmentScore,
            Self::Satisfaction | Self::BurnoutSigns => Metric::SatisfactionAndBurnout,
            Self::Participation => Metric::Participation,
            Self::CalendarFocusTime | Self::Custom { .. } => return None,
        })
    }

    /// Its role under a protocol: "satisfaction and burnout" gives its role to both halves.
    pub fn role(&self, primary: Metric, guardrails: &[Metric]) -> MetricRole {
        match self.protocol_metric() {
            Some(metric) if metric == primary => MetricRole::Primary,
            Some(metric) if guardrails.contains(&metric) => MetricRole::Guardrail,
            _ => MetricRole::Other,
        }
    }
}

/// Every metric of a report in its order: primary, guardrails in the protocol's order, then the
/// rest in catalogue order, HR's own metrics last by key.
pub fn in_report_order(
    primary: Metric,
    guardrails: &[Metric],
    custom: Vec<ReportMetric>,
) -> Vec<(ReportMetric, MetricRole)> {
    let mut custom = custom;
    custom.sort_by_key(ReportMetric::key);
    let all: Vec<ReportMetric> = ReportMetric::BUILT_IN.into_iter().chain(custom).collect();
    let mut ordered: Vec<(ReportMetric, MetricRole)> = Vec::with_capacity(all.len());
    let mut take = |wanted: &dyn Fn(&ReportMetric) -> bool| {
        for metric in all.iter().filter(|metric| wanted(metric)) {
            if !ordered.iter().any(|(taken, _)| taken == metric) {
                ordered.push((metric.clone(), metric.role(primary, guardrails)));
            }
        }
    };
    take(&|metric| metric.role(primary, guardrails) == MetricRole::Primary);
    for guardrail in guardrails {
        take(&|metric| metric.protocol_metric() == Some(*guardrail));
    }
    take(&|_| true);
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primary_first_then_guardrails_in_protocol_order_then_the_rest() {
        let custom = vec![ReportMetric::Custom {
            key: "nps".into(),
            label: "NPS".into(),
            unit: String::new(),
            direction: Direction::HigherIsBetter,
        }];
        let ordered = in_report_order(
            Metric::MeetingLoad,
            &[Metric::SatisfactionAndBurnout, Metric::EnergyPattern],
            custom,
        );
        let keys: Vec<String> = ordered.iter().map(|(metric, _)| metric.key()).collect();
        assert_eq!(
            &keys[..5],
            [
                "meeting_load",
                "satisfaction",
                "burnout_signs",
                "energy_pattern",
                "asyncable_share"
            ]
        );
        assert_eq!(keys.last().map(String::as_str), Some("custom:nps"));
        assert_eq!(keys.len(), 14);
        assert_eq!(ordered[1].1, MetricRole::Guardrail);
        assert_eq!(ordered[2].1, MetricRole::Guardrail);
        assert_eq!(ordered[4].1, MetricRole::Other);
    }

    #[test]
    fn burnout_is_better_lower_and_every_built_in_metric_has_a_label() {
        assert_eq!(
            ReportMetric::BurnoutSigns.direction(),
            Direction::LowerIsBetter
        );
        for metric in ReportMetric::BUILT_IN {
            assert!(!metric.label().is_empty(), "{}", metric.key());
            assert!(!metric.unit().is_empty(), "{}", metric.key());
        }
    }
}
