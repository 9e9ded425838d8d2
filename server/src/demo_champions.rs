//! The demo's champions and training: people of the finished pilot who opted in, a few
//! nominations, two confirmed champions (one in a running pilot team), one dismissed candidate,
//! and pilot-team managers at different stages of their training.

use app::{
    domain::{
        account::Email,
        champions::{training::TrainingStatus, CandidateDecision},
    },
    error::AppError,
    server::{
        repo::{self, audit::Actor, champions::Nomination},
        services::{champions, training},
    },
    wire::{champions::CandidateDecisionInput, training::TrainingRecordInput},
};
use chrono::{DateTime, Days, Utc};
use sea_orm::DatabaseConnection;

fn fail(error: AppError) -> anyhow::Error {
    anyhow::anyhow!("{error}")
}

async fn person(db: &DatabaseConnection, email: &str) -> anyhow::Result<i64> {
    let email = Email::parse(email).map_err(|error| anyhow::anyhow!("{error}"))?;
    Ok(repo::people::find_row_by_email(db, &email)
        .await
        .map_err(fail)?
        .ok_or_else(|| anyhow::anyhow!("{} missing from the demo", email.as_str()))?
        .id)
}

async fn members_of(db: &DatabaseConnection, pilot: &str) -> anyhow::Result<Vec<(i64, i64)>> {
    let pilots = repo::pilots::all(db).await.map_err(fail)?;
    let pilot = pilots
        .iter()
        .find(|candidate| candidate.protocol.name == pilot)
        .ok_or_else(|| anyhow::anyhow!("demo pilot {pilot} missing"))?;
    repo::consents::frozen_members(db, pilot.id)
        .await
        .map_err(fail)
}

async fn manager_of(db: &DatabaseConnection, team: &str) -> anyhow::Result<Option<i64>> {
    let Some(id) = repo::pilot_teams::team_id_named(db, team)
        .await
        .map_err(fail)?
    else {
        return Ok(None);
    };
    Ok(repo::team_records::find_team(db, id)
        .await
        .map_err(fail)?
        .and_then(|team| team.manager_id))
}

pub async fn load(
    db: &DatabaseConnection,
    running_pilot: &str,
    finished_pilot: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let finished = members_of(db, finished_pilot).await?;
    let designer = person(db, crate::demo_finished::SIGNED_IN_MEMBER).await?;
    // Every other member of the finished pilot lets their entries suggest them, and so does the
    // signed-in designer.
    for (index, (person_id, _)) in finished.iter().enumerate() {
        if index % 2 == 0 || *person_id == designer {
            repo::champions::set_opted_in(db, *person_id, true, now)
                .await
                .map_err(fail)?;
        }
    }
    logged_decisions(db, &finished, designer, now).await?;
    let member = person(db, "member@example.org").await?;
    let running = members_of(db, running_pilot).await?;
    let platform = repo::pilot_teams::team_id_named(db, "Platform")
        .await
        .map_err(fail)?;
    let platform_colleague = running
        .iter()
        .map(|(person_id, team)| (*person_id, *team))
        .find(|(person_id, team)| Some(*team) == platform && *person_id != member)
        .map(|(person_id, _)| person_id);
    let dismissed = finished
        .iter()
        .map(|(person_id, _)| *person_id)
        .find(|person_id| *person_id != designer);
    let nominations = [
        (
            Some(designer),
            member,
            "Her written design reviews mean nobody needs a meeting to catch up.",
            true,
        ),
        (
            platform_colleague,
            member,
            "Writes hand-overs that let the next time zone carry on without a call.",
            false,
        ),
        (
            platform_colleague,
            designer,
            "Answers in the thread, never pulls people into ad-hoc calls.",
            false,
        ),
        (
            dismissed,
            designer,
            "Keeps our decision log up to date.",
            true,
        ),
    ];
    for (nominee, nominator, reason, reveal) in nominations {
        let Some(nominee) = nominee else { continue };
        let nomination = Nomination {
            nominee_id: nominee,
            nominator_id: nominator,
            reason: reason.to_string(),
            reveal_nominator: reveal,
        };
        repo::champions::nominate(db, &nomination, now)
            .await
            .map_err(fail)?;
    }
    let decide = |decision, note: &str| CandidateDecisionInput {
        decision,
        note: Some(note.to_string()),
    };
    for (person_id, input) in [
        (
            Some(designer),
            decide(CandidateDecision::Confirm, "Agreed with her manager."),
        ),
        (
            platform_colleague,
            decide(
                CandidateDecision::Confirm,
                "Volunteered for the async office hours.",
            ),
        ),
        (
            dismissed,
            decide(
                CandidateDecision::Dismiss,
                "Asked to wait until after parental leave.",
            ),
        ),
    ] {
        if let Some(person_id) = person_id {
            champions::decide(db, Actor::System, person_id, &input, now)
                .await
                .map_err(fail)?;
        }
    }
    training_stages(db, now).await
}

/// A few open decisions that opted-in members of the finished pilot logged themselves, some
/// written down: their documented-share signal. Open decisions stay out of the report's
/// decision metrics, which count decided ones only.
async fn logged_decisions(
    db: &DatabaseConnection,
    finished: &[(i64, i64)],
    designer: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    use app::domain::capture::decision::NewDecision;
    let raised_at = now - chrono::Duration::days(30);
    let authors = finished
        .iter()
        .enumerate()
        .filter(|(index, (person_id, _))| index % 2 == 0 || *person_id == designer)
        .map(|(_, member)| *member)
        .take(8);
    for (index, (person_id, team_id)) in authors.enumerate() {
        for number in 0..=(index % 3) {
            let documented = (index + number) % 3 != 0;
            let decision = NewDecision {
                title: format!("Written proposal {}", number + 1),
                process_type: "operations".into(),
                raised_at,
                decided_at: None,
                documentation: documented.then(|| "https://wiki.example.org/decisions".into()),
            };
            repo::decisions::insert(db, team_id, &decision, Some(person_id), now)
                .await
                .map_err(fail)?;
        }
    }
    Ok(())
}

/// Pilot-team managers at different stages: done, nearly done, started, not started.
async fn training_stages(db: &DatabaseConnection, now: DateTime<Utc>) -> anyhow::Result<()> {
    let done = now
        .date_naive()
        .checked_sub_days(Days::new(20))
        .unwrap_or(now.date_naive())
        .format("%Y-%m-%d")
        .to_string();
    let modules = [
        "context_rich_writing",
        "outcome_based_management",
        "psychological_safety",
    ];
    // (team, how many modules completed, whether the next one is in progress)
    let stages = [
        ("Platform", 3, false),
        ("Design", 3, false),
        ("Payments", 2, true),
        ("Discovery", 1, false),
        ("Growth", 0, true),
    ];
    for (team, completed, in_progress) in stages {
        let Some(manager) = manager_of(db, team).await? else {
            continue;
        };
        for (index, module) in modules.iter().enumerate() {
            let status = if index < completed {
                TrainingStatus::Completed
            } else if index == completed && in_progress {
                TrainingStatus::InProgress
            } else {
                continue;
            };
            let input = TrainingRecordInput {
                module: module.to_string(),
                status,
                completed_on: (status == TrainingStatus::Completed).then(|| done.clone()),
            };
            training::record(db, Actor::System, manager, &input, now)
                .await
                .map_err(fail)?;
        }
    }
    Ok(())
}
