//! Benchmark: the full report of a pilot of 1,000 teams (500 pilot, 500 comparison), 10,000
//! people and 90 days of check-ins (five values a day, two pulses), against the floor any
//! report must pay: the raw SQL aggregate of person × phase × measure means over the same
//! entries. Measured on a SQLite file and, when `ASYNC_PILOT_BENCH_POSTGRES` names a server, on
//! a fresh PostgreSQL database; also the cached report (the data unchanged). Writes
//! `$CARGO_TARGET_DIR/bench-results/report.txt` (or `target/…`).
//!   cargo bench -p async-pilot --bench report

mod support;

use std::{fmt::Write, time::Instant};

use app::{
    domain::pilot::{plan::PlanInput, Arm, PilotStage, ProtocolInput},
    server::{
        repo::{self, audit::Actor},
        services::{pilot_teams, pilots, reports},
    },
};
use chrono::{DateTime, Days, NaiveDate, Utc};
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

const PER_TEAM: usize = 10;

/// 1,000 teams, or `ASYNC_PILOT_BENCH_TEAMS` for a quick look.
fn teams() -> usize {
    std::env::var("ASYNC_PILOT_BENCH_TEAMS")
        .ok()
        .and_then(|teams| teams.parse().ok())
        .unwrap_or(1_000)
}
const WINDOW: u64 = 30;

fn roster_csv() -> String {
    let mut csv = String::from("email,name,team,department\n");
    for i in 0..teams() * PER_TEAM {
        let _ = writeln!(
            csv,
            "p{i}@example.org,Person {i},Team {:04},Bench",
            i / PER_TEAM
        );
    }
    csv
}

/// A value that looks like data: a fixed pseudo-random number in [0, 1) per seed.
fn noise(seed: u64) -> f64 {
    let mixed = seed
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    ((mixed >> 33) % 10_000) as f64 / 10_000.0
}

/// The pilot (baseline 120 days ago, 30/30/30 days), every team in it, everyone consenting.
async fn pilot(db: &DatabaseConnection, now: DateTime<Utc>) -> anyhow::Result<(i64, NaiveDate)> {
    let fail = |error: app::error::AppError| anyhow::anyhow!("{error}");
    support::organisation(db, &roster_csv(), now).await?;
    let start = now.date_naive() - Days::new(120);
    repo::memberships::backdate_open(
        db,
        (start - Days::new(30))
            .and_time(chrono::NaiveTime::MIN)
            .and_utc(),
    )
    .await
    .map_err(fail)?;
    let protocol = ProtocolInput {
        name: "Bench".into(),
        hypothesis: "A report over ten thousand people stays quick".into(),
        primary_metric: "meeting_load".into(),
        guardrail_metrics: "satisfaction_and_burnout,energy_pattern".into(),
        plan: PlanInput {
            baseline_start: start.format("%Y-%m-%d").to_string(),
            baseline_days: WINDOW.to_string(),
            intervention_days: WINDOW.to_string(),
            follow_up_days: WINDOW.to_string(),
        },
        privacy_k: "5".into(),
    };
    let pilot = pilots::create(db, Actor::System, &protocol, now)
        .await
        .map_err(fail)?;
    for (index, team) in repo::teams::summaries(db)
        .await
        .map_err(fail)?
        .into_iter()
        .enumerate()
    {
        let arm = if index % 2 == 0 {
            Arm::Pilot
        } else {
            Arm::Comparison
        };
        pilot_teams::add_team(db, Actor::System, pilot, team.id, arm, true, now)
            .await
            .map_err(fail)?;
    }
    for (_, id) in repo::import_facts::people_by_email(db)
        .await
        .map_err(fail)?
    {
        if let Some(team) = repo::memberships::current_team(db, id)
            .await
            .map_err(fail)?
        {
            repo::consents::record(db, pilot, team, id, now)
                .await
                .map_err(fail)?;
        }
    }
    // The windows are past: starting the baseline freezes the teams and catches up to review.
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
    Ok((pilot, start))
}

/// Five check-in values a day for everyone over the 90 days, and a pulse in each compared
/// window, written in multi-row INSERTs (the fastest way in, not what is measured).
async fn entries(db: &DatabaseConnection, start: NaiveDate) -> anyhow::Result<usize> {
    // In roster order (ids ascend with it), so that people of one team sit together.
    let mut people: Vec<i64> = repo::import_facts::people_by_email(db)
        .await
        .map_err(|error| anyhow::anyhow!("{error}"))?
        .values()
        .copied()
        .filter(|id| *id > 1)
        .collect();
    people.sort_unstable();
    let stamp = "'2026-01-01T00:00:00+00:00'";
    let mut rows: Vec<String> = Vec::with_capacity(1_000);
    let mut written = 0;
    let flush = async |rows: &mut Vec<String>| -> anyhow::Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let sql = format!(
            "INSERT INTO entries (person_id, entry_date, measure, qualifier, value, source, author_id, created_at, updated_at) VALUES {}",
            rows.join(",")
        );
        db.execute_unprepared(&sql).await?;
        rows.clear();
        Ok(())
    };
    for (index, person) in people.iter().enumerate() {
        let pilot_arm = (index / PER_TEAM).is_multiple_of(2);
        for day in 0..3 * WINDOW {
            let date = start + Days::new(day);
            let follow_up = day >= 2 * WINDOW;
            let seed = (index as u64) << 16 | day;
            let meetings = 2.0 + 3.0 * noise(seed) - if pilot_arm && follow_up { 1.0 } else { 0.0 };
            let values = [
                ("energy", "morning", (1.0 + 4.0 * noise(seed + 1)).round()),
                ("focus_planned_hours", "", 3.0),
                (
                    "focus_achieved_hours",
                    "",
                    (3.0 * noise(seed + 2) + 0.5).min(3.0),
                ),
                ("meeting_hours", "", meetings.max(0.0)),
                ("felt_reply_hours", "chat", 0.5 + 4.0 * noise(seed + 3)),
            ];
            for (measure, qualifier, value) in values {
                rows.push(format!(
                    "({person}, '{date}', '{measure}', '{qualifier}', {value}, 'import', NULL, {stamp}, {stamp})"
                ));
            }
            written += values.len();
            if (day + WINDOW - 3).is_multiple_of(WINDOW) && day / WINDOW != 1 {
                let satisfaction = (10.0 * noise(seed + 4)).round();
                rows.push(format!(
                    "({person}, '{date}', 'satisfaction', '', {satisfaction}, 'pulse', NULL, {stamp}, {stamp})"
                ));
                written += 1;
            }
            if rows.len() >= 1_000 {
                flush(&mut rows).await?;
            }
        }
    }
    flush(&mut rows).await?;
    Ok(written)
}

/// The floor: person × phase × measure means over the same entries, in one SQL statement.
async fn raw_aggregate(
    db: &DatabaseConnection,
    pilot: i64,
    start: NaiveDate,
) -> anyhow::Result<usize> {
    let baseline_end = start + Days::new(WINDOW - 1);
    let follow_up = start + Days::new(2 * WINDOW);
    let end = start + Days::new(3 * WINDOW - 1);
    let sql = format!(
        "SELECT e.person_id, CASE WHEN e.entry_date <= '{baseline_end}' THEN 0 ELSE 1 END AS phase, \
         e.measure, AVG(e.value) AS mean, COUNT(*) AS n \
         FROM entries e JOIN pilot_members m ON m.person_id = e.person_id AND m.pilot_id = {pilot} \
         WHERE (e.entry_date BETWEEN '{start}' AND '{baseline_end}') OR (e.entry_date BETWEEN '{follow_up}' AND '{end}') \
         GROUP BY e.person_id, CASE WHEN e.entry_date <= '{baseline_end}' THEN 0 ELSE 1 END, e.measure"
    );
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    Ok(rows.len())
}

/// Best of `runs` timings, in seconds.
async fn best<T, F: AsyncFnMut() -> anyhow::Result<T>>(
    runs: usize,
    mut run: F,
) -> anyhow::Result<(f64, T)> {
    let mut best: Option<(f64, T)> = None;
    for _ in 0..runs {
        let started = Instant::now();
        let value = run().await?;
        let seconds = started.elapsed().as_secs_f64();
        if best.as_ref().is_none_or(|(fastest, _)| seconds < *fastest) {
            best = Some((seconds, value));
        }
    }
    best.ok_or_else(|| anyhow::anyhow!("no run"))
}

async fn measure(name: &str, db: &DatabaseConnection) -> anyhow::Result<String> {
    Migrator::up(db, None).await?;
    let now = Utc::now();
    let setup = Instant::now();
    let (pilot, start) = pilot(db, now).await?;
    let written = entries(db, start).await?;
    let setup = setup.elapsed().as_secs_f64();
    let (floor, groups) = best(3, async || raw_aggregate(db, pilot, start).await).await?;
    let the_pilot = repo::pilots::get(db, pilot)
        .await
        .map_err(|error| anyhow::anyhow!("{error}"))?;
    let [baseline, intervention, follow_up] = the_pilot.protocol.plan.windows();
    let window =
        |phase: app::domain::pilot::plan::PhaseWindow| app::domain::report::shape::Window {
            first_day: phase.first_day,
            last_day: phase.last_day,
        };
    let windows = app::domain::report::shape::Windows {
        baseline: window(baseline),
        intervention: window(intervention),
        follow_up: window(follow_up),
    };
    let (full, report) = best(3, async || {
        reports::compute(db, &the_pilot, windows, now.date_naive())
            .await
            .map_err(|error| anyhow::anyhow!("{error}"))
    })
    .await?;
    // The first read computes and stores; later reads come from the cache.
    reports::of_pilot(db, Actor::System, pilot, now)
        .await
        .map_err(|error| anyhow::anyhow!("{error}"))?;
    let (cached, _) = best(3, async || {
        reports::of_pilot(db, Actor::System, pilot, now)
            .await
            .map_err(|error| anyhow::anyhow!("{error}"))
    })
    .await?;
    let exact = report
        .metrics
        .iter()
        .filter(|metric| metric.did.is_some_and(|did| did.p_permutation.is_some()))
        .count();
    Ok(format!(
        "{name}: {} teams, {} people, {} days, {written} entries (set up in {setup:.1} s)\n  \
         raw SQL aggregate (person x phase x measure, {groups} groups): {floor:.3} s\n  \
         full report ({} metrics, {exact} with exact permutations): {full:.3} s = {:.2} x the floor\n  \
         cached report (data unchanged): {cached:.3} s = {:.2} x the floor\n",
        teams(),
        teams() * PER_TEAM,
        3 * WINDOW,
        report.metrics.len(),
        full / floor,
        cached / floor,
    ))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    support::on_both(
        "pilot report (services::reports), best of 3",
        "ap_bench_report",
        "report.txt",
        measure,
    )
    .await
}
