//! The JSON API under `/api/v1`, for integrations. Routes and the OpenAPI document are built
//! from the same annotated handlers, so the document cannot forget a route.

mod audit;
mod auth;
mod champions;
mod charters;
mod checkin;
mod custom_metrics;
mod decisions;
mod departments;
mod enrollment;
mod entry_imports;
mod error;
mod extract;
mod mail;
mod meetings;
mod participation;
mod people;
mod pilots;
mod process_types;
mod pulses;
mod readiness;
mod reports;
mod roster;
mod system;
mod teams;
mod tokens;
mod training;
mod working_days;

use app::server::state::AppState;
use axum::{routing::get, Json, Router};
use utoipa::{
    openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme},
    Modify, OpenApi,
};
use utoipa_axum::{router::OpenApiRouter, routes};

pub use error::ApiError;

pub const PREFIX: &str = "/api/v1";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Async Pilot API",
        description = "Run async-first work pilots. Authenticate with the session cookie from \
                       `POST /api/v1/session`, or with an admin's API token as \
                       `Authorization: Bearer ap_…` (read tokens may only read).",
    ),
    modifiers(&Security),
    tags(
        (name = "session", description = "Signing in and out"),
        (name = "people", description = "People and their roles (admins)"),
        (name = "audit", description = "The audit log (admins)"),
        (name = "tokens", description = "API tokens for integrations (admins)"),
        (name = "mail", description = "Outgoing mail, to pass on by hand without a mail server (admins)"),
        (name = "system", description = "This instance (admins)"),
        (name = "organisation", description = "Departments, teams and the roster"),
        (name = "pilots", description = "Pilots and participation (counts only)"),
        (name = "enrollment", description = "Joining pilots and withdrawing (members)"),
        (name = "checkins", description = "The daily check-in and one's own entries (members)"),
        (name = "pulses", description = "Pulse surveys: HR opens them, members answer, managers rate"),
        (name = "team records", description = "Team charters and decision logs (the team's people; HR)"),
        (name = "meetings", description = "Calendar import and the meeting audit: one's own meetings; the team's recurring series"),
        (name = "readiness", description = "Rollout readiness: verdicts, decisions and the next wave (HR and executives)"),
        (name = "champions", description = "Champion option, nominations, HR's candidate list and decisions, coverage"),
        (name = "training", description = "Manager training: catalogue, statuses, import, coverage"),
        (name = "reports", description = "Before/after comparison reports (METHOD.md): HR and executives; published ones for the pilot's teams"),
    )
)]
struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                app::server::auth::cookie::SESSION_COOKIE,
            ))),
        );
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Every API route, and the document that describes them.
pub fn routes() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_string();
    let api = OpenApiRouter::with_openapi(doc)
        .routes(routes!(auth::create_session, auth::delete_session))
        .routes(routes!(auth::get_me))
        .routes(routes!(auth::change_password))
        .routes(routes!(auth::sign_out_everywhere))
        .routes(routes!(people::list_people, people::invite_person))
        .routes(routes!(people::update_person))
        .routes(routes!(people::change_role))
        .routes(routes!(people::set_person_active))
        .routes(routes!(people::erase_person))
        .routes(routes!(people::issue_password_link))
        .routes(routes!(audit::list_audit_events))
        .routes(routes!(audit::export_audit_events))
        .routes(routes!(tokens::list_tokens, tokens::create_token))
        .routes(routes!(tokens::revoke_token))
        .routes(routes!(mail::list_outgoing_mail))
        .routes(routes!(system::get_instance_status))
        .routes(routes!(system::get_retention, system::set_retention))
        .routes(routes!(
            departments::list_departments,
            departments::create_department
        ))
        .routes(routes!(teams::list_teams, teams::create_team))
        .routes(routes!(pilots::list_pilots, pilots::create_pilot))
        .routes(routes!(pilots::get_pilot))
        .routes(routes!(roster::export_roster))
        .routes(routes!(roster::import_roster))
        .routes(routes!(departments::rename_department))
        .routes(routes!(departments::set_department_active))
        .routes(routes!(teams::update_team))
        .routes(routes!(teams::set_team_active))
        .routes(routes!(pilots::update_protocol))
        .routes(routes!(pilots::advance_pilot))
        .routes(routes!(pilots::add_pilot_team))
        .routes(routes!(pilots::renew_link))
        .routes(routes!(pilots::remove_team))
        .routes(routes!(enrollment::join_info, enrollment::join))
        .routes(routes!(enrollment::my_pilots))
        .routes(routes!(enrollment::withdraw))
        .routes(routes!(roster::start_roster_import))
        .routes(routes!(roster::get_roster_import));
    // The daily check-in and one's own entries.
    let api = api
        .routes(routes!(checkin::submit_checkin))
        .routes(routes!(checkin::list_my_entries))
        .routes(routes!(checkin::export_my_entries))
        .routes(routes!(checkin::export_my_data))
        .routes(routes!(checkin::delete_my_entry))
        .routes(routes!(checkin::get_reminder, checkin::save_reminder));
    // Pulse surveys, participation and working days.
    let api = api
        .routes(routes!(pulses::list_pulses, pulses::open_pulse))
        .routes(routes!(pulses::close_pulse))
        .routes(routes!(pulses::my_pulses))
        .routes(routes!(pulses::answer_pulse))
        .routes(routes!(pulses::rate_member))
        .routes(routes!(participation::get_participation))
        .routes(routes!(
            working_days::get_working_days,
            working_days::set_working_days
        ));
    // Team records (charters, decision logs, process types).
    let api = api
        .routes(routes!(charters::get_charter, charters::save_charter))
        .routes(routes!(charters::list_charter_versions))
        .routes(routes!(decisions::list_decisions, decisions::log_decision))
        .routes(routes!(decisions::decide_decision))
        .routes(routes!(
            process_types::list_process_types,
            process_types::create_process_type
        ));
    // Metric and decision imports, custom metrics.
    let api = api
        .routes(routes!(entry_imports::start_entry_import))
        .routes(routes!(entry_imports::get_entry_import))
        .routes(routes!(
            custom_metrics::list_custom_metrics,
            custom_metrics::create_custom_metric
        ));
    // Reports.
    let api = api
        .routes(routes!(reports::get_report))
        .routes(routes!(reports::export_report))
        .routes(routes!(reports::set_publication));
    // Rollout readiness.
    let api = api
        .routes(routes!(readiness::get_portfolio))
        .routes(routes!(readiness::export_portfolio))
        .routes(routes!(readiness::get_pilot_readiness))
        .routes(routes!(readiness::set_thresholds))
        .routes(routes!(readiness::record_decision))
        .routes(routes!(readiness::extend_follow_up))
        .routes(routes!(readiness::set_volunteering))
        .routes(routes!(readiness::create_next_wave));
    // Calendar import and the meeting audit.
    let api = api
        .routes(routes!(meetings::import_calendar))
        .routes(routes!(meetings::import_person_calendar))
        .routes(routes!(meetings::get_meeting_overview))
        .routes(routes!(meetings::audit_meeting_series))
        .routes(routes!(meetings::get_team_meeting_series));
    // Champions and manager training.
    let api = api
        .routes(routes!(champions::get_my_champion))
        .routes(routes!(champions::set_champion_opt_in))
        .routes(routes!(champions::step_down_as_champion))
        .routes(routes!(champions::nominate_colleague))
        .routes(routes!(champions::list_champion_candidates))
        .routes(routes!(champions::decide_champion_candidate))
        .routes(routes!(champions::list_champions))
        .routes(routes!(champions::get_champion_coverage))
        .routes(routes!(champions::get_team_champions))
        .routes(routes!(
            training::list_training_modules,
            training::add_training_module
        ))
        .routes(routes!(training::list_manager_training))
        .routes(routes!(training::get_my_training))
        .routes(routes!(training::record_training))
        .routes(routes!(training::import_training))
        .routes(routes!(training::get_training_coverage));
    OpenApiRouter::new().nest(PREFIX, api).split_for_parts()
}

/// The API routes plus `GET /api/v1/openapi.json`.
pub fn router() -> Router<AppState> {
    let (router, doc) = routes();
    router.route(
        &format!("{PREFIX}/openapi.json"),
        get(move || std::future::ready(Json(doc.clone()))),
    )
}
