//! The crash harness: the real server binary on a SQLite file takes concurrent check-ins from
//! several clients, is killed with SIGKILL at a random moment, restarted, again and again; after
//! each kill every check-in answered with a 2xx must be in the database exactly once, and at the
//! end `PRAGMA integrity_check` must say ok. Each client rewrites one value (its meeting hours
//! today) with an ever larger number, one request at a time, so after a kill the stored number
//! must be the last one acknowledged, or the one in flight when the server died.
//!
//! Short run (20 rounds, about 7 s) with the tests; the long run (`ASYNC_PILOT_CRASH_ROUNDS`, default 1,000)
//! writes `$CARGO_TARGET_DIR/bench-results/crash.txt`:
//!   cargo test -p async-pilot --test api crash_long -- --ignored --nocapture

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use app::server::entities::entry;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::checkins::start_baseline;
use crate::entry_imports::consent;
use crate::pilots::setup;
use crate::support::{migrated, session_cookie, TestDb};

const BINARY: &str = env!("CARGO_BIN_EXE_async-pilot");
const CLIENTS: [&str; 3] = ["ann@example.org", "ben@example.org", "cat@example.org"];

/// The server binary on `url`, once it says where it listens.
fn start_server(url: &str) -> (Child, String) {
    let mut child = Command::new(BINARY)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("DATABASE_URL", url)
        .env("ASYNC_PILOT_LOG", "error")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting the server");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let address = loop {
        let line = lines
            .next()
            .expect("the server printed its address")
            .expect("a line");
        if let Some(at) = line.find("http://") {
            break line[at..].trim().to_string();
        }
    };
    (child, address)
}

/// A small generator for kill delays (no RNG crate in the tests).
struct Random(u64);

impl Random {
    fn seeded() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|elapsed| elapsed.subsec_nanos() as u64)
            .unwrap_or(1);
        Self(nanos | 1)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound
    }
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Outcome {
    pub rounds: u64,
    pub acknowledged: u64,
    pub lost: u64,
    pub duplicated: u64,
}

/// One client's writes until the server stops answering: (last acknowledged, last sent).
async fn client(address: String, cookie: String, mut sequence: u64) -> (u64, u64, u64) {
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");
    let mut acknowledged = 0;
    let mut last_acknowledged = sequence;
    loop {
        sequence += 1;
        let sent = http
            .post(format!("{address}/api/v1/checkins"))
            .header("cookie", &cookie)
            .json(&json!({"energy": 3, "meeting_hours": sequence as f64 / 1_000_000.0}))
            .send()
            .await;
        match sent {
            Ok(response) if response.status().is_success() => {
                acknowledged += 1;
                last_acknowledged = sequence;
            }
            Ok(response) => panic!("check-in refused: {}", response.status()),
            Err(_) => return (last_acknowledged, sequence, acknowledged),
        }
    }
}

/// Runs `rounds` kill-and-restart rounds on a fresh SQLite file.
pub async fn run_rounds(rounds: u64) -> Outcome {
    let folder = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}/crash.db?mode=rwc", folder.path().display());
    let db = TestDb {
        url: url.clone(),
        connection: migrated(&url).await,
    };
    let (pilot, _, _) = setup(&db, 3).await;
    let mut people = Vec::new();
    for email in CLIENTS {
        let id = consent(&db, pilot, email).await;
        people.push((id, session_cookie(&db, id).await));
    }
    start_baseline(&db, pilot).await;
    db.connection.close().await.expect("closing");

    let mut random = Random::seeded();
    let mut outcome = Outcome::default();
    // Per client: the number the database must hold at least (last acknowledged).
    let mut floor: Vec<u64> = vec![0; CLIENTS.len()];
    for _ in 0..rounds {
        let (mut server, address) = start_server(&url);
        let writers: Vec<_> = people
            .iter()
            .zip(&floor)
            .map(|((_, cookie), &from)| {
                tokio::spawn(client(address.clone(), cookie.clone(), from + 1_000))
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(50 + random.below(400))).await;
        server.kill().expect("SIGKILL");
        server.wait().expect("reaped");
        let check = migrated(&url).await;
        for (index, writer) in writers.into_iter().enumerate() {
            let (acknowledged_up_to, in_flight, acknowledged) = writer.await.expect("client task");
            outcome.acknowledged += acknowledged;
            let rows = entry::Entity::find()
                .filter(entry::Column::PersonId.eq(people[index].0))
                .filter(entry::Column::Measure.eq("meeting_hours"))
                .all(&check)
                .await
                .expect("reading back");
            outcome.duplicated += rows.len().saturating_sub(1) as u64;
            let stored = rows
                .iter()
                .map(|row| (row.value * 1_000_000.0).round() as u64)
                .max()
                .unwrap_or(0);
            if acknowledged > 0 && stored != acknowledged_up_to && stored != in_flight {
                outcome.lost += 1;
            }
            floor[index] = stored.max(acknowledged_up_to).max(in_flight);
        }
        check.close().await.expect("closing");
        outcome.rounds += 1;
    }
    let last = async_pilot::backup_cli::integrity_check(&migrated(&url).await)
        .await
        .expect("integrity check");
    assert_eq!(last, ["ok"], "PRAGMA integrity_check after {rounds} kills");
    outcome
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_check_ins_survive_sigkill() {
    let started = Instant::now();
    let outcome = run_rounds(20).await;
    assert_eq!(outcome.lost, 0, "{outcome:?}");
    assert_eq!(outcome.duplicated, 0, "{outcome:?}");
    assert!(outcome.acknowledged > 0, "{outcome:?}");
    eprintln!("{outcome:?} in {:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "the long run: minutes; writes bench-results/crash.txt"]
async fn crash_long() {
    let rounds = std::env::var("ASYNC_PILOT_CRASH_ROUNDS")
        .ok()
        .and_then(|rounds| rounds.parse().ok())
        .unwrap_or(1_000);
    let started = Instant::now();
    let outcome = run_rounds(rounds).await;
    let report = format!(
        "crash harness (SQLite file, {} clients, SIGKILL at 50-450 ms, debug build)\n\
         rounds: {}\nacknowledged writes: {}\nlost acknowledged writes: {}\n\
         duplicated rows: {}\nintegrity_check: ok\nseconds: {:.1}\n",
        CLIENTS.len(),
        outcome.rounds,
        outcome.acknowledged,
        outcome.lost,
        outcome.duplicated,
        started.elapsed().as_secs_f64()
    );
    print!("{report}");
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let folder = std::path::Path::new(&target).join("bench-results");
    std::fs::create_dir_all(&folder).expect("folder");
    std::fs::write(folder.join("crash.txt"), report).expect("writing the results");
    assert_eq!(outcome.lost, 0);
    assert_eq!(outcome.duplicated, 0);
}

/// SIGTERM while clients write: every request gets an answer or is refused at connect, and the
/// process exits 0.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_under_load_answers_what_it_accepted_and_exits_zero() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}/term.db?mode=rwc", folder.path().display());
    let db = TestDb {
        url: url.clone(),
        connection: migrated(&url).await,
    };
    let (pilot, _, _) = setup(&db, 3).await;
    let mut cookies = Vec::new();
    let mut ids = Vec::new();
    for email in CLIENTS {
        let id = consent(&db, pilot, email).await;
        ids.push(id);
        cookies.push(session_cookie(&db, id).await);
    }
    start_baseline(&db, pilot).await;
    let (mut server, address) = start_server(&url);
    let writers: Vec<_> = cookies
        .into_iter()
        .map(|cookie| tokio::spawn(client(address.clone(), cookie, 0)))
        .collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let terminated = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .expect("kill -TERM");
    assert!(terminated.success());
    let status = server.wait().expect("the server exits");
    assert_eq!(status.code(), Some(0), "a graceful stop exits 0");
    let mut acknowledged = 0;
    for (writer, id) in writers.into_iter().zip(ids) {
        let (last, in_flight, count) = writer.await.expect("client task");
        acknowledged += count;
        let stored = entry::Entity::find()
            .filter(entry::Column::PersonId.eq(id))
            .filter(entry::Column::Measure.eq("meeting_hours"))
            .one(&db.connection)
            .await
            .expect("reading back")
            .map(|row| (row.value * 1_000_000.0).round() as u64)
            .unwrap_or(0);
        assert!(
            stored == last || stored == in_flight,
            "stored {stored}, last answered {last}, in flight {in_flight}"
        );
    }
    assert!(acknowledged > 0, "the clients wrote before the stop");
}
