//! Champions on the wire: one's own standing and nominations, a nomination, HR's candidate list
//! with each signal explained, HR's decision, the confirmed champions (for badges), coverage
//! and a team's champions.

use serde::{Deserialize, Serialize};

use crate::domain::champions::{
    score::Signal, CandidateDecision, ChampionStatus, Coverage, TeamCoverage,
};

/// A nomination as its nominee reads it: the sentence, and who wrote it only if they allowed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NominationReason {
    pub reason: String,
    /// The nominator's name, when they let the nominee see it (HR always sees it).
    pub from: Option<String>,
}

/// The caller's own champion standing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MyChampion {
    /// Whether their own entries may suggest them as a champion (off by default).
    pub opted_in: bool,
    pub status: Option<ChampionStatus>,
    pub nominations: i64,
    pub reasons: Vec<NominationReason>,
    /// Whether the caller may nominate colleagues (executives write nothing).
    pub may_nominate: bool,
}

/// Turning the champion option on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChampionOptIn {
    pub opted_in: bool,
}

/// Nominating a colleague.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NominationInput {
    /// The colleague's email, in the same organisation.
    pub email: String,
    /// One sentence: why they work asynchronously well (at most 300 characters).
    pub reason: String,
    /// Let the colleague see who nominated them (HR always sees it).
    #[serde(default)]
    pub reveal_nominator: bool,
}

/// One signal of a candidate: its 0–100 value (a percentile for the entry signals) or missing,
/// and why, in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", schema(as = ChampionSignalView))]
pub struct SignalView {
    pub signal: Signal,
    pub label: String,
    /// 0–100, higher better; null when the person has no data for it (not counted as zero).
    pub value: Option<f64>,
    pub explanation: String,
}

/// A person on HR's candidate list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", schema(as = ChampionCandidate))]
pub struct Candidate {
    pub person_id: i64,
    pub name: String,
    pub email: String,
    pub team: Option<String>,
    /// The pilot whose people the percentiles compare with.
    pub pilot: Option<String>,
    pub opted_in: bool,
    pub manager: bool,
    pub nominations: i64,
    pub reasons: Vec<NominationReason>,
    /// Mean of the signals present, 0–100.
    pub score: Option<f64>,
    pub signals: Vec<SignalView>,
    pub status: Option<ChampionStatus>,
    pub note: Option<String>,
}

/// HR's candidate list, best score first, with the scoring rules in one paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", schema(as = ChampionCandidateList))]
pub struct CandidateList {
    pub rules: String,
    pub candidates: Vec<Candidate>,
}

/// HR confirms or dismisses a candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CandidateDecisionInput {
    pub decision: CandidateDecision,
    /// Optional, at most 500 characters.
    #[serde(default)]
    pub note: Option<String>,
}

/// A confirmed champion, as badges and team pages show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChampionName {
    pub person_id: i64,
    pub name: String,
    pub team: Option<String>,
}

/// Coverage of a group of teams (a pilot's pilot arm, or a department's pilot teams).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", schema(as = ChampionCoverageGroup))]
pub struct CoverageGroup {
    /// The pilot's id; null for a department.
    pub pilot_id: Option<i64>,
    /// The pilot's or the department's name.
    pub name: String,
    pub teams: Vec<TeamCoverage>,
    pub in_team: i64,
    pub in_department: i64,
    pub none: i64,
    /// Share of the teams with a champion in the team (null without teams).
    pub share: Option<f64>,
}

/// Champion coverage per pilot and per department.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", schema(as = ChampionCoverageReport))]
pub struct CoverageReport {
    pub pilots: Vec<CoverageGroup>,
    pub departments: Vec<CoverageGroup>,
}

/// A team's champions: in the team, and elsewhere in its department.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamChampions {
    pub team_id: i64,
    pub team: String,
    pub coverage: Coverage,
    pub in_team: Vec<ChampionName>,
    pub in_department: Vec<ChampionName>,
    /// The team manager's own training, for the manager (and HR) only.
    pub manager_training: Option<super::training::ManagerTraining>,
    /// The pilots the team takes part in: their reports show the team's figures above k.
    pub pilots: Vec<TeamPilot>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamPilot {
    pub pilot_id: i64,
    pub name: String,
    pub report_published: bool,
    /// The team's participation per phase (counts only at k people or more), for its manager
    /// and HR; empty for members.
    pub participation: Vec<TeamPhaseParticipation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamPhaseParticipation {
    pub phase: crate::domain::capture::pulse::PulsePhase,
    pub participation: crate::domain::capture::participation::PhaseParticipation,
}
