//! `/readiness`: the executives' home — every pilot with its stage, suggested verdict (or how far
//! it has come), the primary metric's effect as a small interval chart, participation and
//! coverage, then the organisation-wide picture. Printable, and as CSV and JSON.
//! `/pilots/:id/readiness` (in `pilot`) drills into one verdict's evidence.

mod actions;
pub mod pilot;
mod wave;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::components::table_scroll::TableScroll;
use crate::{
    api::readiness::get_portfolio,
    components::{
        charts::{ForestPlot, ForestRow},
        session::RequireRole,
    },
    domain::{
        account::Role,
        metrics::Direction,
        readiness::portfolio::{OrganisationPicture, PilotReadiness, Portfolio},
        report::headline::{difference, p_value},
    },
};

pub const READERS: &[Role] = &[Role::Admin, Role::Executive];

#[component]
pub fn ReadinessPage() -> impl IntoView {
    view! {
        <Title text="Rollout readiness" />
        <RequireRole roles=READERS>
            <PortfolioView print=false />
        </RequireRole>
    }
}

#[component]
pub fn PrintReadinessPage() -> impl IntoView {
    view! {
        <Title text="Rollout readiness (print)" />
        <RequireRole roles=READERS>
            <PortfolioView print=true />
        </RequireRole>
    }
}

/// The portfolio itself, also an executive's home page.
#[component]
pub fn PortfolioView(print: bool) -> impl IntoView {
    let portfolio = Resource::new(|| (), |()| get_portfolio());
    view! {
        <Transition fallback=|| view! { <p class="muted">"Weighing every pilot…"</p> }>
            {move || Suspend::new(async move {
                match portfolio.await {
                    Ok(portfolio) => view! { <PortfolioBody portfolio print /> }.into_any(),
                    Err(error) => view! {
                        <section class="callout callout-error" role="alert">
                            <h1>"No portfolio to show"</h1>
                            <p>{error.to_string()}</p>
                        </section>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

/// "2 pilots ready to expand, 1 to extend…": the one clear answer first.
fn answer(pilots: &[PilotReadiness]) -> String {
    use crate::domain::readiness::shape::Verdict;
    let count = |verdict: Verdict| {
        pilots
            .iter()
            .filter(|pilot| pilot_verdict(pilot) == Some(verdict))
            .count()
    };
    let running = pilots
        .iter()
        .filter(|pilot| pilot_verdict(pilot).is_none())
        .count();
    if pilots.is_empty() {
        return "No pilot yet: HR starts one from the Pilots page.".into();
    }
    format!(
        "{} ready to expand, {} to extend, {} to stop and rethink; {} still running.",
        plural(count(Verdict::Expand), "pilot"),
        count(Verdict::Extend),
        count(Verdict::StopAndRethink),
        running
    )
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn pilot_verdict(pilot: &PilotReadiness) -> Option<crate::domain::readiness::shape::Verdict> {
    pilot
        .assessment
        .as_ref()
        .and_then(|assessment| assessment.verdict)
}

pub fn percent(share: Option<f64>) -> String {
    share.map_or("—".to_string(), |share| format!("{:.0} %", share * 100.0))
}

fn forest_rows(pilots: &[PilotReadiness]) -> Vec<ForestRow> {
    pilots
        .iter()
        .filter_map(|pilot| {
            let effect = pilot.primary_effect.as_ref()?;
            let interval = match (effect.ci_low, effect.ci_high) {
                (Some(low), Some(high)) => format!(
                    " (95 % CI {} to {})",
                    difference(&effect.metric, low),
                    difference(&effect.metric, high)
                ),
                _ => String::new(),
            };
            let p = effect
                .p
                .map(|p| format!("; p = {}", p_value(p)))
                .unwrap_or_default();
            let kind = if effect.observational {
                "; observational"
            } else {
                ""
            };
            Some(ForestRow {
                label: format!("{}: {}", pilot.name, effect.label),
                estimate: effect.estimate,
                low: effect.ci_low,
                high: effect.ci_high,
                better: match effect.direction {
                    Direction::HigherIsBetter => 1.0,
                    Direction::LowerIsBetter => -1.0,
                },
                text: format!(
                    "{}{interval}{p}{kind}",
                    difference(&effect.metric, effect.estimate)
                ),
                significant: effect.p.is_some_and(|p| p < pilot.thresholds.primary_p),
            })
        })
        .collect()
}

#[component]
fn PortfolioBody(portfolio: Portfolio, print: bool) -> impl IntoView {
    let Portfolio {
        pilots,
        organisation,
        as_of,
    } = portfolio;
    let headline = answer(&pilots);
    let rows = forest_rows(&pilots);
    let chart = (!rows.is_empty()).then(|| {
        view! {
            <h2>"Primary metric, per pilot"</h2>
            <ForestPlot rows caption="Each pilot's primary metric: estimate and 95 % interval".to_string()
                row_header="Pilot and metric" text_header="Effect (95 % CI)" />
        }
    });
    let table_rows = pilots
        .into_iter()
        .map(|pilot| view! { <PortfolioRow pilot /> })
        .collect_view();
    let wrapper = if print {
        "wrapper print-page"
    } else {
        "wrapper"
    };
    view! {
        <article class=wrapper data-testid="portfolio">
            <header class="report-header">
                <h1>"Is it ready to roll out further?"</h1>
                <p class="report-answer" data-testid="portfolio-answer">{headline}</p>
                <p class="muted">"As of " {as_of.format("%-d %B %Y").to_string()} "."</p>
            </header>
            <p class="button-row no-print">
                <a class="button button-secondary" href="/api/v1/readiness/csv" download="readiness.csv" data-testid="portfolio-csv">"Download CSV"</a>
                <a class="button button-secondary" href="/api/v1/readiness" data-testid="portfolio-json">"JSON"</a>
                <a class="button button-secondary" href="/readiness/print" data-testid="portfolio-print">"Printable version"</a>
            </p>
            {chart}
            <h2>"Pilots"</h2>
            <TableScroll label="Pilots and their readiness">
                <table class="data-table" data-testid="portfolio-table">
                    <thead>
                        <tr>
                            <th scope="col">"Pilot"</th>
                            <th scope="col">"Stage"</th>
                            <th scope="col">"Verdict"</th>
                            <th scope="col">"Participation (baseline → follow-up)"</th>
                            <th scope="col">"Champion coverage"</th>
                            <th scope="col">"Manager training"</th>
                        </tr>
                    </thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </TableScroll>
            <OrganisationSummary organisation />
        </article>
    }
}

#[component]
fn PortfolioRow(pilot: PilotReadiness) -> impl IntoView {
    let verdict = match (&pilot.decision, pilot_verdict(&pilot), &pilot.progress) {
        (Some(decision), suggested, _) => format!(
            "Decided: {}{}",
            decision.as_str(),
            suggested.map_or(String::new(), |verdict| format!(
                " (suggested: {})",
                verdict.label()
            ))
        ),
        (None, Some(verdict), _) => format!("Suggested: {}", verdict.label()),
        (None, None, Some(progress)) => progress.clone(),
        (None, None, None) => "—".to_string(),
    };
    let participation = match (pilot.participation_baseline, pilot.participation_follow_up) {
        (None, None) => "—".to_string(),
        (baseline, follow_up) => format!("{} → {}", percent(baseline), percent(follow_up)),
    };
    view! {
        <tr data-testid=format!("portfolio-pilot-{}", pilot.pilot_id)>
            <th scope="row"><A href=format!("/pilots/{}/readiness", pilot.pilot_id)>{pilot.name.clone()}</A></th>
            <td>{pilot.stage.label()}</td>
            <td data-testid="portfolio-verdict">{verdict}</td>
            <td>{participation}</td>
            <td>{percent(pilot.champion_coverage)}</td>
            <td>{percent(pilot.training_coverage)}</td>
        </tr>
    }
}

#[component]
fn OrganisationSummary(organisation: OrganisationPicture) -> impl IntoView {
    view! {
        <h2>"Across the organisation"</h2>
        <dl class="facts" data-testid="organisation-picture">
            <dt>"Teams piloted"</dt>
            <dd>{organisation.teams_piloted} " of " {organisation.teams}</dd>
            <dt>"Teams that adopted"</dt>
            <dd>{organisation.teams_adopted} <span class="muted">"(pilot teams of pilots decided “expand”)"</span></dd>
            <dt>"Departments covered"</dt>
            <dd>{organisation.departments_covered} " of " {organisation.departments}</dd>
        </dl>
    }
}
