//! `/pulse`: the pulse survey for members, phone first: a few taps per item, answers editable
//! until the pulse closes; team managers also rate their members' delivered work here.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::{
    api::pulses::{list_my_pulses, AnswerPulse, RateMember},
    components::{
        error_template::ErrorTemplate,
        form::{succeeded, ActionError},
        session::{use_current_user, RequireRole},
    },
    domain::account::Role,
    wire::pulses::{MemberToRate, MyPulse},
};

#[component]
pub fn PulsePage() -> impl IntoView {
    view! {
        <Title text="Pulse survey" />
        <RequireRole roles=&[Role::Admin, Role::Participant]>
            <MyPulses />
        </RequireRole>
    }
}

#[component]
fn MyPulses() -> impl IntoView {
    let answer = ServerAction::<AnswerPulse>::new();
    let rate = ServerAction::<RateMember>::new();
    let pulses = Resource::new(
        move || (answer.version().get(), rate.version().get()),
        |_| list_my_pulses(),
    );
    view! {
        <h1>"Pulse survey"</h1>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorTemplate errors /> }>
                {move || Suspend::new(async move {
                    pulses.await.map(|pulses| {
                        if pulses.is_empty() {
                            view! {
                                <p class="callout" data-testid="no-pulse">"No pulse survey is open for you right now."</p>
                            }.into_any()
                        } else {
                            pulses.into_iter().map(|pulse| view! { <OnePulse pulse answer rate /> }).collect_view().into_any()
                        }
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn OnePulse(
    pulse: MyPulse,
    answer: ServerAction<AnswerPulse>,
    rate: ServerAction<RateMember>,
) -> impl IntoView {
    let members = pulse.members_to_rate.clone();
    let id = pulse.id;
    view! {
        <section class="pulse" data-testid=format!("pulse-{}", pulse.phase.as_str())>
            <p class="lead">
                {pulse.pilot.clone()} " · " {pulse.phase.label()} " pulse, open until " {pulse.closes_on.to_string()}
            </p>
            {pulse.can_answer.then(|| view! { <AnswerForm pulse=pulse.clone() answer /> })}
            {(!members.is_empty()).then(|| view! {
                <h2>"Your team's delivered work"</h2>
                <p class="muted">"As their manager, rate the quality of the work each member delivered in the last weeks (1 poor, 5 excellent). Ratings are confidential like answers."</p>
                <ActionError action=rate />
                <ul class="plain-list" data-testid="members-to-rate">
                    {members.into_iter().map(|member| view! { <RateRow pulse_id=id member rate /> }).collect_view()}
                </ul>
            })}
        </section>
    }
}

#[component]
fn AnswerForm(pulse: MyPulse, answer: ServerAction<AnswerPulse>) -> impl IntoView {
    let saved = succeeded(answer);
    let given = pulse.answers.clone();
    let quality = given.as_ref().map(|answers| answers.quality);
    let satisfaction = given.as_ref().map(|answers| answers.satisfaction);
    let burnout = given.as_ref().map(|answers| answers.burnout);
    let statements: Vec<(usize, String, Option<i64>)> = pulse
        .statements
        .iter()
        .enumerate()
        .map(|(index, text)| {
            let answer = given
                .as_ref()
                .and_then(|answers| answers.statements.get(index).copied());
            (index, text.clone(), answer)
        })
        .collect();
    view! {
        {pulse.answered_on.map(|date| view! {
            <p class="muted" data-testid="answered-on">"You answered on " {date.to_string()} ". Change anything and save again until the pulse closes."</p>
        })}
        <ActionForm action=answer attr:aria-label="Pulse survey" attr:class="pulse-form">
            <input type="hidden" name="pulse_id" value=pulse.id.to_string() />
            <Scale
                name="answers[quality]".to_string()
                legend="How good was the work you delivered in the last two weeks?".to_string()
                hint="1 poor · 5 excellent"
                low=1
                high=5
                selected=quality
            />
            <p class="muted">"How much do you agree? 1 strongly disagree · 5 strongly agree"</p>
            {statements.into_iter().map(|(index, statement, answer)| view! {
                <Scale
                    name=format!("answers[statements][{index}]")
                    legend=statement
                    hint=""
                    low=1
                    high=5
                    selected=answer
                />
            }).collect_view()}
            <Scale
                name="answers[satisfaction]".to_string()
                legend="How satisfied are you with how your team works?".to_string()
                hint="0 not at all · 10 completely"
                low=0
                high=10
                selected=satisfaction
            />
            <fieldset class="scale" data-testid="answers[burnout]">
                <legend>"In the last two weeks, have you noticed signs of burnout in yourself (exhaustion, cynicism, feeling ineffective)?"</legend>
                <div class="scale-options">
                    <label><input type="radio" name="answers[burnout]" value="false" required checked={burnout == Some(false)} /><span>"No"</span></label>
                    <label><input type="radio" name="answers[burnout]" value="true" required checked={burnout == Some(true)} /><span>"Yes"</span></label>
                </div>
            </fieldset>
            <ActionError action=answer />
            <Show when=saved>
                <p class="callout callout-ok" role="status" data-testid="pulse-saved">"Thank you: your answers are saved. Only you see them."</p>
            </Show>
            <button type="submit" class="button">
                {if pulse.answers.is_some() { "Save my changes" } else { "Send my answers" }}
            </button>
        </ActionForm>
    }
}

/// One item answered by tapping a number: radio buttons laid out as a row of buttons.
#[component]
fn Scale(
    name: String,
    legend: String,
    hint: &'static str,
    low: i64,
    high: i64,
    selected: Option<i64>,
) -> impl IntoView {
    view! {
        <fieldset class="scale" data-testid=name.clone()>
            <legend>{legend}</legend>
            <div class="scale-options">
                {(low..=high).map(|value| view! {
                    <label>
                        <input type="radio" name=name.clone() value=value.to_string() required checked={selected == Some(value)} />
                        <span>{value}</span>
                    </label>
                }).collect_view()}
            </div>
            {(!hint.is_empty()).then(|| view! { <p class="scale-hint muted">{hint}</p> })}
        </fieldset>
    }
}

#[component]
fn RateRow(pulse_id: i64, member: MemberToRate, rate: ServerAction<RateMember>) -> impl IntoView {
    let testid = format!("rate-{}", member.name);
    let legend = format!("{} ({})", member.name, member.team);
    view! {
        <li data-testid=testid>
            <ActionForm action=rate attr:class="rate-form">
                <input type="hidden" name="pulse_id" value=pulse_id.to_string() />
                <input type="hidden" name="person_id" value=member.person_id.to_string() />
                <Scale
                    name="rating".to_string()
                    legend=legend
                    hint=""
                    low=1
                    high=5
                    selected=None
                />
                <button type="submit" class="button button-small">
                    {if member.rated { "Rate again" } else { "Save rating" }}
                </button>
                {member.rated.then(|| view! { <span class="muted" data-testid="rated">" rated"</span> })}
                <crate::components::badge::ChampionBadge champion=member.champion />
            </ActionForm>
        </li>
    }
}

/// A note on the home page while a pulse is open for the signed-in person.
#[component]
pub fn OpenPulseNotice() -> impl IntoView {
    let user = use_current_user();
    let signed_in = move || {
        user.and_then(|user| user.get())
            .and_then(Result::ok)
            .flatten()
            .is_some_and(|user| user.role != Role::Executive)
    };
    let pulses = Resource::new(signed_in, |signed_in| async move {
        if signed_in {
            list_my_pulses().await.unwrap_or_default()
        } else {
            Vec::new()
        }
    });
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let open = pulses.await;
                (!open.is_empty()).then(|| view! {
                    <p class="callout callout-ok" data-testid="pulse-open">
                        "A pulse survey is open for you (about three minutes). "
                        <A href="/pulse">"Answer the pulse survey"</A>
                    </p>
                })
            })}
        </Suspense>
    }
}
