//! Manager training on the wire: the catalogue, a manager's status per module, recording a
//! status, the CSV import, and training coverage (names for HR, shares for executives).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::{champions::training::TrainingStatus, roster::LineError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TrainingModule {
    pub key: String,
    pub title: String,
    /// Needed for a manager to count as trained.
    pub required: bool,
    /// One of the method's three modules.
    pub built_in: bool,
}

/// A module HR adds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TrainingModuleInput {
    /// 2–40 lower-case letters, digits or `_`.
    pub key: String,
    pub title: String,
    #[serde(default)]
    pub required: bool,
}

/// One module's status for a manager.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ModuleState {
    pub module: String,
    pub title: String,
    pub required: bool,
    pub status: TrainingStatus,
    pub completed_on: Option<NaiveDate>,
}

/// A team manager's training.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ManagerTraining {
    pub person_id: i64,
    pub name: String,
    pub email: String,
    /// The teams they manage.
    pub teams: Vec<String>,
    pub modules: Vec<ModuleState>,
    /// Every required module completed.
    pub trained: bool,
}

/// Recording one module's status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TrainingRecordInput {
    pub module: String,
    pub status: TrainingStatus,
    /// `YYYY-MM-DD`, only (and always) for `completed`.
    #[serde(default)]
    pub completed_on: Option<String>,
}

/// The caller's own training: null when they manage no team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MyTraining {
    pub training: Option<ManagerTraining>,
}

/// A training CSV to check, and to write when `dry_run` is false.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TrainingImportInput {
    /// `email,module,status,completed_on`.
    pub csv: String,
    #[serde(default)]
    pub dry_run: bool,
}

/// What an import did: every bad line with its number, or how many statuses it wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TrainingImportResult {
    /// Good lines (all of them were written unless `written` is false).
    pub rows: i64,
    pub errors: Vec<LineError>,
    /// False for a dry run or when any line is bad (then nothing was written).
    pub written: bool,
}

/// A manager missing required modules (HR only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ManagerMissing {
    pub person_id: i64,
    pub name: String,
    pub modules: Vec<String>,
}

/// A pilot's training coverage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PilotTrainingCoverage {
    pub pilot_id: i64,
    pub pilot: String,
    /// Managers of the pilot arm's teams.
    pub managers: i64,
    /// Those who completed every required module.
    pub completed: i64,
    pub share: Option<f64>,
    /// Who misses what: for HR only, null for executives.
    pub missing: Option<Vec<ManagerMissing>>,
}
