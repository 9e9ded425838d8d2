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

use std::{
    collections::{BTreeSet, HashMap},
    panic::{catch_unwind, AssertUnwindSafe},
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use chrono::NaiveDate;

use super::{
    capture::{
        decision_import::{self, DecisionFileContext},
        entry_import::{self, EntryFileContext, Standing},
        measure::CustomRange,
        working_days::WorkingDays,
    },
    champions::training_csv::{self, KnownPerson},
    meeting::{read_calendar, Reading},
    roster::{parse as roster, LineError},
};

/// A parse that has not answered after this long is a hang: the input is saved and the test
/// process stops. Not a speed target (inputs take micro- to milliseconds): a loop detector.
const HANG_AFTER: Duration = Duration::from_secs(30);

/// What one parser made of one input.
enum Verdict {
    Accepted,
    Rejected,
    /// A broken promise: the message says which.
    Broken(String),
}

/// Line numbers a file has: an editor's count of `\n`-separated lines.
fn line_count(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&byte| byte == b'\n').count() as u64 + 1
}

/// Every error names an existing line and says something.
fn check_lines(errors: &[LineError], lines: u64) -> Verdict {
    for error in errors {
        if error.line == 0 || error.line > lines {
            return Verdict::Broken(format!(
                "line {} of a {lines}-line file: {}",
                error.line, error.message
            ));
        }
        if error.message.trim().is_empty() {
            return Verdict::Broken(format!("line {} has an empty reason", error.line));
        }
    }
    if errors.is_empty() {
        Verdict::Accepted
    } else {
        Verdict::Rejected
    }
}

/// Reads one input and judges what the parser made of it.
type Judge = Box<dyn Fn(&[u8]) -> Verdict>;

struct Target {
    name: &'static str,
    seeds: Vec<Vec<u8>>,
    run: Judge,
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

fn seeds(files: &[&str]) -> Vec<Vec<u8>> {
    files.iter().map(|file| file.as_bytes().to_vec()).collect()
}

fn roster_target() -> Target {
    let good = "email,name,team,department,manager_email,role,timezone,working_pattern\n\
        lea@example.org,Lea Lead,Platform,Engineering,,participant,Europe/Berlin,full_time\n\
        sam@example.org,Sam Dev,Platform,Engineering,lea@example.org,,Europe/Berlin,part_time\n\
        kim@example.org,\"Kim, K.\",Data,Engineering,lea@example.org,hr_admin,America/New_York,\n";
    let hris =
        "\u{feff}Work Email;Full Name;Team Name;Department;Reports To;Time Zone;Time Type\r\n\
        ana@example.org;Ana;Data;Engineering;;America/New_York;Part time\r\n\
        bo@example.org;Bo;Data;Engineering;ana@example.org;W. Europe Standard Time;Full time\r\n";
    Target {
        name: "roster CSV",
        seeds: seeds(&[good, hris]),
        run: Box::new(|bytes| {
            let text = String::from_utf8_lossy(bytes);
            let parsed = roster::parse(&text);
            let lines = line_count(bytes);
            if let Some(row) = parsed
                .rows
                .iter()
                .find(|row| row.line == 0 || row.line > lines)
            {
                return Verdict::Broken(format!("a row on line {} of {lines}", row.line));
            }
            if let Some(note) = parsed.notes.iter().find(|n| n.line == 0 || n.line > lines) {
                return Verdict::Broken(format!("a note on line {} of {lines}", note.line));
            }
            check_lines(&parsed.errors, lines)
        }),
    }
}

fn entries_target() -> Target {
    let good = "email,date,measure,value,qualifier\n\
        ana@example.org,2026-03-02,energy,4,morning\n\
        ANA@example.org,2026-03-03,meeting_hours,2.5,\n\
        ana@example.org,2026-03-03,custom:mood,-1,\n\
        ben@example.org,2026-03-04,focus_achieved_hours,3,\n\
        cy@example.org,2026-03-05,felt_reply_hours,1,chat\n";
    let semicolons = "\u{feff}email;date;measure;value;qualifier\r\n\
        ana@example.org;2026-04-01;meetings;3;\r\n\
        ana@example.org;2026-04-01;\"asyncable_meetings\";1;\r\n";
    let people = HashMap::from([
        ("ana@example.org".to_string(), 1),
        ("ben@example.org".to_string(), 2),
        ("cy@example.org".to_string(), 3),
    ]);
    let standing = HashMap::from([(1, Standing::Consented), (2, Standing::WithoutConsent)]);
    let custom = vec![CustomRange {
        key: "mood".into(),
        min: -2.0,
        max: 2.0,
    }];
    Target {
        name: "metric CSV",
        seeds: seeds(&[good, semicolons]),
        run: Box::new(move |bytes| {
            let text = String::from_utf8_lossy(bytes);
            let context = EntryFileContext {
                people: &people,
                standing: &standing,
                custom: &custom,
                first_day: day("2026-03-02"),
                last_day: day("2026-05-31"),
            };
            let parsed = entry_import::parse(&text, context, &|_| {});
            let lines = line_count(bytes);
            if let Some(row) = parsed
                .rows
                .iter()
                .find(|row| !row.value.value().is_finite())
            {
                return Verdict::Broken(format!(
                    "line {} keeps a value that is not finite",
                    row.line
                ));
            }
            check_lines(&parsed.errors, lines)
        }),
    }
}

fn decisions_target() -> Target {
    let good = "team,process_type,raised_at,decided_at,documented\n\
        platform,architecture,2026-03-02T09:00:00Z,2026-03-04,yes\n\
        Platform,hiring,2026-03-02 09:30,,no\n\
        sales,pricing,2026-03-05T10:30+0100,2026-03-05T16:00:00+01:00,true\n";
    let teams = decision_import::tests::teams();
    Target {
        name: "decision CSV",
        seeds: seeds(&[good]),
        run: Box::new(move |bytes| {
            let text = String::from_utf8_lossy(bytes);
            let parsed =
                decision_import::parse(&text, DecisionFileContext { teams: &teams }, &|_| {});
            check_lines(&parsed.errors, line_count(bytes))
        }),
    }
}

fn training_target() -> Target {
    let good = "email,module,status,completed_on\n\
        lea@example.org,async-basics,completed,2026-03-01\n\
        lea@example.org,writing,in_progress,\n\
        max@example.org,async-basics,Not started,\n";
    let people = HashMap::from([
        (
            "lea@example.org".to_string(),
            KnownPerson {
                id: 1,
                manager: true,
            },
        ),
        (
            "max@example.org".to_string(),
            KnownPerson {
                id: 2,
                manager: true,
            },
        ),
        (
            "sam@example.org".to_string(),
            KnownPerson {
                id: 3,
                manager: false,
            },
        ),
    ]);
    let modules = BTreeSet::from(["async-basics".to_string(), "writing".to_string()]);
    Target {
        name: "training CSV",
        seeds: seeds(&[good]),
        run: Box::new(move |bytes| {
            let text = String::from_utf8_lossy(bytes);
            match training_csv::parse(&text, &people, &modules, day("2026-06-01")) {
                Ok(rows) => match rows.iter().find(|row| row.line == 0) {
                    Some(_) => Verdict::Broken("a row on line 0".into()),
                    None => Verdict::Accepted,
                },
                Err(errors) if errors.is_empty() => {
                    Verdict::Broken("refused without naming a line".into())
                }
                Err(errors) => check_lines(&errors, line_count(bytes)),
            }
        }),
    }
}

fn calendar_target() -> Target {
    let reading = Reading {
        email: "me@example.org".into(),
        zone: chrono_tz::Europe::Berlin,
        working_days: WorkingDays::default(),
        from: None,
        to: None,
        today: day("2026-06-01"),
    };
    let handwritten = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\n\
        DTSTART;TZID=Europe/Berlin:20260302T090000\r\nDTEND;TZID=Europe/Berlin:20260302T093000\r\n\
        RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10\r\nEXDATE;TZID=Europe/Berlin:20260304T090000\r\n\
        ORGANIZER:mailto:boss@example.org\r\nATTENDEE:mailto:me@example.org\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:a\r\nRECURRENCE-ID;TZID=Europe/Berlin:20260309T090000\r\n\
        DTSTART;TZID=Europe/Berlin:20260309T140000\r\nDURATION:PT1H\r\n\
        ATTENDEE:mailto:you@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let mut files: Vec<Vec<u8>> = vec![
        include_bytes!("meeting/fixtures/outlook_berlin_march.ics").to_vec(),
        include_bytes!("meeting/fixtures/google_new_york_march.ics").to_vec(),
        include_bytes!("meeting/fixtures/apple_berlin_october.ics").to_vec(),
    ];
    files.push(handwritten.as_bytes().to_vec());
    Target {
        name: "calendar (.ics)",
        seeds: files,
        run: Box::new(move |bytes| match read_calendar(bytes, &reading) {
            Ok(summary) => {
                let hours = summary.total_hours();
                if hours.is_finite() && hours >= 0.0 && summary.total_meetings() >= 0 {
                    Verdict::Accepted
                } else {
                    Verdict::Broken(format!("a total of {hours} hours"))
                }
            }
            Err(error) => {
                let lines = line_count(bytes) as usize;
                if error.line == 0 || error.line > lines {
                    Verdict::Broken(format!(
                        "line {} of a {lines}-line file: {}",
                        error.line, error.message
                    ))
                } else if error.message.trim().is_empty() {
                    Verdict::Broken(format!("line {} has an empty reason", error.line))
                } else {
                    Verdict::Rejected
                }
            }
        }),
    }
}

fn targets() -> Vec<Target> {
    vec![
        roster_target(),
        entries_target(),
        decisions_target(),
        training_target(),
        calendar_target(),
    ]
}

/// xorshift64*: a small, seedable generator; the fuzzer needs speed and repeatability, not
/// quality.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes and fragments that parsers of spreadsheets and calendars trip over.
const TOKENS: &[&str] = &[
    ",",
    ";",
    "\"",
    "\"\"",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\0",
    " ",
    "\u{feff}",
    "=",
    ":",
    "\\",
    "é",
    "\u{10ffff}",
    "-",
    "+",
    "0",
    "-1",
    "1e309",
    "-1e309",
    "NaN",
    "inf",
    "1e-320",
    "99999999999999999999999",
    "-0",
    "0.1.2",
    "2026-02-30",
    "2026-13-01",
    "9999-12-31",
    "0000-01-01",
    "2026-03-02T25:00",
    "T",
    "Z",
    "+14:00",
    "@",
    ",,,,,,,,",
    "email",
    "team",
    "BEGIN:VEVENT\r\n",
    "END:VEVENT\r\n",
    "BEGIN:VCALENDAR\r\n",
    "END:VCALENDAR\r\n",
    "BEGIN:VTIMEZONE\r\n",
    "END:VTIMEZONE\r\n",
    "RRULE:FREQ=SECONDLY;INTERVAL=1\r\n",
    "RRULE:FREQ=DAILY;COUNT=4294967296\r\n",
    "RRULE:FREQ=YEARLY;BYDAY=-53MO;BYMONTH=2\r\n",
    "RRULE:FREQ=MONTHLY;BYMONTHDAY=31,-31;INTERVAL=0\r\n",
    "UNTIL=99991231T235959Z",
    "EXDATE:19700101T000000Z\r\n",
    "RDATE;VALUE=PERIOD:20260302T090000Z/PT1H\r\n",
    "DURATION:-P9999W\r\n",
    "DURATION:P99999999DT99H\r\n",
    "TZID=Mars/Olympus",
    "TZID=\"W. Europe Standard Time\"",
    "DTSTART;VALUE=DATE:20260302\r\n",
    "DTSTART:20260302T090000\r\n",
    "RECURRENCE-ID;RANGE=THISANDFUTURE:20260302T090000Z\r\n",
    "STATUS:CANCELLED\r\n",
    "ATTENDEE;PARTSTAT=DECLINED:mailto:me@example.org\r\n",
    "TZOFFSETTO:+9999\r\n",
    "\r\n ",
    "\r\n\t",
];

/// One random change to `input`; `other` is another good file of the same kind to splice from.
fn mutate(rng: &mut Rng, input: &mut Vec<u8>, other: &[u8]) {
    let at = rng.below(input.len() + 1);
    match rng.below(10) {
        0 if !input.is_empty() => {
            let at = at.min(input.len() - 1);
            input[at] ^= 1 << rng.below(8);
        }
        1 if !input.is_empty() => {
            let at = at.min(input.len() - 1);
            input[at] = rng.next() as u8;
        }
        2 | 3 => {
            let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
            input.splice(at..at, token.iter().copied());
        }
        4 => {
            let end = (at + rng.below(40)).min(input.len());
            input.drain(at..end);
        }
        5 => {
            // Double a stretch (a line pasted twice, a run of one character).
            let end = (at + rng.below(120)).min(input.len());
            let stretch = input[at..end].to_vec();
            for _ in 0..=rng.below(3) {
                input.splice(at..at, stretch.iter().copied());
            }
        }
        6 if !other.is_empty() => {
            let from = rng.below(other.len());
            let end = (from + rng.below(200)).min(other.len());
            input.splice(at..at, other[from..end].iter().copied());
        }
        7 => input.truncate(at),
        8 => {
            // Swap two lines.
            let mut lines: Vec<Vec<u8>> =
                input.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            if lines.len() > 2 {
                let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                lines.swap(a, b);
                *input = lines.join(&b'\n');
            }
        }
        _ => {
            // A long cell or line: what a runaway export or a hostile upload holds.
            let byte = [b'a', b'9', b'"', b',', b' ', b'\n'][rng.below(6)];
            let run = 1 + rng.below(20_000);
            input.splice(at..at, std::iter::repeat_n(byte, run));
        }
    }
}

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
