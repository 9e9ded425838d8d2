//! Decision logs: the team's people log decisions and mark open ones decided; they and HR read
//! the log, HR without titles when the team has fewer than *k* people.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sea_orm::DatabaseConnection;

use super::team_records::team_and_standing;
use crate::{
    domain::{
        access::Action,
        audit::AuditAction,
        capture::{
            decision::{
                check_decided, hours_to_decide, median, parse_documentation, parse_instant,
                DecisionDraft, NewDecision, BUILT_IN_PROCESS_TYPES,
            },
            standing::{team_k, withheld_reason},
        },
    },
    error::AppError,
    server::{
        repo::{
            self,
            audit::{Actor, Entry},
            decisions::Decision,
        },
        tx,
    },
    wire::decisions::{
        DecisionDecided, DecisionInput, DecisionSummary, DecisionView, TeamDecisions,
    },
};

/// How times typed without an offset are read: the API and imports say UTC (METHOD.md section
/// 2); the page's form takes wall-clock time in the team's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypedTimes {
    Utc,
    TeamZone,
}

impl TypedTimes {
    fn zone(self, team_zone: &str) -> Tz {
        match self {
            Self::Utc => Tz::UTC,
            Self::TeamZone => team_zone.parse().unwrap_or(Tz::UTC),
        }
    }
}

/// The team's decision log with its summary.
pub async fn log_of(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    team_id: i64,
) -> Result<TeamDecisions, AppError> {
    super::authorize(&actor, Action::ReadTeamRecords)?;
    let (team, standing) = team_and_standing(db, &actor, team_id).await?;
    if !standing.may_read() {
        return Err(AppError::Forbidden);
    }
    let k = team_k(&repo::team_records::pilot_ks(db, team.id).await?);
    let people = repo::team_records::people_count(db, team.id).await?;
    let decisions = repo::decisions::of_team(db, team.id).await?;
    let summary = summarise(&decisions);
    let sees_titles = standing.sees_titles(people, k);
    let labels = process_labels(db).await?;
    Ok(TeamDecisions {
        team_id: team.id,
        team: team.name,
        time_zone: team.time_zone,
        summary,
        decisions: sees_titles.then(|| {
            decisions
                .into_iter()
                .map(|decision| view(decision, &labels))
                .collect()
        }),
        withheld: (!sees_titles).then(|| withheld_reason(k)),
        can_log: standing.may_log_decisions() && !is_executive(&actor),
    })
}

/// Logs a decision in the team; returns its id.
pub async fn log(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    team_id: i64,
    input: &DecisionInput,
    times: TypedTimes,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    super::authorize(&actor, Action::KeepTeamRecords)?;
    let (team, standing) = team_and_standing(db, &actor, team_id).await?;
    if !standing.may_log_decisions() {
        return Err(AppError::Forbidden);
    }
    let custom: Vec<String> = repo::process_types::all(db)
        .await?
        .into_iter()
        .map(|(key, _)| key)
        .collect();
    let draft = DecisionDraft {
        title: &input.title,
        process_type: &input.process_type,
        raised_at: &input.raised_at,
        decided_at: input.decided_at.as_deref().unwrap_or(""),
        documentation: input.documentation.as_deref(),
    };
    let decision = NewDecision::parse(&draft, &custom, times.zone(&team.time_zone), now)?;
    let author = author_of(&actor);
    tx::write(db, async |tx| {
        let id = repo::decisions::insert(tx, team.id, &decision, author, now).await?;
        // The title stays out of the log: HR reads the audit log, and a small team's titles are
        // not for HR.
        let entry = Entry::new(actor, AuditAction::DecisionLogged, "decision")
            .object(id)
            .detail(format!(
                "{}: {}, {}",
                team.name,
                decision.process_type,
                if decision.decided_at.is_some() {
                    "decided"
                } else {
                    "open"
                }
            ));
        repo::audit::record(tx, entry, now).await?;
        Ok(id)
    })
    .await
}

/// Marks one of the team's open decisions decided.
pub async fn decide(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    decision_id: i64,
    input: &DecisionDecided,
    times: TypedTimes,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    super::authorize(&actor, Action::KeepTeamRecords)?;
    let decision = repo::decisions::find(db, decision_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("decision {decision_id}")))?;
    let (team, standing) = team_and_standing(db, &actor, decision.team_id).await?;
    if !standing.may_log_decisions() {
        return Err(AppError::Forbidden);
    }
    if decision.decided_at.is_some() {
        return Err(AppError::Conflict(
            "this decision is decided already".into(),
        ));
    }
    let decided_at = parse_instant("decided_at", &input.decided_at, times.zone(&team.time_zone))?;
    check_decided(decision.raised_at, decided_at, now)?;
    let documentation = match &input.documentation {
        Some(text) => Some(parse_documentation(Some(text.as_str()))?),
        None => None,
    };
    tx::write(db, async |tx| {
        let changed =
            repo::decisions::set_decided(tx, decision.id, decided_at, documentation, now).await?;
        if !changed {
            return Err(AppError::Conflict(
                "this decision is decided already".into(),
            ));
        }
        let entry = Entry::new(actor, AuditAction::DecisionDecided, "decision")
            .object(decision.id)
            .detail(format!(
                "{}: {} after {:.1} hours",
                team.name,
                decision.process_type,
                hours_to_decide(decision.raised_at, decided_at)
            ));
        repo::audit::record(tx, entry, now).await
    })
    .await
}

fn summarise(decisions: &[Decision]) -> DecisionSummary {
    let mut hours: Vec<f64> = decisions
        .iter()
        .filter_map(|decision| {
            decision
                .decided_at
                .map(|decided_at| hours_to_decide(decision.raised_at, decided_at))
        })
        .collect();
    let count = |keep: fn(&Decision) -> bool| {
        i64::try_from(decisions.iter().filter(|decision| keep(decision)).count()).unwrap_or(0)
    };
    DecisionSummary {
        total: i64::try_from(decisions.len()).unwrap_or(0),
        open: count(|decision| decision.decided_at.is_none()),
        decided: count(|decision| decision.decided_at.is_some()),
        documented: count(|decision| decision.documented),
        median_hours_to_decide: median(&mut hours),
    }
}

/// Every process type's label by key, built-in and HR-defined.
async fn process_labels(
    db: &DatabaseConnection,
) -> Result<std::collections::HashMap<String, String>, AppError> {
    let mut labels: std::collections::HashMap<String, String> = BUILT_IN_PROCESS_TYPES
        .iter()
        .map(|(key, label)| (key.to_string(), label.to_string()))
        .collect();
    labels.extend(repo::process_types::all(db).await?);
    Ok(labels)
}

fn view(decision: Decision, labels: &std::collections::HashMap<String, String>) -> DecisionView {
    DecisionView {
        id: decision.id,
        process_label: labels
            .get(&decision.process_type)
            .cloned()
            .unwrap_or_else(|| decision.process_type.clone()),
        title: decision.title,
        process_type: decision.process_type,
        raised_at: decision.raised_at,
        decided_at: decision.decided_at,
        hours_to_decide: decision
            .decided_at
            .map(|decided_at| hours_to_decide(decision.raised_at, decided_at)),
        documented: decision.documented,
        documentation: decision.documentation,
        source: decision.source,
    }
}

fn author_of(actor: &Actor<'_>) -> Option<i64> {
    match actor {
        Actor::Caller(caller) => Some(caller.person_id),
        Actor::Person { id, .. } => *id,
        Actor::Anonymous | Actor::System => None,
    }
}

fn is_executive(actor: &Actor<'_>) -> bool {
    matches!(actor, Actor::Caller(caller) if caller.role == crate::domain::account::Role::Executive)
}
