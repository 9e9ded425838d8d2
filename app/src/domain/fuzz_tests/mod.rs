//! A mutation fuzzer for the five import parsers (roster, metric, decision and training CSV, and
//! calendars), on stable Rust and without a fuzzing crate: good files are mutated byte by byte
//! and line by line (flips, spreadsheet punctuation, huge numbers, impossible dates, broken UTF-8,
//! cut and doubled lines, long runs, splices of another good file) and every result is checked:
//! no panic, no hang, and every rejection names a line that exists, with a reason.
//!
//! `cargo test` runs a short, seeded pass (`ASYNC_PILOT_FUZZ_CASES` inputs per parser, 1,500 by
//! default). The long pass is a benchmark that writes `bench-results/fuzz.txt`:
//! `cargo test -p app --features ssr --lib fuzz_long -- --ignored --nocapture`
//! (`ASYNC_PILOT_FUZZ_SECONDS`, 600 by default, shared by the five parsers).

mod mutate;
mod targets;

use std::{
    panic::{catch_unwind, AssertUnwindSafe},
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use mutate::{mutate, Rng};
use targets::{targets, Target, Verdict};

/// A parse that has not answered after this long is a hang: the input is saved and the test
/// process stops. Not a speed target (inputs take micro- to milliseconds): a loop detector.
const HANG_AFTER: Duration = Duration::from_secs(30);

#[derive(Debug, Default)]
struct Tally {
    inputs: u64,
    accepted: u64,
    rejected: u64,
    slowest: Duration,
    /// The input that took longest, kept for a look.
    slowest_input: Vec<u8>,
}

/// The input being parsed, for the hang watchdog.
type Current = Arc<Mutex<Option<(Instant, &'static str, Vec<u8>)>>>;

/// Saves a failing input where it can be replayed, and names the file.
fn save(name: &str, input: &[u8]) -> String {
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let folder = std::path::Path::new(&target).join("fuzz-failures");
    let _ = std::fs::create_dir_all(&folder);
    let file = folder.join(format!(
        "{}-{}.bin",
        name.split_whitespace().next().unwrap_or("input"),
        std::process::id()
    ));
    let _ = std::fs::write(&file, input);
    file.display().to_string()
}

/// Starts the watchdog: a parse that runs past [`HANG_AFTER`] stops the process with its input.
fn watchdog() -> Current {
    let current: Current = Arc::new(Mutex::new(None));
    let watched = Arc::clone(&current);
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_secs(1));
        let guard = watched
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((started, name, input)) = guard.as_ref() {
            if started.elapsed() > HANG_AFTER {
                eprintln!(
                    "the {name} parser has not answered for {HANG_AFTER:?}; input saved to {}",
                    save(name, input)
                );
                std::process::abort();
            }
        }
    });
    current
}

/// Fuzzes one parser until `more` says stop; panics with the saved input on a broken promise.
fn fuzz(target: &Target, seed: u64, current: &Current, more: &mut dyn FnMut(u64) -> bool) -> Tally {
    let mut rng = Rng(seed | 1);
    let mut tally = Tally::default();
    // A small pool of recent inputs, so that mutations pile up over generations.
    let mut pool: Vec<Vec<u8>> = target.seeds.clone();
    while more(tally.inputs) {
        let mut input = if rng.below(3) == 0 {
            pool[rng.below(pool.len())].clone()
        } else {
            target.seeds[rng.below(target.seeds.len())].clone()
        };
        let other = &target.seeds[rng.below(target.seeds.len())];
        for _ in 0..=rng.below(6) {
            mutate(&mut rng, &mut input, other);
        }
        input.truncate(400_000);
        let started = Instant::now();
        *current.lock().expect("watchdog") = Some((started, target.name, input.clone()));
        let verdict = catch_unwind(AssertUnwindSafe(|| (target.run)(&input)));
        *current.lock().expect("watchdog") = None;
        if started.elapsed() > tally.slowest {
            tally.slowest = started.elapsed();
            tally.slowest_input.clone_from(&input);
        }
        tally.inputs += 1;
        match verdict {
            Ok(Verdict::Accepted) => tally.accepted += 1,
            Ok(Verdict::Rejected) => tally.rejected += 1,
            Ok(Verdict::Broken(why)) => panic!(
                "{}: {why} (seed {seed}, input {}; saved to {})",
                target.name,
                tally.inputs,
                save(target.name, &input)
            ),
            Err(_) => panic!(
                "{}: the parser panicked (seed {seed}, input {}; saved to {})",
                target.name,
                tally.inputs,
                save(target.name, &input)
            ),
        }
        if input.len() < 20_000 && pool.len() < 64 {
            pool.push(input);
        } else if input.len() < 20_000 {
            let slot = rng.below(pool.len());
            pool[slot] = input;
        }
    }
    tally
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

#[test]
fn the_import_parsers_survive_mutated_files() {
    let cases = env_number("ASYNC_PILOT_FUZZ_CASES", 1_500);
    let current = watchdog();
    for (index, target) in targets().iter().enumerate() {
        // The calendar expands series: fewer inputs keep the debug build's pass short.
        let wanted = if index == 4 { cases / 3 } else { cases };
        let tally = fuzz(target, 0x5eed_0000 + index as u64, &current, &mut |done| {
            done < wanted
        });
        assert_eq!(tally.inputs, wanted);
        // Mutations must reach both outcomes, or the harness is not testing the parser.
        assert!(
            tally.accepted > 0 && tally.rejected > 0,
            "{}: {tally:?}",
            target.name
        );
    }
}

#[test]
#[ignore = "the long run: 10 minutes; writes bench-results/fuzz.txt"]
fn fuzz_long() {
    let seconds = env_number("ASYNC_PILOT_FUZZ_SECONDS", 600);
    let seed = env_number(
        "ASYNC_PILOT_FUZZ_SEED",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |elapsed| elapsed.as_nanos() as u64),
    );
    let current = watchdog();
    // `ASYNC_PILOT_FUZZ_ONLY=calendar`: one parser (the first word of its name) for the whole time.
    let only = std::env::var("ASYNC_PILOT_FUZZ_ONLY").ok();
    let all: Vec<Target> = targets()
        .into_iter()
        .filter(|target| {
            only.as_deref()
                .is_none_or(|word| target.name.starts_with(word))
        })
        .collect();
    let share = Duration::from_secs(seconds) / all.len() as u32;
    let mut report = format!(
        "parser fuzzing (mutated good files; debug build; seed {seed}; {seconds} s in all)\n\
         parser, inputs, accepted, rejected with a line, panics, slowest input (ms)\n"
    );
    let total = AtomicU64::new(0);
    let mut slowest = Vec::new();
    for (index, target) in all.iter().enumerate() {
        let started = Instant::now();
        let tally = fuzz(
            target,
            seed.wrapping_add(index as u64),
            &current,
            &mut |_| started.elapsed() < share,
        );
        total.fetch_add(tally.inputs, Ordering::Relaxed);
        slowest.push((target.name, tally.slowest_input.clone()));
        report.push_str(&format!(
            "{}, {}, {}, {}, 0, {:.1}\n",
            target.name,
            tally.inputs,
            tally.accepted,
            tally.rejected,
            tally.slowest.as_secs_f64() * 1000.0
        ));
    }
    report.push_str(&format!(
        "total inputs: {}; no panic, no hang, every rejection on an existing line\n",
        total.load(Ordering::Relaxed)
    ));
    print!("{report}");
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let folder = std::path::Path::new(&target).join("bench-results");
    std::fs::create_dir_all(&folder).expect("folder");
    std::fs::write(folder.join("fuzz.txt"), report).expect("writing the results");
    for (name, input) in slowest {
        let word = name.split_whitespace().next().unwrap_or("input");
        std::fs::write(folder.join(format!("fuzz-slowest-{word}.bin")), input)
            .expect("writing the slowest input");
    }
}
