//! The crash harness: the real server binary, on a SQLite file or a PostgreSQL database, takes
//! concurrent check-ins from several clients while HR imports metric files, is killed with
//! SIGKILL at a random moment, restarted, again and again. After each kill every check-in
//! answered with a 2xx must be in the database exactly once, and the imported lines must be all
//! of one import or none (never half a file, never older than the last import HR saw finish);
//! at the end (SQLite) `PRAGMA integrity_check` must say ok. Each client rewrites one value (its
//! meeting hours today) with an ever larger number, one request at a time, so after a kill the
//! stored number must be the last one acknowledged, or the one in flight when the server died.
//!
//! Short runs (20 rounds on each database, seconds) with the tests; the long run
//! (`ASYNC_PILOT_CRASH_ROUNDS`, default 1,000 per database) writes
//! `$CARGO_TARGET_DIR/bench-results/crash.txt`:
//!   cargo test -p async-pilot --test api crash_long -- --ignored --nocapture

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use app::server::entities::{entry, entry_import};
use sea_orm::{sea_query::Expr, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::checkins::start_baseline;
use crate::entry_imports::{consent, day};
use crate::pilots::{id_of, setup};
use crate::support::{create_postgres_database, migrated, postgres_server, session_cookie, TestDb};

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
    /// Imports HR saw finish, and kills that left an import's lines partly stored or an
    /// acknowledged import overwritten by an older one.
    pub imports: u64,
    pub import_attempts: u64,
    pub imports_broken: u64,
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

/// The measures HR's imports write (the check-ins write others), for every client and day.
const IMPORTED: [&str; 2] = ["focus_planned_hours", "focus_achieved_hours"];

/// The value import number `index` writes: hundredths of an hour, 1.00 to 20.99.
fn import_value(index: u64) -> u64 {
    100 + index % 2_000
}

/// A metric file setting every imported measure of every client, on each of the pilot's first
/// four days (its baseline started 3 days ago), to import `index`'s value.
fn import_file(index: u64) -> String {
    let mut file = String::from("email,date,measure,value\n");
    for email in CLIENTS {
        for days in 0..=3 {
            for measure in IMPORTED {
                let value = import_value(index) as f64 / 100.0;
                file.push_str(&format!("{email},{},{measure},{value}\n", day(days)));
            }
        }
    }
    file
}

/// The number of lines [`import_file`] stores.
const IMPORTED_ROWS: usize = CLIENTS.len() * 4 * IMPORTED.len();

/// HR's imports, one after another, until the server stops answering:
/// (last import seen finished, last import sent, imports seen finished).
async fn importer(address: String, cookie: String, pilot: i64, mut index: u64) -> (u64, u64, u64) {
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");
    let (mut finished_index, mut finished) = (index, 0);
    loop {
        index += 1;
        let started = http
            .post(format!(
                "{address}/api/v1/pilots/{pilot}/imports?kind=entries"
            ))
            .header("cookie", &cookie)
            .header("origin", &address)
            .header("content-type", "text/csv")
            .body(import_file(index))
            .send()
            .await;
        let location = match started {
            Ok(response) if response.status() == 202 => response.headers()["location"]
                .to_str()
                .expect("location")
                .to_string(),
            Ok(response) => panic!(
                "import refused: {} {:?}",
                response.status(),
                response.text().await
            ),
            Err(_) => return (finished_index, index, finished),
        };
        loop {
            let polled = http
                .get(format!("{address}{location}"))
                .header("cookie", &cookie)
                .send()
                .await;
            let Ok(job) = polled else {
                return (finished_index, index, finished);
            };
            let Ok(job) = job.json::<serde_json::Value>().await else {
                return (finished_index, index, finished);
            };
            match job["state"].as_str() {
                Some("running") => tokio::time::sleep(Duration::from_millis(10)).await,
                Some("finished") => {
                    finished_index = index;
                    finished += 1;
                    break;
                }
                _ => panic!("the import did not finish: {job}"),
            }
        }
    }
}

/// Where a run keeps its data: a SQLite file, or a new PostgreSQL database.
pub struct Place {
    url: String,
    _folder: Option<tempfile::TempDir>,
    /// The maintenance connection and the database's name, to drop it afterwards.
    postgres: Option<(sea_orm::DatabaseConnection, String)>,
}

impl Place {
    pub fn sqlite() -> Self {
        let folder = tempfile::tempdir().expect("temporary folder");
        Self {
            url: format!("sqlite://{}/crash.db?mode=rwc", folder.path().display()),
            _folder: Some(folder),
            postgres: None,
        }
    }

    /// `None` when no PostgreSQL server is configured for the tests.
    pub async fn postgres() -> Option<Self> {
        let server = postgres_server()?;
        let (admin, name) = create_postgres_database(&server).await;
        Some(Self {
            url: format!("{server}/{name}"),
            _folder: None,
            postgres: Some((admin, name)),
        })
    }

    pub fn label(&self) -> &'static str {
        if self.postgres.is_some() {
            "PostgreSQL"
        } else {
            "SQLite file"
        }
    }

    pub async fn drop_database(self) {
        if let Some((admin, name)) = self.postgres {
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .await
                .expect("dropping the test database");
        }
    }
}

/// What the importer's rows hold after a kill: `Some(None)` for no rows, `Some(Some(value))`
/// when every row is there with one import's value, `None` for anything else (an import
/// half-written).
async fn stored_import(check: &sea_orm::DatabaseConnection, people: &[i64]) -> Option<Option<u64>> {
    let rows = entry::Entity::find()
        .filter(entry::Column::PersonId.is_in(people.iter().copied()))
        .filter(entry::Column::Measure.is_in(IMPORTED))
        .all(check)
        .await
        .expect("reading back");
    let values: std::collections::BTreeSet<u64> = rows
        .iter()
        .map(|row| (row.value * 100.0).round() as u64)
        .collect();
    match (rows.len(), values.first()) {
        (0, _) => Some(None),
        (IMPORTED_ROWS, Some(&value)) if values.len() == 1 => Some(Some(value)),
        _ => None,
    }
}

/// Runs `rounds` kill-and-restart rounds on a fresh database at `place`: three members check in
/// and HR imports metric files, all at once, until the server is killed.
pub async fn run_rounds(place: &Place, rounds: u64) -> Outcome {
    // PostgreSQL takes longer to start and to run an import in the debug build: its rounds are
    // longer, so that imports finish between kills there too.
    let (shortest, spread) = if place.postgres.is_some() {
        (100, 900)
    } else {
        (50, 600)
    };
    let url = place.url.clone();
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
    let hr = session_cookie(&db, id_of(&db, "hr@example.org").await).await;
    start_baseline(&db, pilot).await;
    db.connection.close().await.expect("closing");

    let ids: Vec<i64> = people.iter().map(|(id, _)| *id).collect();
    let mut random = Random::seeded();
    let mut outcome = Outcome::default();
    // Per client: the number the database must hold at least (last acknowledged).
    let mut floor: Vec<u64> = vec![0; CLIENTS.len()];
    // What the importer's rows held after the last kill, and the next import's number.
    let (mut imported, mut next_import): (Option<u64>, u64) = (None, 0);
    for _ in 0..rounds {
        let (mut server, address) = start_server(&url);
        let writers: Vec<_> = people
            .iter()
            .zip(&floor)
            .map(|((_, cookie), &from)| {
                tokio::spawn(client(address.clone(), cookie.clone(), from + 1_000))
            })
            .collect();
        let imports = tokio::spawn(importer(address.clone(), hr.clone(), pilot, next_import));
        tokio::time::sleep(Duration::from_millis(shortest + random.below(spread))).await;
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
        let (finished_index, in_flight, finished) = imports.await.expect("importer task");
        outcome.import_attempts += in_flight - next_import;
        outcome.imports += finished;
        // Stored must be the last import HR saw finish (or, without one this round, what was
        // stored before), or the one in flight when the server died.
        let before = if finished > 0 {
            Some(import_value(finished_index))
        } else {
            imported
        };
        match stored_import(&check, &ids).await {
            Some(stored) if stored == before || stored == Some(import_value(in_flight)) => {
                imported = stored;
            }
            stored => {
                outcome.imports_broken += 1;
                eprintln!("imports: stored {stored:?}, expected {before:?} or the one in flight ({in_flight})");
                imported = stored.flatten();
            }
        }
        next_import = in_flight;
        // An import the kill interrupted stays "running" until its heartbeat is ten minutes
        // old, and refuses other imports into the pilot until then; the harness ages it rather
        // than wait.
        entry_import::Entity::update_many()
            .col_expr(
                entry_import::Column::UpdatedAt,
                Expr::value(chrono::Utc::now() - chrono::Duration::minutes(11)),
            )
            .filter(entry_import::Column::Status.eq("running"))
            .exec(&check)
            .await
            .expect("ageing the interrupted import");
        check.close().await.expect("closing");
        outcome.rounds += 1;
    }
    if place.postgres.is_none() {
        let last = async_pilot::backup_cli::integrity_check(&migrated(&url).await)
            .await
            .expect("integrity check");
        assert_eq!(last, ["ok"], "PRAGMA integrity_check after {rounds} kills");
    }
    outcome
}

fn assert_survived(outcome: &Outcome) {
    assert_eq!(outcome.lost, 0, "{outcome:?}");
    assert_eq!(outcome.duplicated, 0, "{outcome:?}");
    assert_eq!(outcome.imports_broken, 0, "{outcome:?}");
    assert!(outcome.acknowledged > 0, "{outcome:?}");
    assert!(outcome.imports > 0, "{outcome:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_sigkill() {
    let started = Instant::now();
    let place = Place::sqlite();
    let outcome = run_rounds(&place, 20).await;
    eprintln!("{outcome:?} in {:?}", started.elapsed());
    assert_survived(&outcome);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_sigkill_on_postgres() {
    let Some(place) = Place::postgres().await else {
        eprintln!("skipped: no PostgreSQL server for the tests");
        return;
    };
    let started = Instant::now();
    let outcome = run_rounds(&place, 20).await;
    place.drop_database().await;
    eprintln!("{outcome:?} in {:?}", started.elapsed());
    assert_survived(&outcome);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "the long run: minutes; writes bench-results/crash.txt"]
async fn crash_long() {
    let rounds = std::env::var("ASYNC_PILOT_CRASH_ROUNDS")
        .ok()
        .and_then(|rounds| rounds.parse().ok())
        .unwrap_or(1_000);
    let mut report = format!(
        "crash harness ({} clients checking in + HR importing {IMPORTED_ROWS}-line metric files; \
         SIGKILL 50-650 ms (SQLite) or 100-1000 ms (PostgreSQL) into each round; debug build)\n",
        CLIENTS.len()
    );
    let mut places = vec![Place::sqlite()];
    places.extend(Place::postgres().await);
    let mut outcomes = Vec::new();
    for place in places {
        let started = Instant::now();
        let outcome = run_rounds(&place, rounds).await;
        report.push_str(&format!(
            "{}: rounds {}; acknowledged check-ins {}; lost {}; duplicated rows {}; \
             imports started {}, seen finished {}; imports half-written or lost {}; {}; {:.1} s\n",
            place.label(),
            outcome.rounds,
            outcome.acknowledged,
            outcome.lost,
            outcome.duplicated,
            outcome.import_attempts,
            outcome.imports,
            outcome.imports_broken,
            if place.postgres.is_none() {
                "integrity_check ok"
            } else {
                "no integrity check (PostgreSQL)"
            },
            started.elapsed().as_secs_f64()
        ));
        place.drop_database().await;
        outcomes.push(outcome);
    }
    print!("{report}");
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let folder = std::path::Path::new(&target).join("bench-results");
    std::fs::create_dir_all(&folder).expect("folder");
    std::fs::write(folder.join("crash.txt"), report).expect("writing the results");
    outcomes.iter().for_each(assert_survived);
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
