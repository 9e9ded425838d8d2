//! The person's series with their one-tap audit, and the team's recurring series.

use leptos::prelude::*;

use super::hours;
use crate::{
    api::meetings::AuditMeetingSeries,
    wire::meetings::{AuditAnswer, Purpose, SeriesRow, TeamMeetingSeries},
};

fn answer_label(answer: AuditAnswer) -> &'static str {
    match answer {
        AuditAnswer::Yes => "Yes",
        AuditAnswer::Partly => "Partly",
        AuditAnswer::No => "No",
    }
}

fn purpose_label(purpose: Purpose) -> &'static str {
    match purpose {
        Purpose::Decide => "Decide",
        Purpose::Inform => "Inform",
        Purpose::Discuss => "Discuss",
        Purpose::Connect => "Connect",
    }
}

#[component]
pub fn OwnSeries(series: Vec<SeriesRow>, audit: ServerAction<AuditMeetingSeries>) -> impl IntoView {
    view! {
        <section aria-labelledby="series-heading">
            <h2 id="series-heading">"Could this have been async?"</h2>
            <p class="muted">"Your meetings of the last four weeks, a recurring meeting once. One tap per meeting: yes and partly count as async-able."</p>
            <ul class="series-list" data-testid="series-list">
                {series.into_iter().map(|row| view! { <SeriesItem row audit /> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn SeriesItem(row: SeriesRow, audit: ServerAction<AuditMeetingSeries>) -> impl IntoView {
    let title = row
        .title
        .clone()
        .unwrap_or_else(|| "Untitled or private meeting".to_string());
    let detail = format!(
        "{}{} in 4 weeks · {} h a week",
        if row.recurring { "Recurring · " } else { "" },
        row.instances,
        hours(row.weekly_hours)
    );
    let key = row.key.clone();
    let answer = row.answer;
    let purpose = row.purpose;
    let send = move |answer: AuditAnswer, purpose: Option<Purpose>| {
        audit.dispatch(AuditMeetingSeries {
            key: key.clone(),
            answer: answer.as_str().to_string(),
            purpose: purpose.map(|p| p.as_str().to_string()),
        });
    };
    let send_answer = send.clone();
    view! {
        <li class="series-item" data-testid="series-item" data-title=title.clone()>
            <p class="series-title"><strong>{title.clone()}</strong></p>
            <p class="muted">{detail}</p>
            <div class="button-row" role="group" aria-label=format!("Could {title} have been async?")>
                {AuditAnswer::ALL.into_iter().map(|choice| {
                    let send = send_answer.clone();
                    view! {
                        <button type="button" class="button button-choice"
                            aria-pressed=(answer == Some(choice)).to_string()
                            on:click=move |_| send(choice, purpose)>
                            {answer_label(choice)}
                        </button>
                    }
                }).collect_view()}
            </div>
            {answer.map(|answer| view! {
                <div class="button-row" role="group" aria-label=format!("What is {title} for?")>
                    {Purpose::ALL.into_iter().map(|choice| {
                        let send = send.clone();
                        view! {
                            <button type="button" class="button button-choice"
                                aria-pressed=(purpose == Some(choice)).to_string()
                                on:click=move |_| send(answer, Some(choice))>
                                {purpose_label(choice)}
                            </button>
                        }
                    }).collect_view()}
                </div>
            })}
        </li>
    }
}

#[component]
pub fn TeamSeries(team: TeamMeetingSeries) -> impl IntoView {
    if team.series.is_empty() {
        return ().into_any();
    }
    view! {
        <section aria-labelledby="team-series-heading">
            <h2 id="team-series-heading">"Your team's recurring meetings"</h2>
            <p class="muted">{format!("Titles only when at least {} of you attend and nobody marked it private.", team.privacy_k)}</p>
            <table data-testid="team-series">
                <thead><tr><th scope="col">"Meeting"</th><th scope="col">"Team hours a week"</th><th scope="col">"Could be async"</th></tr></thead>
                <tbody>
                    {team.series.into_iter().map(|row| view! {
                        <tr>
                            <td>{row.title}</td>
                            <td>{hours(row.weekly_team_hours)}</td>
                            <td>{match row.asyncable_share {
                                Some(share) => format!("{:.0} % of {} votes", share * 100.0, row.votes),
                                None => "no votes yet".to_string(),
                            }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
    .into_any()
}
