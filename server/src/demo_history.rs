//! The demo's finished pilot, as the files HR would import: a metric CSV and a decisions CSV
//! (METHOD.md section 2) with realistic noise. Pilot teams improve in the follow-up (fewer
//! meeting hours, longer felt reply times, more documented and faster decisions, better energy
//! late in the week); comparison teams stay flat; some days are missing. Deterministic: the
//! same seed gives the same files, so the demo (and its tests) never change under anyone.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate, Weekday};

/// One person of the finished pilot's teams.
#[derive(Debug, Clone)]
pub struct Member {
    pub email: String,
    pub team: String,
    pub pilot_arm: bool,
}

/// The two files, ready for the metric and decision imports.
#[derive(Debug, Clone)]
pub struct History {
    pub metrics_csv: String,
    pub decisions_csv: String,
}

/// A window, both ends inclusive.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

const PROCESS_TYPES: [&str; 5] = ["hiring", "budget", "product", "operations", "other"];
/// Felt reply speeds as the check-in stores them, in hours.
const REPLY_HOURS: [f64; 5] = [0.25, 1.0, 8.0, 24.0, 48.0];

/// SplitMix64: a few lines of well-known arithmetic are enough for demo noise.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [low, high).
    fn between(&mut self, low: f64, high: f64) -> f64 {
        let unit = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        low + unit * (high - low)
    }

    fn chance(&mut self, probability: f64) -> bool {
        self.between(0.0, 1.0) < probability
    }

    /// An index drawn with the given weights.
    fn pick(&mut self, weights: &[f64]) -> usize {
        let mut left = self.between(0.0, weights.iter().sum());
        for (index, weight) in weights.iter().enumerate() {
            if left < *weight {
                return index;
            }
            left -= weight;
        }
        weights.len() - 1
    }
}

fn working_days(window: Window) -> Vec<NaiveDate> {
    window
        .first
        .iter_days()
        .take_while(|day| *day <= window.last)
        .filter(|day| !matches!(day.weekday(), Weekday::Sat | Weekday::Sun))
        .collect()
}

fn round_to(value: f64, step: f64) -> f64 {
    (value / step).round() * step
}

/// Writes both files for `members` over the baseline and follow-up windows.
pub fn generate(members: &[Member], baseline: Window, follow_up: Window, seed: u64) -> History {
    let mut noise = Noise(seed);
    let mut metrics = String::from("email,date,measure,value,qualifier\n");
    for member in members {
        let person = Person::draw(&mut noise);
        for (phase, window) in [baseline, follow_up].into_iter().enumerate() {
            let improved = member.pilot_arm && phase == 1;
            let days = working_days(window);
            for day in &days {
                if noise.chance(person.missing) {
                    continue;
                }
                write_day(&mut metrics, &mut noise, member, &person, *day, improved);
            }
            if let Some(day) = days.get(days.len().saturating_sub(3)) {
                write_pulse(&mut metrics, &mut noise, member, *day, improved);
            }
        }
    }
    let mut decisions = String::from("team,process_type,raised_at,decided_at,documented\n");
    let mut teams: Vec<(&str, bool)> = members
        .iter()
        .map(|member| (member.team.as_str(), member.pilot_arm))
        .collect();
    teams.sort_unstable();
    teams.dedup();
    for (team, pilot_arm) in teams {
        for (phase, window) in [baseline, follow_up].into_iter().enumerate() {
            let improved = pilot_arm && phase == 1;
            write_decisions(&mut decisions, &mut noise, team, window, improved);
        }
    }
    History {
        metrics_csv: metrics,
        decisions_csv: decisions,
    }
}

/// What stays the same for a person across days: their usual levels.
struct Person {
    energy: f64,
    meeting_hours: f64,
    missing: f64,
}

impl Person {
    fn draw(noise: &mut Noise) -> Self {
        Self {
            energy: noise.between(2.6, 3.8),
            meeting_hours: noise.between(2.4, 4.6),
            // Most people miss a day now and then; one in six misses half of them.
            missing: if noise.chance(1.0 / 6.0) { 0.5 } else { 0.1 },
        }
    }
}

fn write_day(
    out: &mut String,
    noise: &mut Noise,
    member: &Member,
    person: &Person,
    day: NaiveDate,
    improved: bool,
) {
    let email = &member.email;
    let late_week = matches!(day.weekday(), Weekday::Thu | Weekday::Fri);
    let lift = if improved && late_week { 1.0 } else { 0.0 };
    let energy = (person.energy + noise.between(-1.2, 1.2) + lift)
        .round()
        .clamp(1.0, 5.0);
    let _ = writeln!(out, "{email},{day},energy,{energy},morning");
    if noise.chance(0.6) {
        let energy = (person.energy - 0.4 + noise.between(-1.2, 1.2) + lift)
            .round()
            .clamp(1.0, 5.0);
        let _ = writeln!(out, "{email},{day},energy,{energy},afternoon");
    }
    let planned = [2.0, 3.0, 4.0, 5.0][noise.pick(&[1.0, 2.0, 2.0, 1.0])];
    let kept = if improved {
        noise.between(0.65, 1.0)
    } else {
        noise.between(0.45, 0.85)
    };
    let achieved = round_to(planned * kept, 0.5);
    let _ = writeln!(out, "{email},{day},focus_planned_hours,{planned},");
    let _ = writeln!(out, "{email},{day},focus_achieved_hours,{achieved},");
    let scale = if improved { 0.62 } else { 1.0 };
    let hours = round_to(
        ((person.meeting_hours + noise.between(-1.2, 1.2)) * scale).clamp(0.0, 9.0),
        0.25,
    );
    let meetings = if hours == 0.0 {
        0.0
    } else {
        (hours / noise.between(0.6, 1.1)).round().max(1.0)
    };
    let asyncable_share = if improved {
        noise.between(0.0, 0.25)
    } else {
        noise.between(0.2, 0.5)
    };
    let asyncable = (meetings * asyncable_share).round().min(meetings);
    let _ = writeln!(out, "{email},{day},meeting_hours,{hours},");
    let _ = writeln!(out, "{email},{day},meetings,{meetings},");
    let _ = writeln!(out, "{email},{day},asyncable_meetings,{asyncable},");
    let (chat, mail): (&[f64], &[f64]) = if improved {
        (&[0.1, 0.35, 0.45, 0.1, 0.0], &[0.0, 0.1, 0.5, 0.35, 0.05])
    } else {
        (&[0.45, 0.4, 0.15, 0.0, 0.0], &[0.1, 0.4, 0.45, 0.05, 0.0])
    };
    let chat = REPLY_HOURS[noise.pick(chat)];
    let mail = REPLY_HOURS[noise.pick(mail)];
    let _ = writeln!(out, "{email},{day},felt_reply_hours,{chat},chat");
    let _ = writeln!(out, "{email},{day},felt_reply_hours,{mail},email");
}

fn write_pulse(
    out: &mut String,
    noise: &mut Noise,
    member: &Member,
    day: NaiveDate,
    improved: bool,
) {
    let email = &member.email;
    let whole = |noise: &mut Noise, low: f64, high: f64| noise.between(low, high).round();
    let _ = writeln!(
        out,
        "{email},{day},contribution_quality,{},self",
        whole(noise, 3.0, 5.0)
    );
    let _ = writeln!(
        out,
        "{email},{day},contribution_quality,{},manager",
        whole(noise, 2.6, 5.0)
    );
    let centre = if improved { 3.9 } else { 2.9 };
    for statement in 1..=6 {
        let value = (centre + noise.between(-1.4, 1.4)).round().clamp(1.0, 5.0);
        let _ = writeln!(out, "{email},{day},cultural_alignment,{value},s{statement}");
    }
    let satisfaction = ((if improved { 7.4 } else { 6.0 }) + noise.between(-2.0, 2.0))
        .round()
        .clamp(0.0, 10.0);
    let _ = writeln!(out, "{email},{day},satisfaction,{satisfaction},");
    let burnout = u8::from(noise.chance(if improved { 0.12 } else { 0.25 }));
    let _ = writeln!(out, "{email},{day},burnout,{burnout},");
}

fn write_decisions(
    out: &mut String,
    noise: &mut Noise,
    team: &str,
    window: Window,
    improved: bool,
) {
    let days = working_days(window);
    if days.is_empty() {
        return;
    }
    for index in 0..8 {
        let raised_day = days[noise.pick(&vec![1.0; days.len()])];
        let raised_hour = noise.between(9.0, 17.0).floor() as u64;
        let hours = if improved {
            noise.between(6.0, 60.0)
        } else {
            noise.between(20.0, 130.0)
        }
        .round() as u64;
        // A distinct minute for each: one team never raises two decisions at the same instant.
        let raised = raised_day.and_hms_opt(0, 0, 0).unwrap_or_default()
            + chrono::Duration::hours(raised_hour as i64)
            + chrono::Duration::minutes(index * 7);
        let decided = raised + chrono::Duration::hours(hours as i64);
        // A few stay open: their decided date is empty.
        let decided = if noise.chance(0.1) {
            String::new()
        } else {
            decided.format("%Y-%m-%dT%H:%M:%SZ").to_string()
        };
        let documented = if noise.chance(if improved { 0.8 } else { 0.4 }) {
            "yes"
        } else {
            "no"
        };
        let kind = PROCESS_TYPES[noise.pick(&[1.0, 1.0, 3.0, 3.0, 1.0])];
        let _ = writeln!(
            out,
            "{team},{kind},{},{decided},{documented}",
            raised.format("%Y-%m-%dT%H:%M:%SZ")
        );
    }
}

#[cfg(test)]
mod tests {
    use app::domain::capture::measure::{EntryValue, Measure};

    use super::*;

    fn members() -> Vec<Member> {
        (0..12)
            .map(|n| Member {
                email: format!("p{n}@example.org"),
                team: if n < 6 { "Alpha".into() } else { "Beta".into() },
                pilot_arm: n < 6,
            })
            .collect()
    }

    fn is_pilot(email: &str) -> bool {
        let number = &email[1..email.find('@').expect("an address")];
        number.parse::<u32>().expect("a number") < 6
    }

    fn windows() -> (Window, Window) {
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).expect("date");
        (
            Window {
                first: day(2),
                last: day(13),
            },
            Window {
                first: day(23),
                last: day(31),
            },
        )
    }

    fn mean_meeting_hours(csv: &str, pilot_arm: bool, window: Window) -> f64 {
        let values: Vec<f64> = csv
            .lines()
            .skip(1)
            .map(|line| line.split(',').collect::<Vec<_>>())
            .filter(|f| f[2] == "meeting_hours" && is_pilot(f[0]) == pilot_arm)
            .filter(|f| {
                let day = f[1].parse::<NaiveDate>().expect("date");
                window.first <= day && day <= window.last
            })
            .map(|f| f[3].parse::<f64>().expect("value"))
            .collect();
        values.iter().sum::<f64>() / values.len() as f64
    }

    #[test]
    fn every_generated_value_is_one_the_import_accepts() {
        let (baseline, follow_up) = windows();
        let history = generate(&members(), baseline, follow_up, 7);
        for line in history.metrics_csv.lines().skip(1) {
            let fields: Vec<&str> = line.split(',').collect();
            let measure = Measure::parse(fields[2], &[]).expect("known measure");
            let value: f64 = fields[3].parse().expect("a number");
            EntryValue::new(measure, fields[4], value, &[]).expect(line);
        }
        assert!(history.decisions_csv.lines().count() > 1);
    }

    #[test]
    fn pilot_teams_meet_less_in_the_follow_up_and_comparison_teams_do_not() {
        let (baseline, follow_up) = windows();
        let csv = generate(&members(), baseline, follow_up, 7).metrics_csv;
        let pilot_drop =
            mean_meeting_hours(&csv, true, baseline) - mean_meeting_hours(&csv, true, follow_up);
        assert!(
            pilot_drop > 0.8,
            "pilot teams' meeting hours should fall: {pilot_drop}"
        );
        let comparison_change =
            mean_meeting_hours(&csv, false, follow_up) - mean_meeting_hours(&csv, false, baseline);
        assert!(comparison_change.abs() < 0.6, "{comparison_change}");
    }

    #[test]
    fn the_same_seed_gives_the_same_files() {
        let (baseline, follow_up) = windows();
        let one = generate(&members(), baseline, follow_up, 11);
        let two = generate(&members(), baseline, follow_up, 11);
        assert_eq!(one.metrics_csv, two.metrics_csv);
        assert_eq!(one.decisions_csv, two.decisions_csv);
    }
}
