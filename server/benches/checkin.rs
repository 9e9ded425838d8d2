//! Benchmark: 50 signed-in people submit check-ins at once over HTTP, against the same rows
//! written by plain single-row INSERT statements into the same kind of database. Runs on a
//! SQLite file, and on PostgreSQL when `ASYNC_PILOT_TEST_POSTGRES` names a server. Writes the
//! rates and their ratio to `$CARGO_TARGET_DIR/bench-results/checkin.txt` (or `target/…`).
//!   cargo bench -p async-pilot --bench checkin

mod support;

use std::{fmt::Write, net::SocketAddr, time::Instant};

use app::{
    domain::pilot::ProtocolInput,
    domain::{account::Email, pilot::plan::PlanInput, pilot::Arm, pilot::PilotStage},
    server::{
        db,
        mail::MailSettings,
        repo::{self, audit::Actor},
        services::{pilot_teams, pilots},
        state::AppState,
    },
};
use chrono::{Days, Utc};
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection};

const PEOPLE: usize = 50;
/// Days back each person checks in for (today and the 3 days before) times the parts of day.
const DAYS: u64 = 4;
const PARTS: [&str; 3] = ["morning", "afternoon", "evening"];

fn roster_csv() -> String {
    let mut csv =
        String::from("email,name,team,department,manager_email,role,timezone,working_pattern\n");
    for i in 0..PEOPLE {
        let _ = writeln!(
            csv,
            "p{i}@example.org,Person {i},Bench,Bench,,,UTC,full_time"
        );
    }
    csv
}

/// People in a pilot's baseline, each consenting, with a session each.
async fn enrolled(db: &DatabaseConnection) -> anyhow::Result<(Vec<String>, Vec<i64>)> {
    let fail = |error: app::error::AppError| anyhow::anyhow!("{error}");
    let now = Utc::now();
    support::organisation(db, &roster_csv(), now).await?;
    let team = repo::teams::summaries(db).await.map_err(fail)?[0].id;
    let start = now
        .date_naive()
        .checked_sub_days(Days::new(5))
        .unwrap_or_default();
    let protocol = ProtocolInput {
        name: "Bench".into(),
        hypothesis: "Check-ins are cheap".into(),
        primary_metric: "energy_pattern".into(),
        guardrail_metrics: String::new(),
        plan: PlanInput {
            baseline_start: start.to_string(),
            baseline_days: "28".into(),
            intervention_days: "28".into(),
            follow_up_days: "28".into(),
        },
        privacy_k: "5".into(),
    };
    let pilot = pilots::create(db, Actor::System, &protocol, now)
        .await
        .map_err(fail)?;
    pilot_teams::add_team(db, Actor::System, pilot, team, Arm::Pilot, true, now)
        .await
        .map_err(fail)?;
    let mut cookies = Vec::new();
    let mut ids = Vec::new();
    for i in 0..PEOPLE {
        let email =
            Email::parse(&format!("p{i}@example.org")).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let person = repo::people::find_row_by_email(db, &email)
            .await
            .map_err(fail)?
            .ok_or_else(|| anyhow::anyhow!("person {i}"))?;
        repo::consents::record(db, pilot, team, person.id, now)
            .await
            .map_err(fail)?;
        let token = repo::sessions::create(db, person.id, now)
            .await
            .map_err(fail)?;
        cookies.push(format!(
            "{}={token}",
            app::server::auth::cookie::SESSION_COOKIE
        ));
        ids.push(person.id);
    }
    pilots::advance(
        db,
        Actor::System,
        pilot,
        PilotStage::Baseline,
        None,
        now.date_naive(),
        now,
    )
    .await
    .map_err(fail)?;
    Ok((cookies, ids))
}

fn body(day: u64, part: &str) -> serde_json::Value {
    let date = Utc::now()
        .date_naive()
        .checked_sub_days(Days::new(day))
        .unwrap_or_default();
    serde_json::json!({
        "date": date, "part_of_day": part, "energy": 4, "focus_planned_hours": 3,
        "focus_achieved_hours": 2, "meetings": 2, "meeting_hours": 1.5,
    })
}

/// Check-ins per second through the server, all 50 people at once.
async fn over_http(db: DatabaseConnection, cookies: Vec<String>) -> anyhow::Result<f64> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let local: SocketAddr = listener.local_addr()?;
    let state = AppState {
        leptos_options: async_pilot::startup::leptos_options("target/site", local),
        db,
        mail: MailSettings {
            public_url: format!("http://{local}"),
            delivers: false,
        },
        trusted_proxies: Default::default(),
    };
    let server = tokio::spawn(async_pilot::startup::serve(
        listener,
        async_pilot::startup::router(state),
        std::future::pending(),
    ));
    let client = reqwest::Client::new();
    let started = Instant::now();
    let mut people = Vec::new();
    for cookie in cookies {
        let client = client.clone();
        let url = format!("http://{local}/api/v1/checkins");
        people.push(tokio::spawn(async move {
            for day in 0..DAYS {
                for part in PARTS {
                    let response = client
                        .post(&url)
                        .header("cookie", &cookie)
                        .json(&body(day, part))
                        .send()
                        .await?;
                    anyhow::ensure!(response.status() == 200, "{}", response.text().await?);
                }
            }
            anyhow::Ok(())
        }));
    }
    for person in people {
        person.await??;
    }
    let elapsed = started.elapsed().as_secs_f64();
    server.abort();
    Ok((PEOPLE as u64 * DAYS * PARTS.len() as u64) as f64 / elapsed)
}

/// The same rows (check-ins and their values) again, after clearing them, as plain single-row
/// INSERTs one at a time.
async fn plain_sql(db: &DatabaseConnection, people: &[i64]) -> anyhow::Result<f64> {
    let backend = db.get_database_backend();
    db.execute_unprepared("DELETE FROM entries").await?;
    db.execute_unprepared("DELETE FROM checkins").await?;
    let started = Instant::now();
    for &id in people {
        for day in 0..DAYS {
            let date = Utc::now()
                .date_naive()
                .checked_sub_days(Days::new(day))
                .unwrap_or_default();
            for part in PARTS {
                let now = Utc::now();
                db.execute_raw(sea_orm::Statement::from_sql_and_values(
                    backend,
                    if backend == sea_orm::DbBackend::Postgres {
                        "INSERT INTO checkins (person_id, checkin_date, part_of_day, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)"
                    } else {
                        "INSERT INTO checkins (person_id, checkin_date, part_of_day, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"
                    },
                    plain_values(backend, vec![id.into(), date.into(), part.into(), now.into()]),
                ))
                .await?;
                for (measure, qualifier, value) in [
                    ("energy", part, 4.0),
                    ("focus_planned_hours", "", 3.0),
                    ("focus_achieved_hours", "", 2.0),
                    ("meetings", "", 2.0),
                    ("meeting_hours", "", 1.5),
                ] {
                    // Plain inserts cannot repeat a key: later parts of the day write their own
                    // energy only, like the upserts do.
                    if qualifier.is_empty() && part != PARTS[0] {
                        continue;
                    }
                    db.execute_raw(sea_orm::Statement::from_sql_and_values(
                        backend,
                        if backend == sea_orm::DbBackend::Postgres {
                            "INSERT INTO entries (person_id, entry_date, measure, qualifier, value, source, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'checkin', $6, $6)"
                        } else {
                            "INSERT INTO entries (person_id, entry_date, measure, qualifier, value, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'checkin', ?, ?)"
                        },
                        plain_values(
                            backend,
                            vec![id.into(), date.into(), measure.into(), qualifier.into(), value.into(), now.into()],
                        ),
                    ))
                    .await?;
                }
            }
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    Ok((PEOPLE as u64 * DAYS * PARTS.len() as u64) as f64 / elapsed)
}

/// SQLite's `?` placeholders are positional: the last value (the time) is bound twice there.
fn plain_values(
    backend: sea_orm::DbBackend,
    mut values: Vec<sea_orm::Value>,
) -> Vec<sea_orm::Value> {
    if backend == sea_orm::DbBackend::Sqlite {
        if let Some(last) = values.last().cloned() {
            values.push(last);
        }
    }
    values
}

async fn run(label: &str, url: &str, report: &mut String) -> anyhow::Result<()> {
    let db = db::connect(url).await?;
    Migrator::up(&db, None).await?;
    let (cookies, people) = enrolled(&db).await?;
    let http = over_http(db.clone(), cookies).await?;
    let plain = plain_sql(&db, &people).await?;
    let _ = writeln!(
        report,
        "{label}: {PEOPLE} people at once over HTTP: {http:.1} check-ins/s; \
         plain single-row INSERTs: {plain:.1} check-ins/s; HTTP ÷ plain {:.2}",
        http / plain
    );
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let folder = tempfile::tempdir()?;
    let build = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    let mut report = format!("check-in submits, {build} build (a check-in = 1 row + its values)\n");
    let sqlite = format!("sqlite://{}/bench.db?mode=rwc", folder.path().display());
    run("SQLite file", &sqlite, &mut report).await?;
    if let Ok(server) = std::env::var("ASYNC_PILOT_TEST_POSTGRES") {
        let name = format!("bench_checkin_{}", std::process::id());
        let admin = db::connect(&server).await?;
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await?;
        let result = run(
            "PostgreSQL",
            &format!("{}/{name}", server.trim_end_matches('/')),
            &mut report,
        )
        .await;
        drop(admin);
        let admin = db::connect(&server).await?;
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await?;
        result?;
    }
    print!("{report}");
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let out = std::path::Path::new(&target).join("bench-results");
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join("checkin.txt"), report)?;
    Ok(())
}
