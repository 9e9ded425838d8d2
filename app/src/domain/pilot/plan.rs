//! A pilot's measurement windows: baseline, intervention and follow-up, as calendar dates.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::lifecycle::PilotStage;
use crate::domain::ParseError;

pub const DEFAULT_BASELINE_DAYS: u16 = 30;
pub const DEFAULT_INTERVENTION_DAYS: u16 = 28;
pub const DEFAULT_FOLLOW_UP_DAYS: u16 = 30;

/// A window length in whole days, within the limits a comparable study needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowDays(u16);

impl WindowDays {
    /// Shorter windows miss the weekly rhythm; longer ones let other changes creep in.
    pub const MIN: u16 = 7;
    pub const MAX: u16 = 120;

    pub fn parse(field: &'static str, raw: &str) -> Result<Self, ParseError> {
        let raw = raw.trim();
        let days: i64 = raw.parse().map_err(|_| {
            ParseError::new(field, format!("'{raw}' is not a whole number of days"))
        })?;
        Self::new(field, days)
    }

    /// A length given as a number (the API's JSON, a stored row), checked like typed text.
    pub fn new(field: &'static str, days: i64) -> Result<Self, ParseError> {
        if !(i64::from(Self::MIN)..=i64::from(Self::MAX)).contains(&days) {
            return Err(ParseError::new(
                field,
                format!(
                    "must be between {} and {} days, not {days}",
                    Self::MIN,
                    Self::MAX
                ),
            ));
        }
        Ok(Self(days as u16))
    }

    pub fn get(self) -> u16 {
        self.0
    }
}

/// The raw form fields, exactly as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlanInput {
    pub baseline_start: String,
    pub baseline_days: String,
    pub intervention_days: String,
    pub follow_up_days: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PilotPlan {
    baseline_start: NaiveDate,
    baseline: WindowDays,
    intervention: WindowDays,
    follow_up: WindowDays,
}

/// One measurement window, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseWindow {
    pub stage: PilotStage,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub days: u16,
}

impl PilotPlan {
    pub fn new(
        baseline_start: NaiveDate,
        baseline: WindowDays,
        intervention: WindowDays,
        follow_up: WindowDays,
    ) -> Self {
        Self {
            baseline_start,
            baseline,
            intervention,
            follow_up,
        }
    }

    pub fn parse(input: &PlanInput) -> Result<Self, ParseError> {
        let start = input.baseline_start.trim();
        let baseline_start = NaiveDate::parse_from_str(start, "%Y-%m-%d").map_err(|_| {
            ParseError::new(
                "baseline_start",
                format!("'{start}' is not a date in the form YYYY-MM-DD"),
            )
        })?;
        Ok(Self::new(
            baseline_start,
            WindowDays::parse("baseline_days", &input.baseline_days)?,
            WindowDays::parse("intervention_days", &input.intervention_days)?,
            WindowDays::parse("follow_up_days", &input.follow_up_days)?,
        ))
    }

    /// The three windows back to back: each starts the day after the previous one ends.
    pub fn windows(&self) -> [PhaseWindow; 3] {
        let baseline = window(PilotStage::Baseline, self.baseline_start, self.baseline);
        let intervention = window(
            PilotStage::Intervention,
            day_after(baseline.last_day),
            self.intervention,
        );
        let follow_up = window(
            PilotStage::FollowUp,
            day_after(intervention.last_day),
            self.follow_up,
        );
        [baseline, intervention, follow_up]
    }

    /// The first day of the review, when all follow-up data is in.
    pub fn review_starts(&self) -> NaiveDate {
        day_after(self.windows()[2].last_day)
    }

    /// Which stage an entry dated `date` belongs to, by date alone.
    pub fn stage_on(&self, date: NaiveDate) -> PilotStage {
        if date < self.baseline_start {
            return PilotStage::Draft;
        }
        self.windows()
            .iter()
            .find(|window| date <= window.last_day)
            .map_or(PilotStage::Review, |window| window.stage)
    }
}

fn window(stage: PilotStage, first_day: NaiveDate, days: WindowDays) -> PhaseWindow {
    let last_day = first_day
        .checked_add_days(Days::new(u64::from(days.get()) - 1))
        .unwrap_or(NaiveDate::MAX);
    PhaseWindow {
        stage,
        first_day,
        last_day,
        days: days.get(),
    }
}

fn day_after(date: NaiveDate) -> NaiveDate {
    date.succ_opt().unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn input(start: &str, baseline: &str, intervention: &str, follow_up: &str) -> PlanInput {
        PlanInput {
            baseline_start: start.into(),
            baseline_days: baseline.into(),
            intervention_days: intervention.into(),
            follow_up_days: follow_up.into(),
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn a_thirty_day_baseline_ends_on_its_thirtieth_day() {
        let plan = PilotPlan::parse(&input("2026-01-05", "30", "28", "30")).expect("valid plan");
        let [baseline, intervention, follow_up] = plan.windows();
        assert_eq!(baseline.first_day, date(2026, 1, 5));
        assert_eq!(baseline.last_day, date(2026, 2, 3));
        assert_eq!(intervention.first_day, date(2026, 2, 4));
        assert_eq!(follow_up.first_day, date(2026, 3, 4));
        assert_eq!(follow_up.last_day, date(2026, 4, 2));
        assert_eq!(plan.review_starts(), date(2026, 4, 3));
    }

    #[test]
    fn entries_belong_to_a_stage_by_their_date() {
        let plan = PilotPlan::parse(&input("2026-01-05", "30", "28", "30")).expect("valid plan");
        assert_eq!(plan.stage_on(date(2026, 1, 4)), PilotStage::Draft);
        assert_eq!(plan.stage_on(date(2026, 1, 5)), PilotStage::Baseline);
        assert_eq!(plan.stage_on(date(2026, 2, 3)), PilotStage::Baseline);
        assert_eq!(plan.stage_on(date(2026, 2, 4)), PilotStage::Intervention);
        assert_eq!(plan.stage_on(date(2026, 4, 2)), PilotStage::FollowUp);
        assert_eq!(plan.stage_on(date(2026, 4, 3)), PilotStage::Review);
    }

    #[test]
    fn a_malformed_date_names_the_start_field() {
        let error = PilotPlan::parse(&input("05/01/2026", "30", "28", "30")).unwrap_err();
        assert_eq!(error.field, "baseline_start");
        assert!(error.message.contains("YYYY-MM-DD"), "{error}");
    }

    #[test]
    fn a_window_that_is_not_a_number_names_its_field() {
        let error = PilotPlan::parse(&input("2026-01-05", "30", "four weeks", "30")).unwrap_err();
        assert_eq!(error.field, "intervention_days");
        assert!(error.message.contains("'four weeks'"), "{error}");
    }

    #[test]
    fn windows_outside_the_limits_are_refused() {
        assert!(WindowDays::parse("baseline_days", "6").is_err());
        assert!(WindowDays::parse("baseline_days", "121").is_err());
        assert!(WindowDays::parse("baseline_days", "-30").is_err());
        assert_eq!(
            WindowDays::parse("baseline_days", " 7 ").map(WindowDays::get),
            Ok(7)
        );
    }

    proptest! {
        #[test]
        fn windows_are_contiguous_and_as_long_as_asked(
            offset in 0u64..20_000,
            baseline in WindowDays::MIN..=WindowDays::MAX,
            intervention in WindowDays::MIN..=WindowDays::MAX,
            follow_up in WindowDays::MIN..=WindowDays::MAX,
        ) {
            let start = date(2000, 1, 1) + Days::new(offset);
            let plan = PilotPlan::parse(&input(
                &start.to_string(),
                &baseline.to_string(),
                &intervention.to_string(),
                &follow_up.to_string(),
            )).expect("valid plan");
            let windows = plan.windows();
            for pair in windows.windows(2) {
                prop_assert_eq!(day_after(pair[0].last_day), pair[1].first_day);
            }
            for window in windows {
                let length = (window.last_day - window.first_day).num_days() + 1;
                prop_assert_eq!(length, i64::from(window.days));
            }
        }

        #[test]
        fn parsing_never_panics_on_arbitrary_text(
            start in ".{0,20}", baseline in ".{0,8}", intervention in ".{0,8}", follow_up in ".{0,8}",
        ) {
            let _ = PilotPlan::parse(&input(&start, &baseline, &intervention, &follow_up));
        }
    }
}
