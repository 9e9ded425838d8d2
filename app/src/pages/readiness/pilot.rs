//! `/pilots/:id/readiness`: one pilot's suggested verdict and the six components it rests on,
//! each with its evidence, the bar it was held to and a link to where the numbers come from;
//! then the decisions recorded and, for HR, the thresholds, the decision, an extension or the
//! next wave.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use super::{
    actions::{DecisionForm, ExtensionForm, ThresholdsForm},
    wave::NextWave,
    READERS,
};
use crate::{
    api::readiness::{get_pilot_readiness, ReadinessPage as ReadinessData},
    components::{params::use_id_param, session::RequireRole},
    domain::{
        pilot::{Decision, PilotStage},
        readiness::{
            portfolio::{DecisionRecord, PilotReadiness},
            shape::{Assessment, Component, ComponentStatus},
        },
    },
};

#[component]
pub fn PilotReadinessPage() -> impl IntoView {
    view! {
        <Title text="Pilot readiness" />
        <RequireRole roles=READERS>
            <ReadinessView />
        </RequireRole>
    }
}

#[component]
fn ReadinessView() -> impl IntoView {
    let id = use_id_param("id");
    // Any change on the page reloads it.
    let changed = RwSignal::new(0_u32);
    let data = Resource::new(
        move || (id(), changed.get()),
        |(id, _)| get_pilot_readiness(id),
    );
    view! {
        <Transition fallback=|| view! { <p class="muted">"Weighing the evidence…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <ReadinessBody data changed /> }.into_any(),
                    Err(error) => view! {
                        <section class="callout callout-error" role="alert" data-testid="readiness-refused">
                            <h1>"No readiness to show"</h1>
                            <p>{error.to_string()}</p>
                        </section>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

fn verdict_line(readiness: &PilotReadiness) -> String {
    let suggested = readiness
        .assessment
        .as_ref()
        .and_then(|assessment| assessment.verdict);
    match (suggested, &readiness.progress) {
        (Some(verdict), _) => format!("Suggested verdict: {}", verdict.label()),
        (None, Some(progress)) => format!("No verdict yet. {progress}."),
        (None, None) => "No verdict yet.".to_string(),
    }
}

#[component]
fn ReadinessBody(data: ReadinessData, changed: RwSignal<u32>) -> impl IntoView {
    let ReadinessData {
        readiness,
        may_change,
    } = data;
    let id = readiness.pilot_id;
    let verdict = verdict_line(&readiness);
    let verdict_class = match readiness
        .assessment
        .as_ref()
        .and_then(|assessment| assessment.verdict)
    {
        Some(crate::domain::readiness::shape::Verdict::Expand) => "verdict verdict-expand",
        Some(crate::domain::readiness::shape::Verdict::StopAndRethink) => "verdict verdict-stop",
        _ => "verdict",
    };
    let decided = readiness.decision.map(|decision| {
        let latest = readiness.decisions.first().cloned();
        view! { <DecidedNote decision latest /> }
    });
    let assessment = readiness
        .assessment
        .clone()
        .map(|assessment| view! { <AssessmentView assessment /> });
    let history = (!readiness.decisions.is_empty()).then(|| {
        let decisions = readiness.decisions.clone();
        view! { <DecisionHistory decisions /> }
    });
    let hr = may_change.then(|| {
        let thresholds = view! {
            <ThresholdsForm id thresholds=readiness.thresholds locked=readiness.thresholds_locked changed />
        };
        let suggested = readiness
            .assessment
            .as_ref()
            .and_then(|assessment| assessment.verdict);
        let decide = (readiness.stage == PilotStage::Review)
            .then(|| view! { <DecisionForm id suggested changed /> });
        let extend = (readiness.stage == PilotStage::Decided
            && readiness.decision == Some(Decision::Extend))
            .then(|| view! { <ExtensionForm id changed /> });
        view! { {decide} {extend} {thresholds} }
    });
    let wave = readiness
        .next_wave
        .clone()
        .map(|plan| view! { <NextWave id plan may_change changed /> });
    view! {
        <article class="wrapper readiness" data-testid="pilot-readiness">
            <p class="muted no-print"><A href="/readiness">"← All pilots"</A></p>
            <header class="report-header">
                <h1>{readiness.name.clone()}</h1>
                <p class="report-hypothesis">{readiness.hypothesis.clone()}</p>
                <p class=verdict_class data-testid="readiness-verdict">{verdict}</p>
                {decided}
            </header>
            {assessment}
            {history}
            {hr}
            {wave}
            <p class="no-print">
                <A href=format!("/pilots/{id}/report")>"Open the full report"</A>
            </p>
        </article>
    }
}

#[component]
fn DecidedNote(decision: Decision, latest: Option<DecisionRecord>) -> impl IntoView {
    let suggested = latest
        .as_ref()
        .and_then(|record| record.suggested)
        .map(|verdict| format!(" The evidence suggested “{}”.", verdict.label()))
        .unwrap_or_default();
    let rationale = latest
        .map(|record| record.rationale)
        .filter(|rationale| !rationale.is_empty());
    view! {
        <p class="callout" data-testid="readiness-decision">
            <strong>"Decided: " {decision.as_str()} "."</strong>
            {suggested}
            {rationale.map(|text| view! { <br /> "Rationale: " {text} })}
        </p>
    }
}

fn status_class(status: ComponentStatus) -> &'static str {
    match status {
        ComponentStatus::Holds => "status status-holds",
        ComponentStatus::Fails => "status status-fails",
        ComponentStatus::Unknown => "status status-unknown",
    }
}

#[component]
fn AssessmentView(assessment: Assessment) -> impl IntoView {
    let stop = (!assessment.stop_reasons.is_empty()).then(|| {
        let reasons = assessment
            .stop_reasons
            .iter()
            .map(|reason| view! { <li>{reason.clone()}</li> })
            .collect_view();
        view! {
            <section class="callout callout-error" data-testid="readiness-stop">
                <h2>"Why stop and rethink"</h2>
                <ul>{reasons}</ul>
            </section>
        }
    });
    let missing = (!assessment.missing.is_empty()).then(|| {
        let lines = assessment
            .missing
            .iter()
            .map(|line| view! { <li>{line.clone()}</li> })
            .collect_view();
        view! {
            <section data-testid="readiness-missing">
                <h2>"What stands between this pilot and “expand”"</h2>
                <ul>{lines}</ul>
            </section>
        }
    });
    let rows = assessment
        .components
        .into_iter()
        .map(|component| view! { <ComponentRow component /> })
        .collect_view();
    view! {
        {stop}
        <h2>"The evidence"</h2>
        <ol class="components" data-testid="readiness-components">{rows}</ol>
        {missing}
    }
}

#[component]
fn ComponentRow(component: Component) -> impl IntoView {
    view! {
        <li class="component" data-testid=format!("component-{}", component.kind.as_str())>
            <h3>
                {component.kind.label()} " "
                <span class=status_class(component.status)>{component.status.label()}</span>
            </h3>
            <p>{component.evidence}</p>
            <p class="muted">
                "Threshold: " {component.threshold} " · "
                <A href=component.source>"Evidence"</A>
            </p>
        </li>
    }
}

#[component]
fn DecisionHistory(decisions: Vec<DecisionRecord>) -> impl IntoView {
    let rows = decisions
        .into_iter()
        .map(|record| {
            view! {
                <li>
                    {record.decided_at.format("%-d %B %Y").to_string()} ": "
                    <strong>{record.decision.as_str()}</strong>
                    {record.suggested.map(|verdict| format!(" (suggested: {})", verdict.label()))}
                    {(!record.rationale.is_empty()).then(|| format!(" — {}", record.rationale))}
                </li>
            }
        })
        .collect_view();
    view! {
        <section data-testid="decision-history">
            <h2>"Decisions"</h2>
            <ul>{rows}</ul>
        </section>
    }
}
