//! What participation figures mean: the share of invited members who consented, and which
//! figures may be shown at all (a group under the pilot's privacy threshold *k* shows none, so a
//! count never reveals one person's choice).

use serde::{Deserialize, Serialize};

use super::Arm;
use crate::domain::{
    access::{allows, Action},
    account::Role,
};

/// A group's participation as it may be shown: its counts when it has at least *k* members,
/// otherwise only that it is smaller than *k*.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Participation {
    /// Members invited (the frozen membership once the baseline started) and members enrolled.
    Counts { members: i64, enrolled: i64 },
    /// The group has fewer than `threshold` (the pilot's *k*) members: no counts.
    FewerThan { threshold: i32 },
}

impl Participation {
    /// The counts of a group of `members` of whom `enrolled` consented, under threshold `k`.
    pub fn of(members: i64, enrolled: i64, k: i32) -> Self {
        if members >= i64::from(k) && members > 0 {
            Self::Counts {
                members,
                enrolled: enrolled.clamp(0, members),
            }
        } else {
            Self::FewerThan { threshold: k }
        }
    }

    /// "enrolled / invited", or why there are no numbers.
    pub fn label(&self) -> String {
        match self {
            Self::Counts { members, enrolled } => format!("{enrolled} / {members}"),
            Self::FewerThan { threshold } => format!("fewer than {threshold} members"),
        }
    }

    /// The consent rate, or a dash when the counts are withheld.
    pub fn rate_label(&self) -> String {
        match self {
            Self::Counts { members, enrolled } => consent_rate_label(*enrolled, *members),
            Self::FewerThan { .. } => "–".to_string(),
        }
    }
}

/// One team's raw counts, before the threshold is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TeamCounts {
    pub arm: Arm,
    pub members: i64,
    pub enrolled: i64,
}

/// The participation of one arm: its teams together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ArmParticipation {
    pub arm: Arm,
    pub teams: i64,
    pub participation: Participation,
}

/// Pilot teams together and comparison teams together, each under threshold `k`; an arm without
/// teams is left out.
pub fn arm_participation(teams: &[TeamCounts], k: i32) -> Vec<ArmParticipation> {
    [Arm::Pilot, Arm::Comparison]
        .into_iter()
        .filter_map(|arm| {
            let of_arm: Vec<&TeamCounts> = teams.iter().filter(|team| team.arm == arm).collect();
            if of_arm.is_empty() {
                return None;
            }
            let members = of_arm.iter().map(|team| team.members).sum();
            let enrolled = of_arm
                .iter()
                .map(|team| team.enrolled.clamp(0, team.members))
                .sum();
            Some(ArmParticipation {
                arm,
                teams: of_arm.len() as i64,
                participation: Participation::of(members, enrolled, k),
            })
        })
        .collect()
}

/// Whether `role` sees participation per team: those who run pilots do; executives see arms
/// only, so that a team's count does not drop before their eyes when one person withdraws.
pub fn sees_each_team(role: Role) -> bool {
    allows(role, Action::ChangePilots)
}

/// Enrolled members as a percentage of those invited; `None` when nobody was invited (a rate
/// of nothing is not zero).
pub fn consent_rate(enrolled: i64, invited: i64) -> Option<f64> {
    (invited > 0).then(|| 100.0 * enrolled as f64 / invited as f64)
}

/// The rate as the pilot page shows it: whole percent, or a dash when nobody was invited.
pub fn consent_rate_label(enrolled: i64, invited: i64) -> String {
    match consent_rate(enrolled, invited) {
        Some(rate) => format!("{rate:.0} %"),
        None => "–".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_group_under_k_shows_no_counts() {
        assert_eq!(
            Participation::of(1, 0, 5),
            Participation::FewerThan { threshold: 5 }
        );
        assert_eq!(
            Participation::of(4, 4, 5),
            Participation::FewerThan { threshold: 5 }
        );
        assert_eq!(
            Participation::of(0, 0, 3),
            Participation::FewerThan { threshold: 3 }
        );
        assert_eq!(Participation::of(1, 0, 5).label(), "fewer than 5 members");
        assert_eq!(Participation::of(1, 0, 5).rate_label(), "–");
    }

    #[test]
    fn a_group_of_k_or_more_shows_its_counts() {
        assert_eq!(
            Participation::of(5, 2, 5),
            Participation::Counts {
                members: 5,
                enrolled: 2
            }
        );
        assert_eq!(Participation::of(5, 2, 5).label(), "2 / 5");
        assert_eq!(Participation::of(5, 2, 5).rate_label(), "40 %");
    }

    #[test]
    fn arms_add_their_teams_up_and_each_is_held_to_k() {
        let teams = [
            TeamCounts {
                arm: Arm::Pilot,
                members: 2,
                enrolled: 1,
            },
            TeamCounts {
                arm: Arm::Pilot,
                members: 3,
                enrolled: 3,
            },
            TeamCounts {
                arm: Arm::Comparison,
                members: 4,
                enrolled: 0,
            },
        ];
        let arms = arm_participation(&teams, 5);
        assert_eq!(
            arms,
            vec![
                ArmParticipation {
                    arm: Arm::Pilot,
                    teams: 2,
                    participation: Participation::Counts {
                        members: 5,
                        enrolled: 4
                    },
                },
                ArmParticipation {
                    arm: Arm::Comparison,
                    teams: 1,
                    participation: Participation::FewerThan { threshold: 5 },
                },
            ]
        );
        assert!(arm_participation(&teams[..2], 5)
            .iter()
            .all(|arm| arm.arm == Arm::Pilot));
    }

    #[test]
    fn admins_see_teams_and_executives_see_arms() {
        assert!(sees_each_team(Role::Admin));
        assert!(!sees_each_team(Role::Executive));
        assert!(!sees_each_team(Role::Participant));
    }

    #[test]
    fn nobody_invited_has_no_rate_rather_than_zero() {
        assert_eq!(consent_rate(0, 0), None);
        assert_eq!(consent_rate_label(0, 0), "–");
        assert_eq!(consent_rate_label(0, 5), "0 %");
    }

    #[test]
    fn the_rate_is_rounded_to_a_whole_percent() {
        assert_eq!(consent_rate_label(1, 3), "33 %");
        assert_eq!(consent_rate_label(2, 3), "67 %");
        assert_eq!(consent_rate_label(5, 5), "100 %");
        assert_eq!(consent_rate(1, 2), Some(50.0));
    }

    proptest! {
        #[test]
        fn counts_are_shown_only_for_groups_of_at_least_k(
            members in 0i64..1_000, enrolled in 0i64..1_000, k in 3i32..50,
        ) {
            match Participation::of(members, enrolled, k) {
                Participation::Counts { members: shown, enrolled: consented } => {
                    prop_assert!(shown >= i64::from(k));
                    prop_assert!(consented <= shown);
                }
                Participation::FewerThan { threshold } => {
                    prop_assert!(members < i64::from(k));
                    prop_assert_eq!(threshold, k);
                }
            }
        }

        #[test]
        fn a_rate_stays_between_zero_and_a_hundred_when_enrolled_are_among_invited(
            invited in 1i64..100_000, share in 0.0f64..=1.0,
        ) {
            let enrolled = (invited as f64 * share) as i64;
            let rate = consent_rate(enrolled, invited).expect("a rate");
            prop_assert!((0.0..=100.0).contains(&rate));
        }
    }
}
