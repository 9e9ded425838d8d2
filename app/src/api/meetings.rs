//! The caller's calendar import and meeting audit, and their team's recurring series.

use leptos::prelude::*;

use crate::{
    error::AppError,
    wire::meetings::{CalendarImportResult, MeetingOverview, TeamMeetingSeries},
};

/// Imports the caller's calendar (the text of an `.ics` file) for the days from `from` to `to`
/// (both optional, `YYYY-MM-DD`); with `dry_run` nothing is written.
#[server(prefix = "/fn", endpoint = "import_calendar")]
pub async fn import_calendar(
    ics: String,
    from: Option<String>,
    to: Option<String>,
    dry_run: bool,
) -> Result<CalendarImportResult, AppError> {
    use crate::server::{
        context,
        repo::audit::Actor,
        services::calendar_import::{self, parse_day, Window},
    };
    context::serve(|state, caller| async move {
        let window = Window {
            from: parse_day("from", from.as_deref())?,
            to: parse_day("to", to.as_deref())?,
        };
        let now = chrono::Utc::now();
        let summary = calendar_import::import_own(
            &state.db,
            Actor::Caller(&caller),
            ics.as_bytes(),
            window,
            dry_run,
            now,
        )
        .await?;
        Ok(calendar_import::result(&summary, dry_run))
    })
    .await
}

/// The caller's week and their series with their audit answers.
#[server(prefix = "/fn", endpoint = "get_meeting_overview")]
pub async fn get_meeting_overview() -> Result<MeetingOverview, AppError> {
    use crate::server::{context, repo::audit::Actor, services::meetings};
    context::serve(|state, caller| async move {
        meetings::overview(&state.db, Actor::Caller(&caller), chrono::Utc::now()).await
    })
    .await
}

/// One tap of the audit: `answer` is yes, partly or no; `purpose` decide, inform, discuss or
/// connect (optional).
#[server(prefix = "/fn", endpoint = "audit_meeting_series")]
pub async fn audit_meeting_series(
    key: String,
    answer: String,
    purpose: Option<String>,
) -> Result<(), AppError> {
    use crate::{
        domain::meeting::audit::{AuditAnswer, Purpose},
        server::{context, repo::audit::Actor, services::meetings},
    };
    context::serve(|state, caller| async move {
        let answer = AuditAnswer::parse(&answer)?;
        let purpose = match purpose.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => Some(Purpose::parse(p)?),
            None => None,
        };
        let now = chrono::Utc::now();
        meetings::answer(
            &state.db,
            Actor::Caller(&caller),
            &key,
            answer,
            purpose,
            now,
        )
        .await
    })
    .await
}

/// The caller's team's recurring series (titles only from k attending members).
#[server(prefix = "/fn", endpoint = "get_team_meeting_series")]
pub async fn get_team_meeting_series() -> Result<TeamMeetingSeries, AppError> {
    use crate::server::{context, repo::audit::Actor, services::meetings};
    context::serve(|state, caller| async move {
        meetings::team(&state.db, Actor::Caller(&caller), chrono::Utc::now()).await
    })
    .await
}
