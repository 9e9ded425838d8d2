//! `/coverage`: champion coverage of pilot teams per pilot and per department (a table and a
//! stacked bar chart), and managers' training coverage per pilot. HR also sees who misses which
//! module; executives see the shares only (the server leaves the names out for them).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::table_scroll::TableScroll;
use crate::{
    api::{champions::get_champion_coverage, training::get_training_coverage},
    components::{error_template::ErrorTemplate, session::RequireRole},
    domain::account::Role,
    error::AppError,
    wire::{
        champions::{CoverageGroup, CoverageReport},
        training::PilotTrainingCoverage,
    },
};

async fn load() -> Result<(CoverageReport, Vec<PilotTrainingCoverage>), AppError> {
    Ok((
        get_champion_coverage().await?,
        get_training_coverage().await?,
    ))
}

fn percent(share: Option<f64>) -> String {
    share
        .map(|share| format!("{:.0} %", share * 100.0))
        .unwrap_or_else(|| "–".into())
}

#[component]
pub fn CoveragePage() -> impl IntoView {
    view! {
        <Title text="Champion and training coverage" />
        <h1>"Champion and training coverage"</h1>
        <RequireRole roles=&[Role::Admin, Role::Executive]>
            <CoverageView />
        </RequireRole>
    }
}

#[component]
fn CoverageView() -> impl IntoView {
    let data = Resource::new(|| (), |_| load());
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorTemplate errors /> }>
                {move || Suspend::new(async move {
                    data.await.map(|(champions, training)| view! {
                        <p class="muted">"A pilot team is covered when a confirmed champion is a member of it; \"in the department\" means one works in another team of the same department. Coverage is the share of pilot teams with a champion in the team."</p>
                        <h2>"Per pilot"</h2>
                        <CoverageChart groups=champions.pilots.clone() caption="Champion coverage per pilot" />
                        {champions.pilots.into_iter().map(|group| view! { <CoverageTable group testid="pilot" /> }).collect_view()}
                        <h2>"Per department"</h2>
                        <CoverageChart groups=champions.departments.clone() caption="Champion coverage per department" />
                        {champions.departments.into_iter().map(|group| view! { <CoverageTable group testid="department" /> }).collect_view()}
                        <h2>"Manager training"</h2>
                        <p class="muted">"Share of the pilot teams' managers who completed every required module."</p>
                        <TrainingCoverageTable pilots=training />
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn CoverageTable(group: CoverageGroup, testid: &'static str) -> impl IntoView {
    view! {
        <section data-testid=format!("{testid}-coverage-{}", group.name)>
            <h3>{group.name.clone()} ": " <span data-testid="coverage-share">{percent(group.share)}</span></h3>
            <TableScroll label=group.name.clone()>
                <table class="data-table">
                    <thead><tr><th>"Team"</th><th>"Department"</th><th>"Champion"</th></tr></thead>
                    <tbody>
                        {group.teams.into_iter().map(|team| view! {
                            <tr data-testid=format!("coverage-team-{}", team.team)>
                                <td>{team.team.clone()}</td>
                                <td>{team.department.unwrap_or_default()}</td>
                                <td data-testid="team-coverage">{team.coverage.label()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </TableScroll>
        </section>
    }
}

/// One stacked bar per group: teams with a champion in the team, in the department only, none.
#[component]
fn CoverageChart(groups: Vec<CoverageGroup>, caption: &'static str) -> impl IntoView {
    const WIDTH: f64 = 300.0;
    const ROW: f64 = 22.0;
    let label_width = 160.0;
    let height = ROW * groups.len() as f64 + 4.0;
    let bars = groups
        .into_iter()
        .enumerate()
        .map(|(index, group)| {
            let total = (group.in_team + group.in_department + group.none).max(1) as f64;
            let y = index as f64 * ROW + 2.0;
            let mut x = label_width;
            let mut parts = Vec::new();
            for (count, class) in [
                (group.in_team, "in-team"),
                (group.in_department, "in-department"),
                (group.none, "none"),
            ] {
                let width = count as f64 / total * WIDTH;
                parts.push(view! {
                    <rect class=class x=x.to_string() y=y.to_string() width=width.to_string() height=(ROW - 6.0).to_string()>
                        <title>{format!("{count} team(s)")}</title>
                    </rect>
                });
                x += width;
            }
            view! {
                <g>
                    <text x="0" y=(y + ROW - 10.0).to_string()>{group.name}</text>
                    {parts}
                </g>
            }
        })
        .collect_view();
    view! {
        <figure>
            <svg class="coverage-chart" role="img" aria-label=caption width=(label_width + WIDTH).to_string() height=height.to_string()
                viewBox=format!("0 0 {} {}", label_width + WIDTH, height)>
                {bars}
            </svg>
            <figcaption class="muted">{caption} ": green, in the team; yellow, in the department only; grey, none."</figcaption>
        </figure>
    }
}

#[component]
fn TrainingCoverageTable(pilots: Vec<PilotTrainingCoverage>) -> impl IntoView {
    view! {
        <TableScroll label="Training by pilot">
            <table class="data-table" data-testid="training-coverage">
                <thead><tr><th>"Pilot"</th><th>"Managers"</th><th>"Completed every required module"</th><th>"Share"</th><th>"Missing"</th></tr></thead>
                <tbody>
                    {pilots.into_iter().map(|pilot| view! {
                        <tr data-testid=format!("training-coverage-{}", pilot.pilot)>
                            <td>{pilot.pilot.clone()}</td>
                            <td>{pilot.managers}</td>
                            <td>{pilot.completed}</td>
                            <td data-testid="training-share">{percent(pilot.share)}</td>
                            <td>
                                {match pilot.missing {
                                    None => view! { <span class="muted">"for HR only"</span> }.into_any(),
                                    Some(missing) => view! {
                                        <ul class="signal-list" data-testid="training-missing">
                                            {missing.into_iter().map(|manager| view! {
                                                <li>{manager.name} ": " {manager.modules.join(", ")}</li>
                                            }).collect_view()}
                                        </ul>
                                    }.into_any(),
                                }}
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}
