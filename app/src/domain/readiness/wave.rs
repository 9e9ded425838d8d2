//! The next wave after an "expand": which teams to invite, ranked and explained, and how many.
//!
//! Teams already piloting (in any pilot's pilot arm) or serving as comparison teams in a
//! running pilot are left out. The rest rank by tier — volunteered or manager trained first,
//! then a confirmed champion in their department, then sharing a department with one of this
//! pilot's teams, then the rest — and within a tier by how many of those reasons they have, then
//! by name. The suggested wave is every ranked team with a confirmed champion in its team or
//! department (so no new team starts without one nearby); with none, the first teams up to
//! the size of the pilot that earned the wave.

use serde::{Deserialize, Serialize};

/// What the planner knows about a team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamFacts {
    pub team_id: i64,
    pub team: String,
    pub department: String,
    pub volunteered: bool,
    pub manager_trained: bool,
    /// A confirmed champion in the team or its department.
    pub champion_nearby: bool,
    /// In the same department as one of the expanding pilot's pilot teams.
    pub near_pilot_team: bool,
    /// In a pilot arm of any pilot (this one included).
    pub piloting: bool,
    /// A comparison team of a pilot that has not been decided or closed.
    pub comparing_in_running_pilot: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WaveTeam {
    pub team_id: i64,
    pub team: String,
    pub department: String,
    /// 1 (volunteered or manager trained) … 4 (no reason yet).
    pub tier: i32,
    pub reasons: Vec<String>,
    /// In the suggested wave.
    pub suggested: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WavePlan {
    pub teams: Vec<WaveTeam>,
    pub suggested_size: i32,
    /// Why that size, in a sentence.
    pub size_reason: String,
    /// Teams left out because they already pilot or compare in a running pilot.
    pub left_out: i32,
}

fn reasons(team: &TeamFacts) -> Vec<String> {
    let mut reasons = Vec::new();
    if team.volunteered {
        reasons.push("volunteered".to_string());
    }
    if team.manager_trained {
        reasons.push("manager completed the training".to_string());
    }
    if team.champion_nearby {
        reasons.push("a confirmed champion in the team or department".to_string());
    }
    if team.near_pilot_team {
        reasons.push("same department as a pilot team".to_string());
    }
    reasons
}

fn tier(team: &TeamFacts) -> i32 {
    if team.volunteered || team.manager_trained {
        1
    } else if team.champion_nearby {
        2
    } else if team.near_pilot_team {
        3
    } else {
        4
    }
}

/// Ranks the candidates and suggests a wave; `pilot_teams` is the expanding pilot's size.
pub fn plan(teams: &[TeamFacts], pilot_teams: usize) -> WavePlan {
    let (busy, free): (Vec<&TeamFacts>, Vec<&TeamFacts>) = teams
        .iter()
        .partition(|team| team.piloting || team.comparing_in_running_pilot);
    let mut ranked: Vec<(&TeamFacts, i32, Vec<String>)> = free
        .into_iter()
        .map(|team| (team, tier(team), reasons(team)))
        .collect();
    ranked.sort_by(|(a, a_tier, a_reasons), (b, b_tier, b_reasons)| {
        a_tier
            .cmp(b_tier)
            .then(b_reasons.len().cmp(&a_reasons.len()))
            .then_with(|| a.team.to_lowercase().cmp(&b.team.to_lowercase()))
            .then(a.team_id.cmp(&b.team_id))
    });
    let with_champion = ranked
        .iter()
        .filter(|(team, ..)| team.champion_nearby)
        .count();
    let (size, size_reason) = if ranked.is_empty() {
        (
            0,
            "Every team already pilots or compares in a running pilot.".to_string(),
        )
    } else if with_champion > 0 {
        (
            with_champion,
            format!(
                "{with_champion} teams: every team with a confirmed champion in the team or its \
                 department, so that no new team starts without one nearby."
            ),
        )
    } else {
        let size = pilot_teams.clamp(1, ranked.len());
        (
            size,
            format!(
                "No candidate team has a confirmed champion nearby: confirm champions first. \
                 Until then, a wave the size of this pilot ({size} teams)."
            ),
        )
    };
    let teams = ranked
        .into_iter()
        .enumerate()
        .map(|(position, (team, tier, reasons))| WaveTeam {
            team_id: team.team_id,
            team: team.team.clone(),
            department: team.department.clone(),
            tier,
            suggested: if with_champion > 0 {
                team.champion_nearby
            } else {
                position < size
            },
            reasons,
        })
        .collect();
    WavePlan {
        teams,
        suggested_size: i32::try_from(size).unwrap_or(i32::MAX),
        size_reason,
        left_out: i32::try_from(busy.len()).unwrap_or(i32::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team(id: i64, name: &str) -> TeamFacts {
        TeamFacts {
            team_id: id,
            team: name.into(),
            department: "Product".into(),
            volunteered: false,
            manager_trained: false,
            champion_nearby: false,
            near_pilot_team: false,
            piloting: false,
            comparing_in_running_pilot: false,
        }
    }

    /// A fixture organisation: two pilot teams, a comparison team of a running pilot, and six
    /// candidates with different reasons.
    fn organisation() -> Vec<TeamFacts> {
        vec![
            TeamFacts {
                piloting: true,
                ..team(1, "Design")
            },
            TeamFacts {
                comparing_in_running_pilot: true,
                ..team(2, "Finance")
            },
            TeamFacts {
                near_pilot_team: true,
                ..team(3, "Research")
            },
            team(4, "Legal"),
            TeamFacts {
                champion_nearby: true,
                near_pilot_team: true,
                ..team(5, "Support")
            },
            TeamFacts {
                manager_trained: true,
                ..team(6, "Sales")
            },
            TeamFacts {
                volunteered: true,
                champion_nearby: true,
                ..team(7, "Data")
            },
            TeamFacts {
                champion_nearby: true,
                ..team(8, "Brand")
            },
        ]
    }

    #[test]
    fn teams_rank_by_tier_then_by_reasons_then_by_name() {
        let plan = plan(&organisation(), 2);
        let order: Vec<&str> = plan.teams.iter().map(|team| team.team.as_str()).collect();
        assert_eq!(
            order,
            vec!["Data", "Sales", "Support", "Brand", "Research", "Legal"]
        );
        let tiers: Vec<i32> = plan.teams.iter().map(|team| team.tier).collect();
        assert_eq!(tiers, vec![1, 1, 2, 2, 3, 4]);
        assert_eq!(
            plan.teams[0].reasons,
            vec![
                "volunteered".to_string(),
                "a confirmed champion in the team or department".to_string()
            ]
        );
        assert!(plan.teams[5].reasons.is_empty());
    }

    #[test]
    fn piloting_teams_and_comparison_teams_of_running_pilots_are_left_out() {
        let plan = plan(&organisation(), 2);
        assert_eq!(plan.left_out, 2);
        assert!(plan
            .teams
            .iter()
            .all(|team| team.team != "Design" && team.team != "Finance"));
    }

    #[test]
    fn the_suggested_wave_is_every_team_with_a_champion_nearby() {
        let plan = plan(&organisation(), 2);
        let suggested: Vec<&str> = plan
            .teams
            .iter()
            .filter(|team| team.suggested)
            .map(|team| team.team.as_str())
            .collect();
        assert_eq!(suggested, vec!["Data", "Support", "Brand"]);
        assert_eq!(plan.suggested_size, 3);
    }

    #[test]
    fn without_any_champion_the_wave_takes_the_pilots_size_from_the_top() {
        let teams: Vec<TeamFacts> = organisation()
            .into_iter()
            .map(|team| TeamFacts {
                champion_nearby: false,
                ..team
            })
            .collect();
        let plan = plan(&teams, 2);
        assert_eq!(plan.suggested_size, 2);
        let suggested: Vec<&str> = plan
            .teams
            .iter()
            .filter(|team| team.suggested)
            .map(|team| team.team.as_str())
            .collect();
        assert_eq!(suggested, vec!["Data", "Sales"]);
        assert!(plan.size_reason.contains("confirm champions first"));
    }

    #[test]
    fn an_organisation_with_every_team_busy_has_an_empty_wave() {
        let plan = plan(
            &[TeamFacts {
                piloting: true,
                ..team(1, "Design")
            }],
            1,
        );
        assert!(plan.teams.is_empty());
        assert_eq!(plan.suggested_size, 0);
    }
}
