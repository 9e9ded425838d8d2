//! Weekly trend lines per arm over the whole pilot (baseline to follow-up, the intervention
//! included): each person's value for the week by the metric's own formula, averaged over the
//! people of the arm's teams kept for that metric. A week with fewer than *k* people is absent.

use chrono::{Days, NaiveDate};

use super::{
    catalogue::ReportMetric,
    input::ReportInput,
    shape::{Trend, TrendPoint},
    values::{values_by, Periods},
};
use crate::domain::{pilot::Arm, stats::describe::mean};

/// Seven-day weeks counted from the baseline's first day.
struct Weeks<'a>(&'a ReportInput);

impl Weeks<'_> {
    fn first(&self) -> NaiveDate {
        self.0.windows.baseline.first_day
    }
    fn last(&self) -> NaiveDate {
        self.0.windows.follow_up.last_day.min(self.0.today)
    }
    fn start_of(&self, week: u32) -> NaiveDate {
        self.first() + Days::new(7 * u64::from(week))
    }
}

impl Periods<u32> for Weeks<'_> {
    fn period_of(&self, date: NaiveDate) -> Option<u32> {
        if date < self.first() || date > self.0.windows.follow_up.last_day {
            return None;
        }
        u32::try_from((date - self.first()).num_days() / 7).ok()
    }
    fn all(&self) -> Vec<u32> {
        if self.last() < self.first() {
            return Vec::new();
        }
        let weeks = (self.last() - self.first()).num_days() / 7;
        (0..=u32::try_from(weeks).unwrap_or(0)).collect()
    }
    fn counted_days(&self, week: u32) -> (NaiveDate, NaiveDate) {
        let start = self.start_of(week);
        (start, (start + Days::new(6)).min(self.last()))
    }
}

/// One trend per person metric and arm. `kept` gives, per metric key, the teams the report
/// kept for that metric.
pub fn weekly(input: &ReportInput, kept: &[(ReportMetric, Vec<i64>)]) -> Vec<Trend> {
    let weeks = Weeks(input);
    let values = values_by(input, &weeks);
    let k = usize::try_from(input.privacy_k).unwrap_or(0);
    let mut trends = Vec::new();
    for (metric, teams) in kept {
        let Some(by_person) = values.of(metric) else {
            continue;
        };
        for arm in [Arm::Pilot, Arm::Comparison] {
            let people: Vec<i64> = teams
                .iter()
                .filter(|team| input.arm_of(**team) == Some(arm))
                .flat_map(|team| input.consenting_in(*team).iter().copied())
                .collect();
            if people.is_empty() {
                continue;
            }
            let points = weeks
                .all()
                .into_iter()
                .filter_map(|week| {
                    let week_values: Vec<f64> = people
                        .iter()
                        .filter_map(|person| by_person.get(&(*person, week)).copied())
                        .collect();
                    (week_values.len() >= k).then(|| TrendPoint {
                        week_start: weeks.start_of(week),
                        mean: mean(&week_values).unwrap_or_default(),
                        n: week_values.len() as i64,
                    })
                })
                .collect();
            trends.push(Trend {
                metric: metric.key(),
                arm,
                points,
            });
        }
    }
    trends
}
