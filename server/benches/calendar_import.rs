//! Benchmark: a 5,000-event calendar (200 recurring series and 4,800 single events over 90
//! days, Outlook-style Windows zones, exclusions and moved instances) read by the domain alone,
//! checked (dry run) and imported for one person on a SQLite file, then imported again.
//! Writes its figures to `$CARGO_TARGET_DIR/bench-results/calendar_import.txt` (or `target/…`).
//!   cargo bench -p async-pilot --bench calendar_import

use std::{fmt::Write, time::Instant};

use app::{
    domain::{
        capture::working_days::WorkingDays,
        meeting::{read_calendar, Reading},
    },
    server::{
        db,
        entities::person,
        repo::audit::Actor,
        services::{
            calendar_import::{import_for, Window},
            people,
        },
    },
};
use chrono::{Days, NaiveDate, Utc};
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};

const SERIES: usize = 200;
const SINGLES: usize = 4_800;
const DAYS: u64 = 90;
const EMAIL: &str = "hr@example.org";

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default()
}

/// A deterministic calendar: no randomness, so every run reads the same file.
fn calendar() -> String {
    let mut ics = String::from(
        "BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nVERSION:2.0\r\n",
    );
    let rules = [
        "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
        "FREQ=WEEKLY;BYDAY=MO,WE",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        "FREQ=MONTHLY;BYDAY=2TH",
        "FREQ=WEEKLY;BYDAY=FR;COUNT=10",
    ];
    let zones = [
        "W. Europe Standard Time",
        "Europe/Berlin",
        "GMT Standard Time",
    ];
    for i in 0..SERIES {
        let day = first_day() + Days::new((i % 5) as u64);
        let hour = 8 + i % 9;
        let zone = zones[i % zones.len()];
        let _ = write!(
            ics,
            "BEGIN:VEVENT\r\nUID:series-{i}\r\nSUMMARY:Series {i}\r\nDTSTART;TZID=\"{zone}\":{d}T{hour:02}0000\r\nDTEND;TZID=\"{zone}\":{d}T{hour:02}3000\r\nRRULE:{rule}\r\nEXDATE;TZID=\"{zone}\":{x}T{hour:02}0000\r\nORGANIZER:mailto:lead{i}@example.org\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:{EMAIL}\r\nX-MICROSOFT-CDO-BUSYSTATUS:BUSY\r\nEND:VEVENT\r\n",
            d = day.format("%Y%m%d"),
            x = (day + Days::new(14)).format("%Y%m%d"),
            rule = rules[i % rules.len()],
        );
        // Every fourth series has one instance moved by two hours.
        if i % 4 == 0 {
            let moved = day + Days::new(7);
            let _ = write!(
                ics,
                "BEGIN:VEVENT\r\nUID:series-{i}\r\nRECURRENCE-ID;TZID=\"{zone}\":{m}T{hour:02}0000\r\nSUMMARY:Series {i} (moved)\r\nDTSTART;TZID=\"{zone}\":{m}T{h2:02}0000\r\nDTEND;TZID=\"{zone}\":{m}T{h2:02}3000\r\nORGANIZER:mailto:lead{i}@example.org\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:{EMAIL}\r\nEND:VEVENT\r\n",
                m = moved.format("%Y%m%d"),
                h2 = (hour + 2).min(20),
            );
        }
    }
    for i in 0..SINGLES {
        let day = first_day() + Days::new((i as u64 * 7919) % DAYS);
        let start_minute = 7 * 60 + (i * 37) % (10 * 60);
        let length = 15 + (i * 13) % 105;
        let end_minute = start_minute + length;
        let partstat = if i % 10 == 0 { "DECLINED" } else { "ACCEPTED" };
        let _ = write!(
            ics,
            "BEGIN:VEVENT\r\nUID:single-{i}\r\nSUMMARY:Meeting {i}\r\nDTSTART:{d}T{sh:02}{sm:02}00Z\r\nDTEND:{d}T{eh:02}{em:02}00Z\r\nORGANIZER:mailto:o{i}@example.org\r\nATTENDEE;PARTSTAT={partstat}:mailto:{EMAIL}\r\nEND:VEVENT\r\n",
            d = day.format("%Y%m%d"),
            sh = start_minute / 60,
            sm = start_minute % 60,
            eh = end_minute / 60,
            em = end_minute % 60,
        );
    }
    ics.push_str("END:VCALENDAR\r\n");
    ics
}

fn window() -> Window {
    Window {
        from: Some(first_day()),
        to: Some(first_day() + Days::new(DAYS - 1)),
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let build = if cfg!(debug_assertions) {
        "debug build"
    } else {
        "release build"
    };
    let ics = calendar();
    let fail = |error: app::error::AppError| anyhow::anyhow!("{error}");
    let mut report = format!(
        "calendar import, {build}: {SERIES} recurring series + {SINGLES} single events over {DAYS} days, {:.1} MB\n",
        ics.len() as f64 / 1e6
    );

    let reading = Reading {
        email: EMAIL.into(),
        zone: chrono_tz::Europe::Berlin,
        working_days: WorkingDays::default(),
        from: window().from,
        to: window().to,
        today: first_day() + Days::new(DAYS),
    };
    let started = Instant::now();
    let summary = read_calendar(ics.as_bytes(), &reading).map_err(|e| anyhow::anyhow!("{e}"))?;
    let _ = writeln!(
        report,
        "  read and expand (domain): {:.3} s ({} working days, {} meetings, {:.1} meeting hours)",
        started.elapsed().as_secs_f64(),
        summary.days.len(),
        summary.total_meetings(),
        summary.total_hours()
    );

    let folder = tempfile::tempdir()?;
    let sqlite = db::connect(&format!(
        "sqlite://{}/bench.db?mode=rwc",
        folder.path().display()
    ))
    .await?;
    Migrator::up(&sqlite, None).await?;
    let now = Utc::now();
    people::create_admin(&sqlite, EMAIL, "HR", "correct horse battery staple", now)
        .await
        .map_err(fail)?;
    if let Some(row) = person::Entity::find()
        .filter(person::Column::Email.eq(EMAIL))
        .one(&sqlite)
        .await?
    {
        let mut row = row.into_active_model();
        row.time_zone = Set("Europe/Berlin".into());
        row.update(&sqlite).await?;
    }
    for (label, dry_run) in [("dry run", true), ("import", false), ("re-import", false)] {
        let started = Instant::now();
        let summary = import_for(
            &sqlite,
            Actor::System,
            EMAIL,
            ics.as_bytes(),
            window(),
            dry_run,
            now,
        )
        .await
        .map_err(fail)?;
        let _ = writeln!(
            report,
            "  {label} (SQLite file): {:.3} s ({} meetings on covered days)",
            started.elapsed().as_secs_f64(),
            summary.meetings.len()
        );
    }
    print!("{report}");
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let folder = std::path::Path::new(&target).join("bench-results");
    std::fs::create_dir_all(&folder)?;
    std::fs::write(folder.join("calendar_import.txt"), report)?;
    Ok(())
}
