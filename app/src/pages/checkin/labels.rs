//! How the check-in pages name a stored value for the person who entered it.

use crate::wire::checkin::{OwnEntry, ReplySpeed};

/// "Energy (morning)", "Felt reply time (chat)", "Hours in meetings"…
pub fn measure_label(entry: &OwnEntry) -> String {
    let name = match entry.measure.as_str() {
        "energy" => "Energy",
        "focus_planned_hours" => "Focus hours planned",
        "focus_achieved_hours" => "Focus hours achieved",
        "meetings" => "Meetings",
        "meeting_hours" => "Hours in meetings",
        "asyncable_meetings" => "Meetings that could have been async",
        "felt_reply_hours" => "Felt reply time",
        "calendar_focus_hours" => "Focus hours in the calendar",
        "contribution_quality" => "Contribution quality",
        "cultural_alignment" => "Async behaviour",
        "satisfaction" => "Satisfaction",
        "burnout" => "Signs of burnout",
        other => other,
    };
    if entry.qualifier.is_empty() {
        name.to_string()
    } else {
        format!("{name} ({})", entry.qualifier)
    }
}

/// The value as entered: reply speeds by the words chosen, hours and counts as numbers.
pub fn value_label(entry: &OwnEntry) -> String {
    if entry.measure == "felt_reply_hours" {
        if let Some(speed) = ReplySpeed::ALL
            .into_iter()
            .find(|speed| speed.hours() == entry.value)
        {
            return speed.label().to_string();
        }
        return format!("{} h", entry.value);
    }
    entry.value.to_string()
}
