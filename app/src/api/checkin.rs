//! The daily check-in, one's own entries and the check-in reminder.

use leptos::prelude::*;

use crate::{
    error::AppError,
    wire::checkin::{CheckinForm, CheckinOverview, CheckinReceipt, OwnEntry, ReminderSettings},
};

/// What the check-in page shows the caller: only their own data and their team's count.
#[server(prefix = "/fn", endpoint = "get_checkin_overview")]
pub async fn get_checkin_overview() -> Result<CheckinOverview, AppError> {
    use crate::server::{context, services::checkins};
    context::serve(|state, caller| async move {
        checkins::overview(&state.db, &caller, chrono::Utc::now()).await
    })
    .await
}

/// Stores the caller's check-in (also posted as a plain form before the page is interactive).
#[server(prefix = "/fn", endpoint = "submit_checkin")]
pub async fn submit_checkin(form: CheckinForm) -> Result<CheckinReceipt, AppError> {
    use crate::server::{context, services::checkins};
    context::serve_form(|state, caller| async move {
        checkins::submit(&state.db, &caller, &form, chrono::Utc::now()).await
    })
    .await
}

/// The caller's own entries of the last days, newest first.
#[server(prefix = "/fn", endpoint = "list_my_entries")]
pub async fn list_my_entries() -> Result<Vec<OwnEntry>, AppError> {
    use crate::server::{context, services::own_entries};
    context::serve(|state, caller| async move {
        own_entries::list(&state.db, &caller, None, None).await
    })
    .await
}

/// Deletes one of the caller's own entries.
#[server(prefix = "/fn", endpoint = "delete_my_entry")]
pub async fn delete_my_entry(id: i64) -> Result<(), AppError> {
    use crate::server::{context, services::own_entries};
    context::serve_form(
        |state, caller| async move { own_entries::delete(&state.db, &caller, id).await },
    )
    .await
}

/// Turns the caller's daily reminder on or off and sets its time.
#[server(prefix = "/fn", endpoint = "save_checkin_reminder")]
pub async fn save_checkin_reminder(
    enabled: Option<String>,
    local_time: String,
) -> Result<ReminderSettings, AppError> {
    use crate::server::{context, services::checkin_reminders};
    // A checkbox posts its value only when ticked.
    let settings = ReminderSettings {
        enabled: enabled.is_some_and(|value| !value.is_empty() && value != "false"),
        local_time,
    };
    context::serve_form(|state, caller| async move {
        checkin_reminders::save(&state.db, &caller, &settings, chrono::Utc::now()).await
    })
    .await
}

/// Turns off the reminder a mailed link names. Open to everyone: the secret in the link is the
/// credential, and it can only turn a reminder off.
#[server(prefix = "/fn", endpoint = "unsubscribe_checkin_reminder")]
pub async fn unsubscribe_checkin_reminder(token: String) -> Result<(), AppError> {
    use crate::server::{context, services::checkin_reminders};
    context::serve_public(|state| async move {
        checkin_reminders::unsubscribe(&state.db, &token, chrono::Utc::now()).await?;
        leptos_axum::redirect("/checkin/unsubscribe?done=1");
        Ok(())
    })
    .await
}
