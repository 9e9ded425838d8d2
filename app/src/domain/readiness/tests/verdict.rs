//! The verdict over each case.

use super::*;

#[test]
fn everything_holding_suggests_expanding_with_nothing_missing() {
    let assessment = Case::all_holding().assess();
    assert_eq!(assessment.verdict, Some(Verdict::Expand));
    assert!(assessment.missing.is_empty(), "{:?}", assessment.missing);
    assert_eq!(assessment.components.len(), 6);
    assert!(assessment
        .components
        .iter()
        .all(|component| component.status == ComponentStatus::Holds));
    assert_eq!(
        assessment.components[0].source,
        "/pilots/7/report#metric-meeting_load"
    );
}

/// Breaks one component of an otherwise holding case.
type Breaker = Box<dyn Fn(&mut Case)>;

#[test]
fn each_component_failing_alone_suggests_extending_and_names_it() {
    let cases: Vec<(ComponentKind, Breaker)> = vec![
        (
            ComponentKind::PrimaryMetric,
            Box::new(|case: &mut Case| case.primary().did = Some(did(-1.0, 0.2, 0.03))),
        ),
        (
            ComponentKind::Participation,
            Box::new(|case: &mut Case| {
                case.report.metrics[2].arms.pilot =
                    Some(GroupFigures::Figures(paired(0.8, 0.55, 0.01)));
            }),
        ),
        (
            ComponentKind::ChampionCoverage,
            Box::new(|case: &mut Case| {
                case.champions = covered(&[("Design", true), ("Platform", false)]);
            }),
        ),
        (
            ComponentKind::ManagerTraining,
            Box::new(|case: &mut Case| {
                case.training = TrainingFacts {
                    managers: 5,
                    completed: 3,
                };
            }),
        ),
        (
            ComponentKind::Pitfalls,
            Box::new(|case: &mut Case| {
                case.report.pitfalls.push(Pitfall {
                    team_id: 1,
                    team: "Design".into(),
                    kind: PitfallKind::AsyncTheater,
                    saw: "felt reply times did not fall".into(),
                    suggestion: "revisit the charter".into(),
                });
            }),
        ),
    ];
    for (kind, break_it) in cases {
        let mut case = Case::all_holding();
        break_it(&mut case);
        let assessment = case.assess();
        assert_eq!(assessment.verdict, Some(Verdict::Extend), "{kind:?}");
        assert_eq!(
            status_of(&assessment, kind),
            ComponentStatus::Fails,
            "{kind:?}"
        );
        let failing: Vec<_> = assessment
            .components
            .iter()
            .filter(|component| component.status != ComponentStatus::Holds)
            .map(|component| component.kind)
            .collect();
        assert_eq!(failing, vec![kind]);
        assert_eq!(assessment.missing.len(), 1, "{:?}", assessment.missing);
        assert!(assessment.missing[0].starts_with(kind.label()));
    }
}

#[test]
fn what_cannot_be_judged_yet_never_counts_as_holding() {
    let mut no_managers = Case::all_holding();
    no_managers.training = TrainingFacts::default();
    let assessment = no_managers.assess();
    assert_eq!(
        status_of(&assessment, ComponentKind::ManagerTraining),
        ComponentStatus::Unknown
    );
    assert_eq!(assessment.verdict, Some(Verdict::Extend));

    let mut left_out = Case::all_holding();
    left_out.report.metrics[2].arms.pilot = Some(GroupFigures::LeftOut(LeftOut::fewer_than(5)));
    let assessment = left_out.assess();
    assert_eq!(
        status_of(&assessment, ComponentKind::Participation),
        ComponentStatus::Unknown
    );
    assert_eq!(assessment.verdict, Some(Verdict::Extend));
}

#[test]
fn without_comparison_teams_a_significant_improvement_is_at_most_extend_and_says_why() {
    let mut case = Case::all_holding();
    case.report.pilot.comparison_teams = 0;
    let primary = case.primary();
    primary.did = None;
    primary.observational = true;
    primary.arms.comparison = None;
    let assessment = case.assess();
    assert_eq!(
        status_of(&assessment, ComponentKind::PrimaryMetric),
        ComponentStatus::Holds
    );
    assert!(assessment.observational);
    assert_eq!(assessment.verdict, Some(Verdict::Extend));
    assert!(
        assessment
            .missing
            .iter()
            .any(|line| line.starts_with("No comparison")),
        "{:?}",
        assessment.missing
    );
}

#[test]
fn a_design_that_can_never_reach_significance_says_so() {
    let mut case = Case::all_holding();
    // 2 against 2 teams: 6 relabellings, the smallest p is 1/3.
    case.primary().did = Some(did(-3.0, 1.0 / 3.0, 1.0 / 3.0));
    let assessment = case.assess();
    assert_eq!(assessment.verdict, Some(Verdict::Extend));
    assert!(
        assessment
            .missing
            .iter()
            .any(|line| line.starts_with("Too few teams to ever reach significance")),
        "{:?}",
        assessment.missing
    );
}

#[test]
fn a_primary_metric_that_moved_significantly_the_wrong_way_suggests_stopping() {
    let mut case = Case::all_holding();
    // Meeting load is better lower: a significant rise is the wrong way.
    case.primary().did = Some(did(2.5, 0.01, 0.03));
    let assessment = case.assess();
    assert_eq!(assessment.verdict, Some(Verdict::StopAndRethink));
    assert_eq!(assessment.stop_reasons.len(), 1);

    // Observational counts too: a significant wrong-way change is evidence against the pilot.
    let mut observed = Case::all_holding();
    let primary = observed.primary();
    primary.did = None;
    primary.observational = true;
    primary.arms.pilot = Some(GroupFigures::Figures(paired(7.0, 10.0, 0.001)));
    assert_eq!(observed.assess().verdict, Some(Verdict::StopAndRethink));
}

#[test]
fn a_guardrail_significantly_worse_suggests_stopping_even_when_the_primary_improved() {
    let mut case = Case::all_holding();
    case.report.metrics[1].did = Some(DifferenceInDifferences {
        q_value: Some(0.01),
        ..did(-1.5, 0.01, 0.03)
    });
    let assessment = case.assess();
    assert_eq!(assessment.verdict, Some(Verdict::StopAndRethink));
    assert_eq!(
        status_of(&assessment, ComponentKind::Guardrails),
        ComponentStatus::Fails
    );
    assert!(assessment.stop_reasons[0].contains("satisfaction"));

    // A guardrail that got significantly *better* is no reason to stop.
    let mut better = Case::all_holding();
    better.report.metrics[1].did = Some(DifferenceInDifferences {
        q_value: Some(0.01),
        ..did(1.5, 0.01, 0.03)
    });
    assert_eq!(better.assess().verdict, Some(Verdict::Expand));
}

#[test]
fn stricter_thresholds_are_applied() {
    let case = Case::all_holding();
    let strict = assess(&Facts {
        report: &case.report,
        thresholds: Thresholds {
            primary_p: 0.005,
            participation: 0.9,
            ..Thresholds::default()
        },
        champions: &case.champions,
        training: case.training,
        sources: Sources::for_pilot(7),
    });
    assert_eq!(strict.verdict, Some(Verdict::Extend));
    assert_eq!(
        status_of(&strict, ComponentKind::PrimaryMetric),
        ComponentStatus::Fails
    );
    assert_eq!(
        status_of(&strict, ComponentKind::Participation),
        ComponentStatus::Fails
    );
}

#[test]
fn an_unfinished_pilot_has_no_verdict_but_shows_where_it_stands() {
    let mut case = Case::all_holding();
    case.report.interim = true;
    let assessment = case.assess();
    assert_eq!(assessment.verdict, None);
    assert_eq!(assessment.components.len(), 6);
}
