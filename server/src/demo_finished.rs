//! The demo's second pilot, already finished: baseline, intervention and follow-up in the past,
//! with entries, decisions and charters for its teams, so that a report has something to show.
//! It goes through the same use cases HR would use: protocol, teams, the baseline start (which
//! catches a past pilot up to its stage), consents, charters and the metric and decision imports.

use std::collections::HashMap;

use app::{
    domain::{
        capture::import::ImportKind,
        pilot::{plan::PlanInput, Arm, PilotStage, ProtocolInput},
    },
    error::AppError,
    server::{
        repo::{self, audit::Actor},
        services::{charters, entry_import, pilot_teams, pilots},
    },
    wire::charters::{ChannelForm, CharterForm},
};
use chrono::{DateTime, Days, NaiveDate, Utc};
use sea_orm::DatabaseConnection;

use crate::demo_history::{self, Member, Window};

const WINDOW_DAYS: u64 = 21;
const PILOT_TEAMS: [&str; 3] = ["Discovery", "Design", "Growth"];
const COMPARISON_TEAMS: [&str; 3] = ["Onboarding", "Security", "Workplace"];
/// Only a few of its members join: the report leaves the team out (fewer than k people).
const SMALL_TEAM: &str = "Workplace";
/// A pilot-team member with a demo sign-in: always consents, never withdraws.
pub const SIGNED_IN_MEMBER: &str = "designer@example.org";

fn fail(error: AppError) -> anyhow::Error {
    anyhow::anyhow!("{error}")
}

/// Loads the finished pilot; returns its name.
pub async fn load(db: &DatabaseConnection, now: DateTime<Utc>) -> anyhow::Result<String> {
    let today = now.date_naive();
    let baseline_start = today
        .checked_sub_days(Days::new(3 * WINDOW_DAYS + 14))
        .unwrap_or(today);
    let name = "Written-first decisions".to_string();
    let days = WINDOW_DAYS.to_string();
    let input = ProtocolInput {
        name: name.clone(),
        hypothesis: "Writing decisions down and replacing status meetings with written updates \
                     cuts meeting load in pilot teams without hurting satisfaction."
            .into(),
        primary_metric: "meeting_load".into(),
        guardrail_metrics: "satisfaction_and_burnout,decision_velocity".into(),
        plan: PlanInput {
            baseline_start: baseline_start.format("%Y-%m-%d").to_string(),
            baseline_days: days.clone(),
            intervention_days: days.clone(),
            follow_up_days: days,
        },
        privacy_k: "5".into(),
    };
    // Everyone has been in their team since well before this pilot's baseline.
    let long_ago = baseline_start
        .checked_sub_days(Days::new(365))
        .unwrap_or(baseline_start)
        .and_time(chrono::NaiveTime::MIN)
        .and_utc();
    repo::memberships::backdate_open(db, long_ago)
        .await
        .map_err(fail)?;
    let pilot_id = pilots::create(db, Actor::System, &input, now)
        .await
        .map_err(fail)?;
    let mut arms = HashMap::new();
    for (names, arm) in [
        (PILOT_TEAMS, Arm::Pilot),
        (COMPARISON_TEAMS, Arm::Comparison),
    ] {
        for team_name in names {
            let team_id = repo::pilot_teams::team_id_named(db, team_name)
                .await
                .map_err(fail)?
                .ok_or_else(|| anyhow::anyhow!("demo team {team_name} missing"))?;
            let volunteered = arm == Arm::Pilot;
            pilot_teams::add_team(db, Actor::System, pilot_id, team_id, arm, volunteered, now)
                .await
                .map_err(fail)?;
            arms.insert(team_id, (team_name, arm));
        }
    }
    // Its windows are in the past: starting the baseline moves it on to the review at once.
    pilots::advance(
        db,
        Actor::System,
        pilot_id,
        PilotStage::Baseline,
        None,
        today,
        now,
    )
    .await
    .map_err(fail)?;

    let emails: HashMap<i64, String> = repo::people::list(db)
        .await
        .map_err(fail)?
        .into_iter()
        .map(|person| (person.id, person.email))
        .collect();
    let frozen = repo::consents::frozen_members(db, pilot_id)
        .await
        .map_err(fail)?;
    let mut members = Vec::new();
    let mut small_team_joined = 0;
    let mut withdrawn = 0;
    for (index, &(person_id, team_id)) in frozen.iter().enumerate() {
        let Some(&(team, arm)) = arms.get(&team_id) else {
            continue;
        };
        let signs_in = emails.get(&person_id).map(String::as_str) == Some(SIGNED_IN_MEMBER);
        if signs_in {
            // Takes part like anyone who consented, nothing more.
        } else if team == SMALL_TEAM {
            if small_team_joined == 3 {
                continue;
            }
            small_team_joined += 1;
        } else if index % 7 == 6 {
            // Some never join.
            continue;
        }
        repo::consents::record(db, pilot_id, team_id, person_id, now)
            .await
            .map_err(fail)?;
        if index % 11 == 5 && withdrawn < 2 && !signs_in {
            // A couple withdraw later: none of their entries count any more.
            withdrawn += 1;
            if let Some(consent) = repo::consents::find(db, pilot_id, person_id)
                .await
                .map_err(fail)?
            {
                repo::consents::withdraw(db, consent.id, now)
                    .await
                    .map_err(fail)?;
            }
        }
        if let Some(email) = emails.get(&person_id) {
            members.push(Member {
                email: email.clone(),
                team: team.to_string(),
                pilot_arm: arm == Arm::Pilot,
            });
        }
    }

    let window = |offset: u64| Window {
        first: baseline_start + Days::new(offset * WINDOW_DAYS),
        last: baseline_start + Days::new((offset + 1) * WINDOW_DAYS - 1),
    };
    let intervention_start = window(1).first;
    for (&team_id, &(_, arm)) in &arms {
        save_charter(
            db,
            team_id,
            baseline_start,
            true,
            &[("chat", "1"), ("email", "8")],
            now,
        )
        .await?;
        if arm == Arm::Pilot {
            let written = [("chat", "4"), ("email", "24"), ("doc-comments", "48")];
            save_charter(db, team_id, intervention_start, false, &written, now).await?;
        }
    }

    let history = demo_history::generate(&members, window(0), window(2), 2026);
    for (kind, text) in [
        (ImportKind::Entries, &history.metrics_csv),
        (ImportKind::Decisions, &history.decisions_csv),
    ] {
        let preview =
            entry_import::run(db, kind, pilot_id, text, false, Actor::System, now, &|_| {})
                .await
                .map_err(fail)?;
        if preview.bad_lines > 0 {
            anyhow::bail!("the demo's {kind:?} file was refused: {:?}", preview.errors);
        }
    }
    Ok(name)
}

async fn save_charter(
    db: &DatabaseConnection,
    team_id: i64,
    from: NaiveDate,
    current_norms: bool,
    channels: &[(&str, &str)],
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let form = CharterForm {
        effective_from: from.format("%Y-%m-%d").to_string(),
        current_norms,
        note: if current_norms {
            "How we worked before the pilot, written down.".into()
        } else {
            "Written first: chat for quick questions, documents for decisions.".into()
        },
        channels: channels
            .iter()
            .map(|(name, hours)| ChannelForm {
                name: (*name).into(),
                purpose: String::new(),
                reply_hours: (*hours).into(),
            })
            .collect(),
    };
    charters::save(db, Actor::System, team_id, &form, now)
        .await
        .map_err(fail)?;
    Ok(())
}
