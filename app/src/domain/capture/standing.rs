//! Who may do what with a team's records (its charter and decision log), given how the caller
//! stands to the team. The role check (`Action::ReadTeamRecords`, `KeepTeamRecords`) comes
//! first, in the service; this is the team check after it.

/// How the caller stands to one team; several may hold at once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Standing {
    /// In the team now (an open membership).
    pub member: bool,
    /// The team's manager (`teams.manager_id`), in the team or not.
    pub manager: bool,
    /// HR (the admin role).
    pub admin: bool,
}

/// The threshold when the team is in no pilot: the product's default *k*.
pub const DEFAULT_K: i32 = 5;

impl Standing {
    /// Members, the manager and HR read the charter and the log (HR perhaps without titles).
    pub fn may_read(&self) -> bool {
        self.member || self.manager || self.admin
    }

    /// The team's manager and HR save charter versions.
    pub fn may_edit_charter(&self) -> bool {
        self.manager || self.admin
    }

    /// The team's own people log decisions and mark them decided; HR, outside the team, does not
    /// (it imports decisions instead).
    pub fn may_log_decisions(&self) -> bool {
        self.member || self.manager
    }

    /// Titles are the team's own words: its people see them; HR sees them only when the team has
    /// at least `k` people, otherwise counts and medians alone (METHOD.md section 7).
    pub fn sees_titles(&self, people: u64, k: i32) -> bool {
        self.member || self.manager || (self.admin && people >= u64::try_from(k).unwrap_or(0))
    }
}

/// The threshold for a team: the smallest *k* of the pilots it takes part in, the default when
/// it is in none.
pub fn team_k(pilot_ks: &[i32]) -> i32 {
    pilot_ks.iter().copied().min().unwrap_or(DEFAULT_K)
}

/// Why titles are withheld, in the words every report uses.
pub fn withheld_reason(k: i32) -> String {
    format!("fewer than {k} people")
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTSIDER: Standing = Standing {
        member: false,
        manager: false,
        admin: false,
    };
    const MEMBER: Standing = Standing {
        member: true,
        ..OUTSIDER
    };
    const MANAGER: Standing = Standing {
        manager: true,
        ..OUTSIDER
    };
    const HR: Standing = Standing {
        admin: true,
        ..OUTSIDER
    };

    #[test]
    fn someone_outside_the_team_reads_and_writes_nothing() {
        assert!(!OUTSIDER.may_read());
        assert!(!OUTSIDER.may_edit_charter());
        assert!(!OUTSIDER.may_log_decisions());
        assert!(!OUTSIDER.sees_titles(100, 5));
    }

    #[test]
    fn members_log_decisions_but_only_the_manager_and_hr_edit_the_charter() {
        assert!(MEMBER.may_read() && MEMBER.may_log_decisions());
        assert!(!MEMBER.may_edit_charter());
        assert!(MANAGER.may_edit_charter() && MANAGER.may_log_decisions());
        assert!(HR.may_edit_charter() && !HR.may_log_decisions());
    }

    #[test]
    fn hr_sees_titles_only_from_k_people_on_but_members_always_do() {
        assert!(!HR.sees_titles(4, 5));
        assert!(HR.sees_titles(5, 5));
        assert!(MEMBER.sees_titles(1, 5));
        assert!(MANAGER.sees_titles(2, 5));
    }

    #[test]
    fn a_team_takes_the_smallest_k_of_its_pilots_or_five() {
        assert_eq!(team_k(&[]), 5);
        assert_eq!(team_k(&[7, 4, 9]), 4);
        assert_eq!(withheld_reason(4), "fewer than 4 people");
    }
}
