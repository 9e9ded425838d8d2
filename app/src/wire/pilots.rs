//! Pilots on the wire: the list, the detail with participation (counts only), and what clients
//! send to create, change and move a pilot on. Stages, metrics, arms and decisions travel as
//! their snake_case names, the same in the OpenAPI document, the pages and the database.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use crate::domain::{
    metrics::Metric,
    pilot::{Arm, ArmParticipation, Decision, Participation, PilotStage},
};
use crate::domain::{
    pilot::{protocol::plan_of_days, Pilot, Protocol, ProtocolDraft},
    ParseError,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PilotSummary {
    pub id: i64,
    pub name: String,
    pub stage: PilotStage,
    pub stage_label: String,
    pub primary_metric: Metric,
    pub baseline_start: NaiveDate,
    pub pilot_teams: i64,
    pub comparison_teams: i64,
}

impl PilotSummary {
    pub fn new(pilot: Pilot, pilot_teams: i64, comparison_teams: i64) -> Self {
        Self {
            id: pilot.id,
            stage: pilot.stage,
            stage_label: pilot.stage.label().to_string(),
            primary_metric: pilot.protocol.primary_metric,
            baseline_start: pilot.protocol.plan.windows()[0].first_day,
            pilot_teams,
            comparison_teams,
            name: pilot.protocol.name,
        }
    }
}

/// Participation of one team: counts only, never who, and only for a team of at least the
/// pilot's *k* members. Only those who run pilots get these rows; executives get arms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamParticipation {
    pub pilot_team_id: i64,
    pub team_id: i64,
    pub team: String,
    pub department: String,
    pub arm: Arm,
    pub volunteered: bool,
    /// When the team's enrollment link stops working (30 days after it was issued or renewed).
    pub link_expires_at: Option<DateTime<Utc>>,
    /// The link no longer works: renewing it issues a new one.
    pub link_expired: bool,
    /// Members invited (the frozen membership once the baseline started, the current one before)
    /// and enrolled among them, or "fewer than k".
    pub participation: Participation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PilotDetail {
    pub id: i64,
    pub name: String,
    pub hypothesis: String,
    pub primary_metric: Metric,
    pub guardrail_metrics: Vec<Metric>,
    pub baseline_start: NaiveDate,
    pub baseline_days: i32,
    pub intervention_days: i32,
    pub follow_up_days: i32,
    pub privacy_k: i32,
    pub stage: PilotStage,
    pub stage_label: String,
    pub next_stage: Option<PilotStage>,
    pub decision: Option<Decision>,
    pub protocol_locked_at: Option<DateTime<Utc>>,
    /// Participation per arm (its teams together), each only when it has at least *k* members.
    pub arms: Vec<ArmParticipation>,
    /// Participation per team, for those who run pilots; empty for executives.
    pub teams: Vec<TeamParticipation>,
}

impl PilotDetail {
    pub fn new(pilot: Pilot, arms: Vec<ArmParticipation>, teams: Vec<TeamParticipation>) -> Self {
        let [baseline, intervention, follow_up] = pilot.protocol.plan.windows();
        let protocol = pilot.protocol;
        Self {
            id: pilot.id,
            name: protocol.name,
            hypothesis: protocol.hypothesis,
            primary_metric: protocol.primary_metric,
            guardrail_metrics: protocol.guardrail_metrics,
            baseline_start: baseline.first_day,
            baseline_days: i32::from(baseline.days),
            intervention_days: i32::from(intervention.days),
            follow_up_days: i32::from(follow_up.days),
            privacy_k: protocol.privacy_k,
            stage: pilot.stage,
            stage_label: pilot.stage.label().to_string(),
            next_stage: pilot.stage.next(),
            decision: pilot.decision,
            protocol_locked_at: pilot.protocol_locked_at,
            arms,
            teams,
        }
    }
}

/// A protocol as the API takes it: numbers as numbers, metrics by name, guardrails as a list.
/// The same fields as [`PilotDetail`], so a client can send back what it read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PilotProtocol {
    /// 1 to 120 characters, unique among pilots.
    pub name: String,
    /// What is expected to change, and for whom (10 characters or more).
    pub hypothesis: String,
    pub primary_metric: Metric,
    /// Metrics that must not get worse; not the primary metric.
    #[serde(default)]
    pub guardrail_metrics: Vec<Metric>,
    /// The first day of the baseline window.
    pub baseline_start: NaiveDate,
    /// Window lengths in days, 7 to 120 each.
    pub baseline_days: i64,
    pub intervention_days: i64,
    pub follow_up_days: i64,
    /// Groups smaller than this are never shown: 3 to 50, 5 when left out.
    #[serde(default)]
    pub privacy_k: Option<i64>,
}

impl ProtocolDraft for PilotProtocol {
    fn parse(&self) -> Result<Protocol, ParseError> {
        Protocol::new(
            &self.name,
            &self.hypothesis,
            self.primary_metric,
            &self.guardrail_metrics,
            plan_of_days(
                self.baseline_start,
                self.baseline_days,
                self.intervention_days,
                self.follow_up_days,
            )?,
            self.privacy_k,
        )
    }
}

/// A change of protocol through the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProtocolChange {
    pub protocol: PilotProtocol,
    /// Required once the baseline has started (the protocol is locked); audited.
    #[serde(default)]
    pub reason: String,
}

/// Moving a pilot on through the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StageChange {
    /// The next stage; the pilot's detail names it as `next_stage`.
    pub stage: PilotStage,
    /// Needed to move to `decided`.
    #[serde(default)]
    pub decision: Option<Decision>,
}

/// A team to add to a pilot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamEnrollment {
    pub team_id: i64,
    pub arm: Arm,
    /// For pilot teams: HR records that the team volunteered (required).
    #[serde(default)]
    pub volunteered: bool,
}

/// A team's enrollment link, shown once: members open it to read the terms and consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EnrollmentLink {
    pub url: String,
    /// When it stops working (30 days from now); renewing it issues a new one.
    pub expires_at: DateTime<Utc>,
}
