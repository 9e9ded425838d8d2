//! Pilot reports: computed from the raw entries (METHOD.md), cached until the data changes,
//! read in full by HR and executives, and by a pilot's participants and managers — their own
//! teams' rows and the arms only — once HR has published it (from review on).

use chrono::{DateTime, Days, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use super::authorize;
use crate::{
    domain::{
        access::Action,
        account::Role as AccountRole,
        audit::AuditAction,
        metrics::Metric,
        pilot::Pilot,
        report::{
            assemble,
            catalogue::ReportMetric,
            input::{utc_offset_hours, PersonFacts, ReportInput},
            shape::{Report, ReportPilot, Window, Windows},
        },
    },
    error::AppError,
    server::{
        repo::{
            self,
            audit::{Actor, Entry},
        },
        tx,
    },
    wire::reports::ReportPage,
};

/// Who sees how much of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Everything,
    /// Only these teams' rows (and the arms, which pool at least k people each).
    OwnTeams(Vec<i64>),
}

/// What `actor` may see of the pilot's report: everything for HR, executives and the system;
/// for anyone else their own and managed teams of the pilot, once the report is published.
pub async fn scope(
    db: &impl ConnectionTrait,
    actor: &Actor<'_>,
    pilot: &Pilot,
) -> Result<Scope, AppError> {
    let caller = match actor {
        Actor::System => return Ok(Scope::Everything),
        Actor::Caller(caller) => caller,
        Actor::Person { .. } | Actor::Anonymous => return Err(AppError::Forbidden),
    };
    if matches!(caller.role, AccountRole::Admin | AccountRole::Executive) {
        authorize(actor, Action::ReadPilots)?;
        return Ok(Scope::Everything);
    }
    authorize(actor, Action::ReadTeamRecords)?;
    let team_ids: Vec<i64> = repo::pilot_teams::of_pilot(db, pilot.id)
        .await?
        .into_iter()
        .map(|team| team.team_id)
        .collect();
    let mut own = repo::report_data::managed_teams(db, caller.person_id, &team_ids).await?;
    if let Some(team) = repo::pulses::frozen_team(db, pilot.id, caller.person_id).await? {
        own.push(team);
    }
    own.sort_unstable();
    own.dedup();
    if own.is_empty() {
        return Err(AppError::Forbidden);
    }
    let published = repo::reports::published_at(db, pilot.id).await?.is_some();
    if !(published && pilot.stage.shows_published_report()) {
        return Err(AppError::Conflict(
            "HR has not published this pilot's report yet".into(),
        ));
    }
    Ok(Scope::OwnTeams(own))
}

/// The pilot's report as `actor` may see it.
pub async fn of_pilot(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    pilot_id: i64,
    now: DateTime<Utc>,
) -> Result<Report, AppError> {
    let pilot = repo::pilots::get(db, pilot_id).await?;
    let scope = scope(db, &actor, &pilot).await?;
    let report = full_report(db, &pilot, now).await?;
    Ok(restrict(report, &scope))
}

/// Drops every team row outside the scope; arms, differences and the heatmap stay.
pub fn restrict(mut report: Report, scope: &Scope) -> Report {
    if let Scope::OwnTeams(teams) = scope {
        for metric in &mut report.metrics {
            metric.teams.retain(|team| teams.contains(&team.team_id));
        }
    }
    report
}

pub fn windows(pilot: &Pilot) -> Windows {
    let [baseline, intervention, follow_up] = pilot.protocol.plan.windows();
    let window = |phase: crate::domain::pilot::plan::PhaseWindow| Window {
        first_day: phase.first_day,
        last_day: phase.last_day,
    };
    Windows {
        baseline: window(baseline),
        intervention: window(intervention),
        follow_up: window(follow_up),
    }
}

/// The whole report, from the cache when nothing it reads has changed since.
pub async fn full_report(
    db: &impl ConnectionTrait,
    pilot: &Pilot,
    now: DateTime<Utc>,
) -> Result<Report, AppError> {
    let today = now.date_naive();
    let windows = windows(pilot);
    // After the follow-up, the day no longer matters; before its end, each day counts anew.
    let counted_until = today.min(windows.follow_up.last_day + Days::new(1));
    let fingerprint = format!(
        "{}|{}",
        repo::reports::fingerprint(db, pilot.id).await?,
        counted_until
    );
    if let Some(body) = repo::reports::cached(db, pilot.id, &fingerprint).await? {
        if let Ok(report) = serde_json::from_str::<Report>(&body) {
            return Ok(report);
        }
    }
    let report = compute(db, pilot, windows, today).await?;
    let body = serde_json::to_string(&report)
        .map_err(|error| AppError::internal("report to JSON", error))?;
    repo::reports::store(db, pilot.id, &fingerprint, &body, now).await?;
    Ok(report)
}

/// Reads the pilot's raw data and computes its report (METHOD.md), without the cache.
pub async fn compute(
    db: &impl ConnectionTrait,
    pilot: &Pilot,
    windows: Windows,
    today: NaiveDate,
) -> Result<Report, AppError> {
    let input = report_input(db, pilot, windows, today).await?;
    // Millions of entries take a while to fold; keep the async runtime free meanwhile.
    tokio::task::spawn_blocking(move || assemble::build(&input))
        .await
        .map_err(|error| AppError::internal("computing a report", error))
}

/// Everything a report is computed from, read in a fixed handful of queries; the champion
/// signals read their person values from the same input.
pub async fn report_input(
    db: &impl ConnectionTrait,
    pilot: &Pilot,
    windows: Windows,
    today: NaiveDate,
) -> Result<ReportInput, AppError> {
    let teams = repo::report_data::teams(db, pilot.id).await?;
    let team_ids: Vec<i64> = teams.iter().map(|team| team.team_id).collect();
    let consenting = repo::report_data::consenting(db, pilot.id).await?;
    let members = repo::participation::members(db, pilot.id, &consenting).await?;
    let entries = repo::report_data::entries(
        db,
        pilot.id,
        windows.baseline.first_day,
        windows.follow_up.last_day,
    )
    .await?;
    let decisions = repo::report_data::decisions(db, &team_ids).await?;
    let frozen_team: std::collections::HashMap<i64, i64> = members
        .iter()
        .map(|member| (member.person_id, member.team_id))
        .collect();
    let (facts, managers) = repo::report_data::people_facts(db, pilot.id, &team_ids).await?;
    let noon =
        windows.follow_up.first_day.and_time(chrono::NaiveTime::MIN) + chrono::Duration::hours(12);
    let people = facts
        .into_iter()
        .map(|(person_id, working_pattern, time_zone)| {
            let manages_team = frozen_team
                .get(&person_id)
                .is_some_and(|team| managers.contains(&(*team, person_id)));
            let facts = PersonFacts {
                working_pattern,
                utc_offset_hours: utc_offset_hours(&time_zone, noon),
                manages_team,
            };
            (person_id, facts)
        })
        .collect();
    let charters = repo::report_data::charters(db, &team_ids).await?;
    let custom_metrics = repo::custom_metrics::all(db)
        .await?
        .into_iter()
        .map(|metric| ReportMetric::Custom {
            key: metric.key,
            label: metric.label,
            unit: metric.unit,
            direction: metric.direction,
        })
        .collect();
    let protocol = &pilot.protocol;
    let count = |arm| teams.iter().filter(|team| team.arm == arm).count() as i64;
    Ok(ReportInput {
        pilot: ReportPilot {
            id: pilot.id,
            name: protocol.name.clone(),
            hypothesis: protocol.hypothesis.clone(),
            primary_metric: protocol.primary_metric.as_str().to_string(),
            guardrail_metrics: protocol
                .guardrail_metrics
                .iter()
                .map(|metric: &Metric| metric.as_str().to_string())
                .collect(),
            stage: pilot.stage.slug().to_string(),
            pilot_teams: count(crate::domain::pilot::Arm::Pilot),
            comparison_teams: count(crate::domain::pilot::Arm::Comparison),
        },
        privacy_k: protocol.privacy_k,
        windows,
        today,
        primary: protocol.primary_metric,
        guardrails: protocol.guardrail_metrics.clone(),
        custom_metrics,
        teams,
        members,
        entries,
        decisions,
        charters,
        people,
        index: Default::default(),
    })
}

/// HR publishes the report to the pilot's participants and managers (from review on), or
/// withdraws it again. In the audit log either way.
pub async fn set_published(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    pilot_id: i64,
    publish: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    authorize(&actor, Action::ChangePilots)?;
    tx::write(db, async |tx| {
        let pilot = repo::pilots::get(tx, pilot_id).await?;
        if publish && !pilot.stage.shows_published_report() {
            return Err(AppError::Conflict(format!(
                "a report can be published from review on; this pilot is in {}",
                pilot.stage.label().to_lowercase()
            )));
        }
        repo::reports::set_published(tx, pilot_id, publish.then_some(now)).await?;
        let action = if publish {
            AuditAction::ReportPublished
        } else {
            AuditAction::ReportWithdrawn
        };
        let entry = Entry::new(actor, action, "pilot")
            .object(pilot_id)
            .detail(pilot.protocol.name.clone());
        repo::audit::record(tx, entry, now).await
    })
    .await
}

/// The report with what the reader may do with it, for its page.
pub async fn page(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    pilot_id: i64,
    now: DateTime<Utc>,
) -> Result<ReportPage, AppError> {
    let pilot = repo::pilots::get(db, pilot_id).await?;
    let scope = scope(db, &actor, &pilot).await?;
    let report = restrict(full_report(db, &pilot, now).await?, &scope);
    let may_change = authorize(&actor, Action::ChangePilots).is_ok();
    Ok(ReportPage {
        report,
        published: repo::reports::published_at(db, pilot_id).await?.is_some(),
        may_publish: may_change && pilot.stage.shows_published_report(),
        own_teams_only: matches!(scope, Scope::OwnTeams(_)),
    })
}
