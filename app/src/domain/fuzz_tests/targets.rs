//! The five parsers under fuzzing: each with good files to start from (written the way HR
//! systems, spreadsheets, Outlook, Google and Apple write them) and a judge of what it made of
//! an input.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use crate::domain::{
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

/// What one parser made of one input.
pub(super) enum Verdict {
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
pub(super) type Judge = Box<dyn Fn(&[u8]) -> Verdict>;

pub(super) struct Target {
    pub(super) name: &'static str,
    pub(super) seeds: Vec<Vec<u8>>,
    pub(super) run: Judge,
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
        include_bytes!("../meeting/fixtures/outlook_berlin_march.ics").to_vec(),
        include_bytes!("../meeting/fixtures/google_new_york_march.ics").to_vec(),
        include_bytes!("../meeting/fixtures/apple_berlin_october.ics").to_vec(),
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

pub(super) fn targets() -> Vec<Target> {
    vec![
        roster_target(),
        entries_target(),
        decisions_target(),
        training_target(),
        calendar_target(),
    ]
}
