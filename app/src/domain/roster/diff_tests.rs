use proptest::prelude::*;

use super::*;
use crate::domain::roster::{parse, COLUMNS};

/// The organisation as it would be right after importing `parsed`: everyone in the file active,
/// in their team, with their manager.
fn imported(parsed: &ParsedRoster) -> Organisation {
    let mut organisation = Organisation::default();
    for (index, row) in parsed.rows.iter().enumerate() {
        let id = index as i64 + 1;
        let department = *organisation
            .departments
            .entry(row.department.clone())
            .or_insert(id);
        organisation
            .teams
            .entry(row.team.clone())
            .or_insert((id, department));
        organisation.people.insert(
            row.email.as_str().to_string(),
            Current {
                id,
                name: row.name.as_str().to_string(),
                team: Some(row.team.clone()),
                department: Some(row.department.clone()),
                manager_email: row.manager_email.as_ref().map(|e| e.as_str().to_string()),
                role: row.role.as_str().to_string(),
                time_zone: row.time_zone.as_str().to_string(),
                working_pattern: row.working_pattern.as_str().to_string(),
                active: true,
            },
        );
    }
    organisation
}

const FILE: &str = "email,name,team,department,manager_email,role,timezone,working_pattern\n\
    lea@example.org,Lea Lead,Platform,Engineering,,admin,Europe/Berlin,full_time\n\
    sam@example.org,Sam Dev,Platform,Engineering,lea@example.org,,Europe/Berlin,part_time\n";

#[test]
fn a_new_organisation_gets_every_person_team_and_department() {
    let preview = compare(
        &parse(FILE),
        &Organisation::default(),
        RosterOptions::default(),
        None,
    );
    assert_eq!(preview.new_people.len(), 2);
    assert_eq!(preview.new_teams, ["Platform"]);
    assert_eq!(preview.new_departments, ["Engineering"]);
    assert_eq!(preview.errors, vec![]);
}

#[test]
fn a_moved_person_shows_each_changed_field_before_and_after() {
    let parsed = parse(FILE);
    let mut organisation = imported(&parsed);
    let sam = organisation.people.get_mut("sam@example.org").expect("sam");
    sam.team = Some("Data".into());
    sam.time_zone = "UTC".into();
    sam.active = false;
    let preview = compare(&parsed, &organisation, RosterOptions::default(), None);
    assert_eq!(preview.unchanged, 1);
    assert_eq!(
        preview.changed_people[0].changes,
        [
            "team: Data → Platform",
            "timezone: UTC → Europe/Berlin",
            "reactivated"
        ]
    );
}

#[test]
fn an_unknown_manager_and_a_file_without_admins_are_errors() {
    let file = "email,name,team,department,manager_email\n\
        ann@example.org,Ann,Ops,Operations,ghost@example.org\n";
    let preview = compare(
        &parse(file),
        &Organisation::default(),
        RosterOptions::default(),
        None,
    );
    let messages: Vec<&str> = preview.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        ["manager ghost@example.org not found in the file or the organisation"]
    );
    let alone = "email,name,team,department\nann@example.org,Ann,Ops,Operations\n";
    let preview = compare(
        &parse(alone),
        &Organisation::default(),
        RosterOptions::default(),
        None,
    );
    assert_eq!(
        preview.errors[0].message,
        "this file would leave the organisation without an admin: give someone the admin role in the file, or create one first with `async-pilot create-admin`"
    );
}

#[test]
fn people_reporting_to_a_manager_whose_line_is_bad_are_told_so_not_not_found() {
    let file = "email,name,team,department,manager_email,role,timezone\n\
        boss@example.org,Bo Boss,Ops,Operations,,admin,Mars/Base\n\
        ann@example.org,Ann,Ops,Operations,boss@example.org,,UTC\n\
        ben@example.org,Ben,Ops,Operations,boss@example.org,,UTC\n\
        cy@example.org,Cy,Ops,Operations,ghost@example.org,admin,UTC\n";
    let preview = compare(
        &parse(file),
        &Organisation::default(),
        RosterOptions::default(),
        None,
    );
    let errors: Vec<String> = preview.errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 4, "{errors:?}");
    assert!(errors[0].starts_with("line 2: 'Mars/Base'"), "{errors:?}");
    assert_eq!(
        errors[1..],
        [
            "line 3: manager's line 2 has an error",
            "line 4: manager's line 2 has an error",
            "line 5: manager ghost@example.org not found in the file or the organisation",
        ]
    );
}

#[test]
fn a_self_managed_person_is_a_note_in_the_preview_and_no_change_once_imported() {
    let file = "email,name,team,department,manager_email,role\n\
        ceo@example.org,Cleo Chief,Board,Leadership,ceo@example.org,admin\n";
    let parsed = parse(file);
    let preview = compare(
        &parsed,
        &Organisation::default(),
        RosterOptions::default(),
        None,
    );
    assert!(preview.errors.is_empty(), "{:?}", preview.errors);
    assert_eq!(preview.new_people.len(), 1);
    assert_eq!(
        preview.notes[0].to_string(),
        "line 2: lists themself as manager; imported without a manager"
    );
    let again = compare(&parsed, &imported(&parsed), RosterOptions::default(), None);
    assert!(!again.changes_anything(), "{again:?}");
    assert_eq!(
        again.notes.len(),
        1,
        "the note stays while the file says so"
    );
}

#[test]
fn missing_people_are_deactivated_only_when_asked_and_never_the_importer() {
    let parsed = parse(FILE);
    let mut organisation = imported(&parsed);
    let mut kim = organisation.people["sam@example.org"].clone();
    kim.team = Some("Data".into());
    organisation.people.insert("kim@example.org".into(), kim);
    let kept = compare(&parsed, &organisation, RosterOptions::default(), None);
    assert_eq!(kept.missing[0].email, "kim@example.org");
    assert_eq!(kept.missing[0].changes, ["team: Data"]);
    assert!(kept.deactivated().is_empty());
    let asked = RosterOptions {
        deactivate_missing: true,
    };
    let leaving = compare(&parsed, &organisation, asked, Some("lea@example.org"));
    assert_eq!(leaving.deactivated().len(), 1);
    assert!(leaving.errors.is_empty());
    let own = compare(&parsed, &organisation, asked, Some("kim@example.org"));
    assert!(own.errors[0]
        .message
        .contains("your own account (kim@example.org)"));
}

#[test]
fn a_team_is_managed_by_whom_most_members_report_to() {
    assert_eq!(team_manager(&HashMap::new()), None);
    assert_eq!(team_manager(&HashMap::from([(7, 1), (3, 4)])), Some(3));
    assert_eq!(
        team_manager(&HashMap::from([(9, 2), (4, 2)])),
        Some(4),
        "a tie goes to the lowest id"
    );
}

/// One line of a generated roster: person `index`, in one of a few teams, reporting to an
/// earlier person or nobody.
fn line(index: usize, team: usize, manager: Option<usize>, part_time: bool) -> String {
    let manager = manager
        .filter(|manager| *manager < index)
        .map(|manager| format!("p{manager}@example.org"))
        .unwrap_or_default();
    let role = if index == 0 { "admin" } else { "" };
    let pattern = if part_time { "part_time" } else { "full_time" };
    format!(
        "p{index}@example.org,Person {index},Team {team},Department {},{manager},{role},UTC,{pattern}\n",
        team % 3
    )
}

proptest! {
    #[test]
    fn reimporting_the_same_file_changes_nothing(
        people in prop::collection::vec((0usize..6, prop::option::of(0usize..40), any::<bool>()), 1..40),
    ) {
        let mut file = format!("{}\n", COLUMNS.join(","));
        for (index, (team, manager, part_time)) in people.iter().enumerate() {
            file.push_str(&line(index, *team, *manager, *part_time));
        }
        let parsed = parse(&file);
        prop_assert_eq!(&parsed.errors, &vec![]);
        let preview = compare(&parsed, &imported(&parsed), RosterOptions::default(), None);
        prop_assert!(!preview.changes_anything(), "{:?}", preview);
        prop_assert_eq!(preview.unchanged, people.len() as i64);
        prop_assert!(preview.errors.is_empty());
        prop_assert!(preview.missing.is_empty());
    }
}
