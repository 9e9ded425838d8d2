//! The decision-log part of `/team`: counts and the median time to decide, the decisions (unless
//! withheld under the privacy threshold), a form to log one and, per open one, a form to mark it
//! decided. Times are shown and typed in the team's time zone.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use leptos::prelude::*;

use crate::{
    api::decisions::{LogDecision, MarkDecisionDecided},
    components::form::{succeeded, ActionError},
    wire::{
        decisions::{DecisionView, TeamDecisions},
        process_types::ProcessType,
    },
};

#[component]
pub fn DecisionSection(
    decisions: TeamDecisions,
    process_types: Vec<ProcessType>,
    log: ServerAction<LogDecision>,
    decide: ServerAction<MarkDecisionDecided>,
) -> impl IntoView {
    let zone: Tz = decisions.time_zone.parse().unwrap_or(Tz::UTC);
    let summary = decisions.summary.clone();
    let median = summary
        .median_hours_to_decide
        .map(|hours| format!("{hours:.1} h"))
        .unwrap_or_else(|| "–".into());
    let list = match (decisions.decisions, decisions.withheld) {
        (Some(list), _) if list.is_empty() => {
            view! { <p class="muted" data-testid="no-decisions">"No decisions logged yet."</p> }
                .into_any()
        }
        (Some(list), _) => {
            let can_log = decisions.can_log;
            view! {
                <ul class="decision-list" data-testid="decisions">
                    {list.into_iter().map(|decision| view! { <DecisionItem decision zone can_log decide /> }).collect_view()}
                </ul>
            }
            .into_any()
        }
        (None, reason) => view! {
            <p class="callout" data-testid="decisions-withheld">
                "Titles are not shown: " {reason.unwrap_or_default()} " in this team."
            </p>
        }
        .into_any(),
    };
    view! {
        <section class="team-section" aria-labelledby="decisions-heading">
            <h2 id="decisions-heading">"Decision log"</h2>
            <dl class="facts" data-testid="decision-summary">
                <dt>"Logged"</dt><dd>{summary.total}</dd>
                <dt>"Open"</dt><dd>{summary.open}</dd>
                <dt>"Documented"</dt><dd>{summary.documented}</dd>
                <dt>"Median time to decide"</dt><dd>{median}</dd>
            </dl>
            {decisions.can_log.then(|| view! { <LogDecisionForm team_id=decisions.team_id zone process_types log /> })}
            <ActionError action=decide />
            {list}
        </section>
    }
}

fn local(instant: DateTime<Utc>, zone: Tz) -> String {
    instant
        .with_timezone(&zone)
        .format("%-d %b %Y, %H:%M")
        .to_string()
}

#[component]
fn DecisionItem(
    decision: DecisionView,
    zone: Tz,
    can_log: bool,
    decide: ServerAction<MarkDecisionDecided>,
) -> impl IntoView {
    let status = match (decision.decided_at, decision.hours_to_decide) {
        (Some(decided_at), Some(hours)) => {
            format!("Decided {} ({hours:.1} h)", local(decided_at, zone))
        }
        _ => "Open".to_string(),
    };
    let documented = match &decision.documentation {
        Some(text) if text.starts_with("https://") || text.starts_with("http://") => view! {
            <a href=text.clone() rel="noopener noreferrer">"Where it is written down"</a>
        }
        .into_any(),
        Some(text) => view! { <span>"Written down: " {text.clone()}</span> }.into_any(),
        None => view! { <span class="muted">"Not documented"</span> }.into_any(),
    };
    let open = decision.decided_at.is_none();
    let title = decision.title.clone();
    let origin = format!(
        "{} · raised {}",
        decision.process_label,
        local(decision.raised_at, zone)
    );
    let mark = (open && can_log).then(|| view! { <MarkDecided decision decide /> });
    view! {
        <li class="card decision" data-testid="decision">
            <h3>{title}</h3>
            <p class="muted">{origin}</p>
            <p data-testid="decision-status">{status}</p>
            <p>{documented}</p>
            {mark}
        </li>
    }
}

#[component]
fn MarkDecided(decision: DecisionView, decide: ServerAction<MarkDecisionDecided>) -> impl IntoView {
    let label = format!("Mark “{}” decided", decision.title);
    view! {
        <details class="confirm-edit">
            <summary class="button button-small button-secondary">"Mark decided…"</summary>
            <ActionForm action=decide attr:aria-label=label>
                <input type="hidden" name="id" value=decision.id.to_string() />
                <label>"Decided at" <input type="datetime-local" name="decided[decided_at]" required /></label>
                <label>"Where it is written down (a link or a few words; empty: not documented)"
                    <input type="text" name="decided[documentation]" value=decision.documentation.unwrap_or_default() maxlength="2000" />
                </label>
                <button type="submit" class="button button-small">"Mark decided"</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn LogDecisionForm(
    team_id: i64,
    zone: Tz,
    process_types: Vec<ProcessType>,
    log: ServerAction<LogDecision>,
) -> impl IntoView {
    let logged = succeeded(log);
    view! {
        <details class="confirm-edit log-decision" open=true>
            <summary>"Log a decision"</summary>
            <ActionForm action=log attr:aria-label="Log a decision">
                <input type="hidden" name="team_id" value=team_id.to_string() />
                <label>"What was decided" <input type="text" name="decision[title]" required maxlength="200" /></label>
                <div class="form-grid">
                    <label>"Process"
                        <select name="decision[process_type]">
                            {process_types.into_iter().map(|kind| view! { <option value=kind.key>{kind.label}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>"Raised at" <input type="datetime-local" name="decision[raised_at]" required /></label>
                    <label>"Decided at (empty while open)" <input type="datetime-local" name="decision[decided_at]" /></label>
                </div>
                <label>"Where it is written down (a link or a few words; empty: not documented)"
                    <input type="text" name="decision[documentation]" maxlength="2000" />
                </label>
                <p class="muted">"Times are in the team's time zone, " {zone.name()} "."</p>
                <button type="submit" class="button">"Log the decision"</button>
            </ActionForm>
        </details>
        <ActionError action=log />
        <Show when=logged>
            <p class="callout callout-ok" role="status" data-testid="decision-logged">"Logged."</p>
        </Show>
    }
}
