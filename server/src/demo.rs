//! `async-pilot demo`: a believable organisation to explore, with one sign-in per role.

use std::fmt::Write;

use app::{
    domain::{
        account::{Email, NewPassword},
        pilot::{plan::PlanInput, Arm, PilotStage, ProtocolInput},
    },
    server::{
        auth::password::hash_password,
        repo::{self, audit::Actor},
        services::{pilot_teams, pilots, roster},
    },
};
use chrono::{DateTime, Days, Utc};
use sea_orm::DatabaseConnection;

pub const DEMO_PASSWORD: &str = "async pilot demo 2026";
pub const SIGN_INS: [(&str, &str); 4] = [
    ("admin", "admin@example.org"),
    ("executive", "exec@example.org"),
    ("participant", "member@example.org"),
    // In a pilot team of the finished pilot: reads its report once HR publishes it.
    ("participant", crate::demo_finished::SIGNED_IN_MEMBER),
];

const DEPARTMENTS: [(&str, &[(&str, &str)]); 6] = [
    (
        "Engineering",
        &[
            ("Platform", "Europe/Berlin"),
            ("Payments", "Europe/Berlin"),
            ("Mobile", "Europe/Lisbon"),
            ("Data", "Europe/London"),
            ("Security", "America/New_York"),
        ],
    ),
    (
        "Product",
        &[
            ("Discovery", "Europe/Amsterdam"),
            ("Design", "Europe/Amsterdam"),
            ("Growth", "America/Toronto"),
        ],
    ),
    (
        "Customer Success",
        &[
            ("Support EMEA", "Europe/Dublin"),
            ("Support Americas", "America/Chicago"),
            ("Onboarding", "Europe/Madrid"),
        ],
    ),
    (
        "People & Operations",
        &[
            ("People Team", "Europe/Berlin"),
            ("Workplace", "Europe/Berlin"),
        ],
    ),
    ("Finance", &[("Finance Ops", "Europe/London")]),
    ("Leadership", &[("Executive Team", "Europe/Berlin")]),
];

const FIRST: [&str; 24] = [
    "Ada", "Ben", "Chiara", "Dev", "Elif", "Femi", "Greta", "Hugo", "Ines", "Jonas", "Kaito",
    "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera",
    "Wen", "Yusuf",
];
const LAST: [&str; 19] = [
    "Almeida", "Berger", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Hansen", "Ivanova",
    "Jensen", "Kowalski", "Larsen", "Moreau", "Novak", "Okafor", "Petrov", "Rossi", "Schmidt",
    "Tanaka",
];

/// The demo roster as CSV: every team has a manager (its first member) and 6–10 members.
pub fn roster_csv() -> String {
    let mut csv =
        String::from("email,name,team,department,manager_email,role,timezone,working_pattern\n");
    let mut person = 0usize;
    for (team_index, (department, team, zone)) in DEPARTMENTS
        .iter()
        .flat_map(|(department, teams)| {
            teams
                .iter()
                .map(move |(team, zone)| (*department, *team, *zone))
        })
        .enumerate()
    {
        let size = 7 + (team_index * 3) % 5;
        let mut manager = String::new();
        for member in 0..size {
            let first = FIRST[person % FIRST.len()];
            let last = LAST[(person * 7 + team_index) % LAST.len()];
            let (email, name, role) = match (team, member) {
                ("People Team", 0) => (
                    "admin@example.org".to_string(),
                    "Hana Hoffmann".to_string(),
                    "admin",
                ),
                ("Executive Team", 0) => (
                    "exec@example.org".to_string(),
                    "Elena Eklund".to_string(),
                    "executive",
                ),
                ("Executive Team", _) => (
                    demo_email(first, last, person),
                    format!("{first} {last}"),
                    "executive",
                ),
                ("Platform", 1) => (
                    "member@example.org".to_string(),
                    "Mika Meyer".to_string(),
                    "participant",
                ),
                ("Design", 1) => (
                    crate::demo_finished::SIGNED_IN_MEMBER.to_string(),
                    "Dana Dahl".to_string(),
                    "participant",
                ),
                _ => (
                    demo_email(first, last, person),
                    format!("{first} {last}"),
                    "participant",
                ),
            };
            let pattern = if person % 7 == 3 {
                "part_time"
            } else if person % 23 == 5 {
                "other"
            } else {
                "full_time"
            };
            let manager_email = if member == 0 { "" } else { manager.as_str() };
            let _ = writeln!(
                csv,
                "{email},{name},{team},{department},{manager_email},{role},{zone},{pattern}"
            );
            if member == 0 {
                manager = email;
            }
            person += 1;
        }
    }
    csv
}

fn demo_email(first: &str, last: &str, number: usize) -> String {
    format!(
        "{}.{}{}@example.org",
        first.to_lowercase(),
        last.to_lowercase(),
        number
    )
}

/// Loads the demo unless it is there already; returns what to print.
pub async fn load(db: &DatabaseConnection, now: DateTime<Utc>) -> anyhow::Result<String> {
    let admin = Email::parse(SIGN_INS[0].1).map_err(|error| anyhow::anyhow!("{error}"))?;
    let already = repo::people::find_row_by_email(db, &admin)
        .await
        .map_err(|error| anyhow::anyhow!("{error}"))?
        .is_some();
    if already {
        return Ok(format!(
            "The demo organisation is already loaded.\n{}",
            sign_ins()
        ));
    }
    let preview = match roster::import(db, &roster_csv(), Actor::System, now)
        .await
        .map_err(|error| anyhow::anyhow!("{error}"))?
    {
        Ok(preview) => preview,
        Err(rejected) => anyhow::bail!("the demo roster was refused: {:?}", rejected.errors),
    };
    let password =
        NewPassword::parse(DEMO_PASSWORD, None).map_err(|error| anyhow::anyhow!("{error}"))?;
    for (_, email) in SIGN_INS {
        let email = Email::parse(email).map_err(|error| anyhow::anyhow!("{error}"))?;
        let person = repo::people::find_row_by_email(db, &email)
            .await
            .map_err(|error| anyhow::anyhow!("{error}"))?
            .ok_or_else(|| anyhow::anyhow!("{} missing from the demo roster", email.as_str()))?;
        let hash = hash_password(&password)
            .await
            .map_err(|error| anyhow::anyhow!("{error}"))?;
        repo::people::set_password_hash(db, person.id, hash, now)
            .await
            .map_err(|error| anyhow::anyhow!("{error}"))?;
    }
    let pilot = load_pilot(db, now).await?;
    let finished = crate::demo_finished::load(db, now).await?;
    crate::demo_champions::load(db, &pilot, &finished, now).await?;
    Ok(format!(
        "Demo organisation loaded: {} people in {} teams and {} departments, the pilot '{pilot}' in its baseline and the finished pilot '{finished}'.\n{}",
        preview.new_people.len(),
        preview.new_teams.len(),
        preview.new_departments.len(),
        sign_ins()
    ))
}

fn sign_ins() -> String {
    let mut text = String::from("Sign in at /sign-in with one of these (password for all: ");
    let _ = write!(text, "{DEMO_PASSWORD}):");
    for (role, email) in SIGN_INS {
        let _ = write!(text, "\n  {role:<12} {email}");
    }
    text
}

/// One pilot in its baseline: three volunteer pilot teams, three comparison teams, and most of
/// their members enrolled.
async fn load_pilot(db: &DatabaseConnection, now: DateTime<Utc>) -> anyhow::Result<String> {
    let fail = |error: app::error::AppError| anyhow::anyhow!("{error}");
    let today = now.date_naive();
    let start = today.checked_sub_days(Days::new(10)).unwrap_or(today);
    let name = "Async-first Tuesdays".to_string();
    let input = ProtocolInput {
        name: name.clone(),
        hypothesis: "Replacing status meetings with written updates protects deep work in pilot \
                     teams without hurting satisfaction or slowing decisions."
            .into(),
        primary_metric: "deep_work_protection_rate".into(),
        guardrail_metrics: "satisfaction_and_burnout,decision_velocity".into(),
        plan: PlanInput {
            baseline_start: start.format("%Y-%m-%d").to_string(),
            baseline_days: "30".into(),
            intervention_days: "28".into(),
            follow_up_days: "30".into(),
        },
        privacy_k: "5".into(),
    };
    let pilot_id = pilots::create(db, Actor::System, &input, now)
        .await
        .map_err(fail)?;
    for (team_name, arm) in [
        ("Platform", Arm::Pilot),
        ("Payments", Arm::Pilot),
        ("Support EMEA", Arm::Pilot),
        ("Mobile", Arm::Comparison),
        ("Data", Arm::Comparison),
        ("Support Americas", Arm::Comparison),
    ] {
        let team_id = repo::pilot_teams::team_id_named(db, team_name)
            .await
            .map_err(fail)?
            .ok_or_else(|| anyhow::anyhow!("demo team {team_name} missing"))?;
        let volunteered = arm == Arm::Pilot;
        pilot_teams::add_team(db, Actor::System, pilot_id, team_id, arm, volunteered, now)
            .await
            .map_err(fail)?;
    }
    let baseline = PilotStage::Baseline;
    pilots::advance(db, Actor::System, pilot_id, baseline, None, today, now)
        .await
        .map_err(fail)?;
    let members = repo::consents::frozen_members(db, pilot_id)
        .await
        .map_err(fail)?;
    let participant = Email::parse(SIGN_INS[2].1).map_err(|error| anyhow::anyhow!("{error}"))?;
    let participant = repo::people::find_row_by_email(db, &participant)
        .await
        .map_err(fail)?
        .map(|row| row.id);
    for (index, &(person_id, team_id)) in members.iter().enumerate() {
        // About three in four consent; the demo participant always does. The demo stands in for
        // the members here, so it writes their consent directly.
        if index % 4 != 3 || Some(person_id) == participant {
            repo::consents::record(db, pilot_id, team_id, person_id, now)
                .await
                .map_err(fail)?;
        }
    }
    Ok(name)
}
