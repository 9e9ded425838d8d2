//! `/pilots/:id/report`: the before/after comparison report — the answer in one sentence, the
//! design's honesty in one line, a forest plot of every metric, then each metric's arms and
//! teams, and the energy heatmap. Rendered on the server with its data in place, so it reads,
//! prints and downloads without WebAssembly. `/pilots/:id/report/print` is the same report
//! without navigation, for A4.

mod heatmap;
mod metric;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::params::use_id_param;
use crate::{
    api::reports::{get_report, PublishReport},
    components::{
        charts::{ForestPlot, ForestRow, TrendLine},
        form::ActionError,
        session::RequireRole,
    },
    domain::{
        account::Role,
        report::{
            headline::{answer, design, difference, p_value},
            shape::{MetricReport, Report},
        },
    },
    wire::reports::ReportPage as ReportData,
};

#[component]
pub fn ReportPage() -> impl IntoView {
    view! {
        <Title text="Pilot report" />
        <RequireRole roles=&Role::ALL>
            <ReportView print=false />
        </RequireRole>
    }
}

#[component]
pub fn PrintReportPage() -> impl IntoView {
    view! {
        <Title text="Pilot report (print)" />
        <RequireRole roles=&Role::ALL>
            <ReportView print=true />
        </RequireRole>
    }
}

#[component]
fn ReportView(print: bool) -> impl IntoView {
    let id = use_id_param("id");
    let publish = ServerAction::<PublishReport>::new();
    let report = Resource::new(
        move || (id(), publish.version().get()),
        |(id, _)| get_report(id),
    );
    view! {
        <Transition fallback=|| view! { <p class="muted">"Computing the report…"</p> }>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(data) => view! { <ReportBody data id=id() print publish /> }.into_any(),
                    Err(error) => view! {
                        <section class="callout callout-error" role="alert" data-testid="report-refused">
                            <h1>"No report to show"</h1>
                            <p>{error.to_string()}</p>
                        </section>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ReportBody(
    data: ReportData,
    id: i64,
    print: bool,
    publish: ServerAction<PublishReport>,
) -> impl IntoView {
    let report = data.report;
    let primary_answer = report
        .metrics
        .first()
        .map(|metric| answer(metric, report.privacy_k))
        .unwrap_or_default();
    let design_line = design(&report);
    let interim = report.interim.then(|| {
        let until = report
            .windows
            .follow_up
            .last_day
            .format("%-d %B %Y")
            .to_string();
        view! {
            <p class="callout callout-warning" role="note" data-testid="report-interim">
                <strong>"Interim — do not decide on it. "</strong>
                "The follow-up runs until " {until} ". Looking at results early inflates false "
                "positives: wait for the end of the follow-up."
            </p>
        }
    });
    let scope_note = data.own_teams_only.then(|| {
        view! {
            <p class="muted" data-testid="report-own-teams">
                "You see your own team's figures and both arms; other teams' rows are not shown."
            </p>
        }
    });
    let publish_control = data.may_publish.then(|| {
        let published = data.published;
        view! {
            <ActionForm action=publish attr:class="inline-form no-print">
                <input type="hidden" name="pilot_id" value=id.to_string() />
                <input type="hidden" name="published" value=(!published).to_string() />
                <button type="submit" class="button button-secondary" data-testid="publish-report">
                    {if published { "Withdraw from participants" } else { "Publish to participants and managers" }}
                </button>
            </ActionForm>
            <ActionError action=publish />
        }
    });
    let status = if data.published {
        "Published to the pilot's teams"
    } else {
        "Not published to the pilot's teams"
    };
    let wrapper = if print { "report print-page" } else { "report" };
    let forest = forest_rows(&report);
    let k = report.privacy_k;
    let weeks = week_starts(&report);
    let first = report.windows.baseline.first_day;
    let week_index = |date: chrono::NaiveDate| ((date - first).num_days().max(0) / 7) as usize;
    let intervention = (
        week_index(report.windows.intervention.first_day),
        week_index(report.windows.intervention.last_day),
    );
    let metrics = report
        .metrics
        .iter()
        .cloned()
        .map(|metric| {
            let lines: Vec<TrendLine> = report
                .trends
                .iter()
                .filter(|trend| trend.metric == metric.metric)
                .map(|trend| TrendLine {
                    arm: trend.arm.as_str(),
                    points: trend
                        .points
                        .iter()
                        .map(|point| (point.week_start.to_string(), point.mean))
                        .collect(),
                })
                .collect();
            let trend = (!lines.is_empty()).then(|| (lines, weeks.clone(), intervention));
            view! { <metric::MetricSection metric k trend /> }
        })
        .collect_view();
    let pitfalls = pitfall_list(&report);
    view! {
        <article class=wrapper data-testid="report">
            <header class="report-header">
                <p class="eyebrow">
                    "Pilot report · " {report.pilot.stage.replace('_', "-")} " · privacy threshold k = " {k}
                </p>
                <h1>{report.pilot.name.clone()}</h1>
                <p class="lead"><strong>"The question: "</strong>{report.pilot.hypothesis.clone()}</p>
                {interim}
                <p class="report-answer" data-testid="report-answer">{primary_answer}</p>
                <p class="report-design" data-testid="report-design">{design_line}</p>
                {scope_note}
                <p class="muted">
                    "Baseline " {window(&report, 0)} "; follow-up " {window(&report, 2)} ". " {status} "."
                </p>
            </header>
            <nav class="report-actions no-print" aria-label="Report downloads">
                <a class="button button-secondary" href=format!("/api/v1/pilots/{id}/report/csv")
                    download=format!("pilot-{id}-report.csv") data-testid="report-csv">"Download CSV"</a>
                <a class="button button-secondary" href=format!("/api/v1/pilots/{id}/report") data-testid="report-json">"JSON"</a>
                <a class="button button-secondary" href=format!("/pilots/{id}/report/print") data-testid="report-print">"Printable version"</a>
                {publish_control}
            </nav>
            {pitfalls}
            <section class="report-section">
                <h2>"Every metric at a glance"</h2>
                <p class="muted">
                    "Pilot teams' change minus comparison teams' change, each on its own scale with "
                    "better to the right; the line is the 95 % interval, a filled dot a result with p < 0.05."
                </p>
                <ForestPlot rows=forest caption="Difference in differences per metric".to_string() />
            </section>
            {metrics}
            <heatmap::EnergyHeatmap report=report.clone() />
            <section class="report-section method-note">
                <h2>"How these numbers are made"</h2>
                <p>
                    "Only people with values in both the baseline and the follow-up count (paired). "
                    "Teams, not people, are compared: each team's mean change is one observation, so "
                    "the difference in differences uses Welch's t and an exact permutation test over "
                    "every way of relabelling the teams. Guardrails are adjusted together "
                    "(Benjamini–Hochberg q-values). A team with fewer than " {k} " paired people is left "
                    "out of every figure, its arm's included, so nothing can be subtracted to recover it."
                </p>
            </section>
        </article>
    }
}

/// Every week's first day, from the baseline's first day to the follow-up's last.
fn week_starts(report: &Report) -> Vec<String> {
    let first = report.windows.baseline.first_day;
    let last = report.windows.follow_up.last_day;
    first
        .iter_weeks()
        .take_while(|start| *start <= last)
        .map(|start| start.to_string())
        .collect()
}

/// The pitfalls seen on pilot teams, or that none was.
fn pitfall_list(report: &Report) -> impl IntoView {
    let k = report.privacy_k;
    let items = report
        .pitfalls
        .iter()
        .map(|pitfall| {
            view! {
                <li>
                    <strong>{pitfall.kind.label()} " — " {pitfall.team.clone()}</strong>
                    <p>{pitfall.saw.clone()}</p>
                    <p class="muted">"What to do: " {pitfall.suggestion.clone()}</p>
                </li>
            }
        })
        .collect_view();
    let none = report.pitfalls.is_empty();
    view! {
        <section class="report-section" id="pitfalls" data-testid="report-pitfalls">
            <h2>"Pitfalls"</h2>
            {if none {
                view! {
                    <p class="muted">
                        "No async theater, documentation excuse or equity illusion seen on a pilot team of at least "
                        {k} " people."
                    </p>
                }.into_any()
            } else {
                view! { <ul class="pitfalls">{items}</ul> }.into_any()
            }}
        </section>
    }
}

fn window(report: &Report, index: usize) -> String {
    let window = [
        report.windows.baseline,
        report.windows.intervention,
        report.windows.follow_up,
    ][index];
    format!(
        "{} to {}",
        window.first_day.format("%-d %b %Y"),
        window.last_day.format("%-d %b %Y")
    )
}

/// One forest row per metric with a difference in differences.
fn forest_rows(report: &Report) -> Vec<ForestRow> {
    report
        .metrics
        .iter()
        .filter_map(|metric: &MetricReport| {
            let did = metric.did?;
            let mut text = format!("{} ", difference(&metric.metric, did.estimate));
            if let (Some(low), Some(high)) = (did.ci_low, did.ci_high) {
                text.push_str(&format!(
                    "(95 % CI {} to {})",
                    difference(&metric.metric, low),
                    difference(&metric.metric, high)
                ));
            }
            if let Some(p) = did.p {
                text.push_str(&format!("; p {}", p_label(p)));
            }
            if let Some(q) = did.q_value {
                text.push_str(&format!("; q {}", p_label(q)));
            }
            Some(ForestRow {
                label: metric.label.clone(),
                estimate: did.estimate,
                low: did.ci_low,
                high: did.ci_high,
                better: metric.direction.sign(),
                text,
                significant: did.p.is_some_and(|p| p < 0.05),
            })
        })
        .collect()
}

/// "= 0.031" or "< 0.001".
pub fn p_label(p: f64) -> String {
    let shown = p_value(p);
    if shown.starts_with('<') {
        shown
    } else {
        format!("= {shown}")
    }
}
