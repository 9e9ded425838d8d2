//! Champion coverage of pilot teams (a confirmed champion in the team, in its department only,
//! or none) and managers' training coverage.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// Where the nearest confirmed champion of a team is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", schema(as = ChampionCoverage))]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// A confirmed champion is a member of the team.
    InTeam,
    /// None in the team, but one in another team of the same department.
    InDepartment,
    None,
}

impl Coverage {
    pub fn label(self) -> &'static str {
        match self {
            Self::InTeam => "Champion in the team",
            Self::InDepartment => "Champion in the department",
            Self::None => "No champion near",
        }
    }
}

/// One pilot team's coverage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", schema(as = TeamChampionCoverage))]
pub struct TeamCoverage {
    pub team_id: i64,
    pub team: String,
    pub department: Option<String>,
    pub coverage: Coverage,
}

/// Managers of a pilot's teams, and how many completed every required module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", schema(as = ManagerTrainingCoverage))]
pub struct TrainingCoverage {
    pub managers: i64,
    pub completed: i64,
}

impl TrainingCoverage {
    /// completed ÷ managers; None without managers.
    pub fn share(self) -> Option<f64> {
        (self.managers > 0).then(|| self.completed as f64 / self.managers as f64)
    }
}

/// A team as coverage needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamPlace {
    pub team_id: i64,
    pub team: String,
    pub department_id: Option<i64>,
    pub department: Option<String>,
}

/// Each team's coverage, given the (team, department) of every confirmed champion's current team.
pub fn team_coverage(teams: &[TeamPlace], champions: &[(i64, Option<i64>)]) -> Vec<TeamCoverage> {
    let champion_teams: BTreeSet<i64> = champions.iter().map(|(team, _)| *team).collect();
    let champion_departments: BTreeSet<i64> = champions
        .iter()
        .filter_map(|(_, department)| *department)
        .collect();
    teams
        .iter()
        .map(|team| {
            let coverage = if champion_teams.contains(&team.team_id) {
                Coverage::InTeam
            } else if team
                .department_id
                .is_some_and(|department| champion_departments.contains(&department))
            {
                Coverage::InDepartment
            } else {
                Coverage::None
            };
            TeamCoverage {
                team_id: team.team_id,
                team: team.team.clone(),
                department: team.department.clone(),
                coverage,
            }
        })
        .collect()
}

/// Share of teams with a champion in the team; None without teams.
pub fn coverage_share(teams: &[TeamCoverage]) -> Option<f64> {
    let in_team = teams
        .iter()
        .filter(|team| team.coverage == Coverage::InTeam)
        .count();
    (!teams.is_empty()).then(|| in_team as f64 / teams.len() as f64)
}

/// How many teams fall in each kind of coverage: (in team, in department only, none).
pub fn coverage_counts(teams: &[TeamCoverage]) -> (i64, i64, i64) {
    let count = |kind: Coverage| teams.iter().filter(|team| team.coverage == kind).count() as i64;
    (
        count(Coverage::InTeam),
        count(Coverage::InDepartment),
        count(Coverage::None),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(team_id: i64, department_id: i64) -> TeamPlace {
        TeamPlace {
            team_id,
            team: format!("team {team_id}"),
            department_id: Some(department_id),
            department: Some(format!("department {department_id}")),
        }
    }

    #[test]
    fn a_team_is_covered_by_its_own_champion_then_by_its_department() {
        // Engineering (1): teams 1, 2, 3; Sales (2): team 4. A champion in team 1 (Engineering)
        // and one in team 9, outside the pilot, in Sales.
        let teams = [place(1, 1), place(2, 1), place(3, 1), place(4, 2)];
        let coverage = team_coverage(&teams, &[(1, Some(1)), (9, Some(2))]);
        let kinds: Vec<Coverage> = coverage.iter().map(|team| team.coverage).collect();
        assert_eq!(
            kinds,
            [
                Coverage::InTeam,
                Coverage::InDepartment,
                Coverage::InDepartment,
                Coverage::InDepartment
            ]
        );
        assert_eq!(coverage_share(&coverage), Some(0.25));
        assert_eq!(coverage_counts(&coverage), (1, 3, 0));
    }

    #[test]
    fn without_champions_nothing_is_covered_and_no_teams_have_no_share() {
        let coverage = team_coverage(&[place(1, 1)], &[]);
        assert_eq!(coverage[0].coverage, Coverage::None);
        assert_eq!(coverage_share(&coverage), Some(0.0));
        assert_eq!(coverage_share(&[]), None);
    }

    #[test]
    fn coverage_is_snake_case_on_the_wire() {
        assert_eq!(
            serde_json::to_string(&Coverage::InDepartment).expect("json"),
            "\"in_department\""
        );
        assert_eq!(
            TrainingCoverage {
                managers: 4,
                completed: 1
            }
            .share(),
            Some(0.25)
        );
        assert_eq!(TrainingCoverage::default().share(), None);
    }
}
