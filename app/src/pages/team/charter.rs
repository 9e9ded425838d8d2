//! The charter part of `/team`: the version in force, every dated version, and for the team's
//! manager and HR a form that saves a new version (a few spare rows for new channels).

use leptos::prelude::*;

use crate::components::table_scroll::TableScroll;
use crate::{
    api::charters::SaveTeamCharter,
    components::form::{succeeded, ActionError},
    wire::charters::{CharterChannel, CharterVersionView, TeamCharter},
};

/// Empty rows the edit form offers beside the channels the charter has.
const SPARE_ROWS: usize = 2;

#[component]
pub fn CharterSection(charter: TeamCharter, save: ServerAction<SaveTeamCharter>) -> impl IntoView {
    let in_force = match charter.in_force.clone() {
        Some(version) => view! { <CharterVersionCard version in_force=true /> }.into_any(),
        None => view! {
            <p class="muted" data-testid="no-charter">
                "No charter applies yet. Record how the team works today as its baseline charter: the report compares felt reply times with it."
            </p>
        }
        .into_any(),
    };
    let older: Vec<CharterVersionView> = charter
        .versions
        .iter()
        .filter(|version| Some(version.id) != charter.in_force.as_ref().map(|shown| shown.id))
        .cloned()
        .collect();
    let history = !older.is_empty();
    let older_count = older.len();
    let edit = charter.can_edit.then(|| {
        let start = charter
            .in_force
            .clone()
            .or_else(|| charter.versions.first().cloned())
            .map(|version| version.channels)
            .unwrap_or_default();
        view! { <EditCharter team_id=charter.team_id channels=start save /> }
    });
    view! {
        <section class="team-section" aria-labelledby="charter-heading" data-testid="charter">
            <h2 id="charter-heading">"Communication charter"</h2>
            <p class="muted">"Which channel is for what, and how fast a reply is expected. Each change is kept as a dated version."</p>
            {in_force}
            {history.then(|| view! {
                <details class="charter-history" data-testid="charter-history">
                    <summary>"Other versions (" {older_count} ")"</summary>
                    {older.into_iter().map(|version| view! { <CharterVersionCard version in_force=false /> }).collect_view()}
                </details>
            })}
            {edit}
        </section>
    }
}

#[component]
fn CharterVersionCard(version: CharterVersionView, in_force: bool) -> impl IntoView {
    let heading = format!(
        "Version {} · from {}{}",
        version.version,
        version.effective_from.format("%-d %b %Y"),
        if in_force { " · in force" } else { "" }
    );
    let test_id = format!("charter-version-{}", version.version);
    view! {
        <article class="card charter-version" data-testid=test_id>
            <h3>{heading.clone()}</h3>
            {version.current_norms.then(|| view! { <p class="muted">"The team's norms as they were, written down (baseline charter)."</p> })}
            {(!version.note.is_empty()).then(|| view! { <p>{version.note.clone()}</p> })}
            <TableScroll label=heading.clone()>
                <table class="data-table">
                    <thead><tr><th>"Channel"</th><th>"For"</th><th class="num">"Reply within"</th></tr></thead>
                    <tbody>
                        {version.channels.into_iter().map(|channel| view! {
                            <tr>
                                <td>{channel.name}</td>
                                <td>{channel.purpose}</td>
                                <td class="num">{hours_label(channel.reply_hours)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </TableScroll>
            <p class="muted">
                "Saved " {version.saved_at.format("%-d %b %Y").to_string()}
                {version.saved_by.map(|name| format!(" by {name}"))}
            </p>
        </article>
    }
}

/// "4 h", "1.5 h", "2 days".
fn hours_label(hours: f64) -> String {
    if hours >= 48.0 && (hours / 24.0).fract() == 0.0 {
        format!("{} days", hours / 24.0)
    } else {
        format!("{hours} h")
    }
}

#[component]
fn EditCharter(
    team_id: i64,
    channels: Vec<CharterChannel>,
    save: ServerAction<SaveTeamCharter>,
) -> impl IntoView {
    let saved = succeeded(save);
    let rows = channels
        .into_iter()
        .map(Some)
        .chain(std::iter::repeat_n(None, SPARE_ROWS))
        .enumerate()
        .map(|(index, channel)| view! { <ChannelRow index channel /> })
        .collect_view();
    view! {
        <details class="confirm-edit charter-edit">
            <summary class="button button-small">"Change the charter…"</summary>
            <ActionForm action=save attr:aria-label="New charter version">
                <input type="hidden" name="team_id" value=team_id.to_string() />
                <p class="muted">"Saving keeps the current version and adds a new one from the date you give. Leave a row empty to drop it."</p>
                <fieldset class="charter-channels">
                    <legend>"Channels"</legend>
                    {rows}
                </fieldset>
                <div class="form-grid">
                    <label>"Applies from" <input type="date" name="charter[effective_from]" required /></label>
                    <label class="checkbox">
                        <input type="checkbox" name="charter[current_norms]" value="true" />
                        "These are our current, unwritten norms"
                    </label>
                </div>
                <label>"Note (optional)" <textarea name="charter[note]" rows="2" maxlength="1000"></textarea></label>
                <button type="submit" class="button">"Save as a new version"</button>
            </ActionForm>
        </details>
        <ActionError action=save />
        <Show when=saved>
            <p class="callout callout-ok" role="status" data-testid="charter-saved">"Saved as a new version."</p>
        </Show>
    }
}

#[component]
fn ChannelRow(index: usize, channel: Option<CharterChannel>) -> impl IntoView {
    let field = move |name: &str| format!("charter[channels][{index}][{name}]");
    let (name, purpose, hours) = match channel {
        Some(channel) => (
            channel.name,
            channel.purpose,
            channel.reply_hours.to_string(),
        ),
        None => (String::new(), String::new(), String::new()),
    };
    let number = index + 1;
    view! {
        <div class="form-grid channel-row" data-testid=format!("channel-row-{number}")>
            <label>{format!("Channel {number}")} <input type="text" name=field("name") value=name placeholder="chat" autocapitalize="none" /></label>
            <label>"What it is for" <input type="text" name=field("purpose") value=purpose maxlength="500" /></label>
            <label>"Reply within (hours)" <input type="text" inputmode="decimal" name=field("reply_hours") value=hours /></label>
        </div>
    }
}
