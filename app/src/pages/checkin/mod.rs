//! The daily check-in: one short form, phone first, that also works before the WebAssembly
//! loads (a plain form post answered with this page again); then the person's own last 14
//! days, their team's participation this week and the reminder setting.

pub mod entries;
mod labels;
mod reminder;
mod summary;
pub mod today;
pub mod unsubscribe;

use chrono::{Days, NaiveDate};
use leptos::prelude::*;
use leptos_meta::Title;

use self::{reminder::ReminderSettingsForm, summary::Summary};
use crate::components::focus::take_focus_when_shown;
use crate::{
    api::checkin::{get_checkin_overview, SaveCheckinReminder, SubmitCheckin},
    components::{form::ActionError, session::RequireRole},
    domain::account::Role,
    wire::checkin::{CheckinOverview, PartOfDay, ReplySpeed},
};

#[component]
pub fn CheckinPage() -> impl IntoView {
    view! {
        <Title text="Daily check-in" />
        <section class="narrow checkin">
            <h1>"Daily check-in"</h1>
            <RequireRole roles=&[Role::Admin, Role::Participant]>
                <Checkin />
            </RequireRole>
        </section>
    }
}

#[component]
fn Checkin() -> impl IntoView {
    let submit = ServerAction::<SubmitCheckin>::new();
    let reminder = ServerAction::<SaveCheckinReminder>::new();
    let overview = Resource::new(
        move || (submit.version().get(), reminder.version().get()),
        |_| get_checkin_overview(),
    );
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(overview) => view! { <CheckinBody overview submit reminder /> }.into_any(),
                    Err(error) => view! {
                        <p class="callout callout-error" role="alert">{error.to_string()}</p>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn CheckinBody(
    overview: CheckinOverview,
    submit: ServerAction<SubmitCheckin>,
    reminder: ServerAction<SaveCheckinReminder>,
) -> impl IntoView {
    let saved = move || submit.value().get().and_then(Result::ok);
    let done_today = overview.done_today;
    let form = match (&overview.pilot, &overview.refusal) {
        (Some(pilot), _) => view! {
            <p class="muted" data-testid="checkin-pilot">
                {pilot.pilot.clone()} " · " {pilot.team.clone()} " · " {pilot.stage.label()}
            </p>
            <Show when=move || done_today && saved().is_none()>
                <p class="callout callout-ok" data-testid="done-today">
                    "Done for today. You can still correct it below."
                </p>
            </Show>
            {move || saved().map(|receipt| {
                // The form is drawn again after saving: focus goes to what was saved.
                let notice = NodeRef::<leptos::html::P>::new();
                take_focus_when_shown(notice);
                view! {
                    <p class="callout callout-ok" role="status" data-testid="checkin-saved" tabindex="-1" node_ref=notice>
                        "Saved your " {receipt.part_of_day.label().to_lowercase()} " check-in for "
                        {receipt.date.format("%a %-d %b").to_string()} "."
                    </p>
                }
            })}
            <CheckinForm overview=overview.clone() submit />
        }
        .into_any(),
        (None, refusal) => view! {
            <p class="callout callout-error" role="alert" data-testid="checkin-refused">
                "You cannot check in now: " {refusal.clone().unwrap_or_default()}
            </p>
        }
        .into_any(),
    };
    view! {
        {form}
        <Summary overview=overview.clone() />
        <ReminderSettingsForm settings=overview.reminder.clone() action=reminder />
    }
}

#[component]
fn CheckinForm(overview: CheckinOverview, submit: ServerAction<SubmitCheckin>) -> impl IntoView {
    let days = editable_days(overview.today, overview.earliest);
    let now = overview.part_of_day_now;
    view! {
        <ActionForm action=submit attr:aria-label="Check in" attr:class="checkin-form">
            <div class="form-grid">
                <label>
                    "Day"
                    <select name="form[date]">
                        {days.into_iter().enumerate().map(|(index, day)| view! {
                            <option value=day.to_string() selected={index == 0}>
                                {day_label(index, day)}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    "Part of day"
                    <select name="form[part_of_day]">
                        {PartOfDay::ALL.into_iter().map(|part| view! {
                            <option value=part.as_str() selected={part == now}>{part.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <fieldset class="rating">
                <legend>"Energy right now (1 = drained, 5 = full of energy)"</legend>
                {(1..=5).map(|level| view! {
                    <label class="rating-choice">
                        <input type="radio" name="form[energy]" value=level.to_string() required />
                        <span>{level.to_string()}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <p class="muted">"Everything below is optional: skip what you do not know."</p>
            <div class="form-grid">
                <NumberField name="form[focus_planned_hours]" label="Focus hours planned" max="24" />
                <NumberField name="form[focus_achieved_hours]" label="Focus hours achieved" max="24" />
                <NumberField name="form[meetings]" label="Meetings today" max="" />
                <NumberField name="form[meeting_hours]" label="Hours in meetings" max="24" />
                <NumberField name="form[asyncable_meetings]" label="Meetings that could have been async" max="" />
                <ReplyField name="form[chat_reply]" label="Felt you had to answer chat" />
                <ReplyField name="form[email_reply]" label="Felt you had to answer email" />
            </div>
            <ActionError action=submit />
            <button type="submit" class="button" disabled=move || submit.pending().get()>
                "Save check-in"
            </button>
        </ActionForm>
    }
}

#[component]
fn NumberField(name: &'static str, label: &'static str, max: &'static str) -> impl IntoView {
    let whole = max.is_empty();
    view! {
        <label>
            {label}
            <input
                type="number"
                name=name
                min="0"
                max={(!whole).then_some(max)}
                step={if whole { "1" } else { "any" }}
                inputmode={if whole { "numeric" } else { "decimal" }}
            />
        </label>
    }
}

#[component]
fn ReplyField(name: &'static str, label: &'static str) -> impl IntoView {
    view! {
        <label>
            {label}
            <select name=name>
                <option value="" selected=true>"Skip"</option>
                {ReplySpeed::ALL.into_iter().map(|speed| view! {
                    <option value=speed.as_str()>{speed.label()}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

/// Today first, then each day back to the first one still open.
fn editable_days(today: NaiveDate, earliest: NaiveDate) -> Vec<NaiveDate> {
    (0..4)
        .filter_map(|back| today.checked_sub_days(Days::new(back)))
        .filter(|day| *day >= earliest)
        .collect()
}

fn day_label(index: usize, day: NaiveDate) -> String {
    match index {
        0 => format!("Today, {}", day.format("%a %-d %b")),
        1 => format!("Yesterday, {}", day.format("%a %-d %b")),
        _ => day.format("%a %-d %b").to_string(),
    }
}
