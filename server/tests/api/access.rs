//! Who may call what: every server function and every API route, for every role and for
//! anonymous callers. Adding an endpoint without a row here fails `every_endpoint_has_a_rule`.

use std::collections::BTreeSet;

use app::domain::account::Role;

use crate::on_both_databases;
use crate::support::{person, session_cookie, TestApp, TestDb};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// The same answer for everyone, never 403 (e.g. signing in, using a one-time link).
    Public,
    /// Any signed-in role; 401 without a session.
    SignedIn,
    /// Admins only: 401 without a session, 403 for other roles.
    Admin,
    /// Admins and executives (who only read): 403 for participants.
    AdminOrExecutive,
    /// Anyone who may write what a pilot measures (admins and participants): 403 for
    /// executives. The service then checks the person's own pilot, team or entry: such
    /// refusals are 404/409/422 for the harmless arguments used here, never 401/403.
    NotExecutive,
}

/// Form arguments for a call: harmless ones (unknown ids, invalid values).
type Form = &'static [(&'static str, &'static str)];

/// A complete but invalid protocol (an empty name): admins get 422, nothing is created.
const PROTOCOL: Form = &[
    ("protocol[name]", ""),
    ("protocol[hypothesis]", ""),
    ("protocol[primary_metric]", ""),
    ("protocol[guardrail_metrics]", ""),
    ("protocol[plan][baseline_start]", ""),
    ("protocol[plan][baseline_days]", ""),
    ("protocol[plan][intervention_days]", ""),
    ("protocol[plan][follow_up_days]", ""),
    ("protocol[privacy_k]", ""),
];

/// Server functions: name, form arguments, rule.
const SERVER_FUNCTIONS: &[(&str, Form, Rule)] = &[
    ("get_current_user", &[], Rule::Public),
    (
        "sign_in",
        &[
            ("email", "nobody@example.org"),
            ("password", "not a password"),
        ],
        Rule::Public,
    ),
    ("sign_out", &[], Rule::Public),
    (
        "request_password_link",
        &[("email", "nobody@example.org")],
        Rule::Public,
    ),
    ("get_link", &[("token", "made-up")], Rule::Public),
    (
        "set_password_from_link",
        &[
            ("token", "made-up"),
            ("password", "a long enough passphrase"),
        ],
        Rule::Public,
    ),
    (
        "change_password",
        &[
            ("current_password", "wrong"),
            ("new_password", "a long enough passphrase"),
        ],
        Rule::SignedIn,
    ),
    ("sign_out_everywhere", &[], Rule::SignedIn),
    ("get_instance_status", &[], Rule::Admin),
    ("get_retention", &[], Rule::Admin),
    ("set_retention", &[("months", "24")], Rule::Admin),
    ("list_people", &[], Rule::Admin),
    (
        "invite_person",
        &[
            ("email", "not an email"),
            ("name", "X"),
            ("role", "participant"),
        ],
        Rule::Admin,
    ),
    ("issue_reset_link", &[("person_id", "999999")], Rule::Admin),
    (
        "change_role",
        &[("person_id", "999999"), ("role", "participant")],
        Rule::Admin,
    ),
    (
        "set_person_active",
        &[("person_id", "999999"), ("active", "false")],
        Rule::Admin,
    ),
    (
        "erase_person",
        &[("person_id", "999999"), ("confirm", "nobody@example.org")],
        Rule::Admin,
    ),
    ("list_api_tokens", &[], Rule::Admin),
    (
        "create_api_token",
        &[("name", ""), ("scope", "read")],
        Rule::Admin,
    ),
    ("revoke_api_token", &[("id", "999999")], Rule::Admin),
    ("list_audit_events", &[], Rule::Admin),
    ("list_outgoing_mail", &[("page", "0")], Rule::Admin),
    (
        "start_roster_import",
        &[
            ("csv", "email,name\n"),
            ("dry_run", "true"),
            ("deactivate_missing", "false"),
        ],
        Rule::Admin,
    ),
    ("get_roster_import", &[("id", "999999")], Rule::Admin),
    (
        "start_entry_import",
        &[
            ("pilot_id", "999999"),
            ("kind", "entries"),
            ("csv", "email,date,measure,value\n"),
            ("dry_run", "true"),
        ],
        Rule::Admin,
    ),
    (
        "get_entry_import",
        &[("pilot_id", "999999"), ("id", "999999")],
        Rule::Admin,
    ),
    ("list_custom_metrics", &[], Rule::AdminOrExecutive),
    (
        "create_custom_metric",
        &[
            ("input[key]", ""),
            ("input[label]", ""),
            ("input[unit]", ""),
            ("input[direction]", ""),
            ("input[min_value]", ""),
            ("input[max_value]", ""),
        ],
        Rule::Admin,
    ),
    ("list_pilots", &[], Rule::AdminOrExecutive),
    // Participants and managers read a published report of their own pilot: the service
    // decides, so an unknown pilot is a 404 for every signed-in role.
    ("get_report", &[("pilot_id", "999999")], Rule::SignedIn),
    (
        "publish_report",
        &[("pilot_id", "999999"), ("published", "true")],
        Rule::Admin,
    ),
    ("get_pilot", &[("id", "999999")], Rule::AdminOrExecutive),
    ("get_portfolio", &[], Rule::AdminOrExecutive),
    (
        "get_pilot_readiness",
        &[("pilot_id", "999999")],
        Rule::AdminOrExecutive,
    ),
    (
        "set_readiness_thresholds",
        &[
            ("pilot_id", "999999"),
            ("thresholds[primary_p]", "2"),
            ("thresholds[guardrail_q]", "0.05"),
            ("thresholds[participation_percent]", "60"),
            ("thresholds[training_percent]", "80"),
        ],
        Rule::Admin,
    ),
    (
        "record_decision",
        &[
            ("pilot_id", "999999"),
            ("decision", "expand"),
            ("rationale", ""),
        ],
        Rule::Admin,
    ),
    (
        "extend_follow_up",
        &[("pilot_id", "999999"), ("follow_up_days", "30")],
        Rule::Admin,
    ),
    (
        "set_team_volunteered",
        &[("team_id", "999999"), ("volunteered", "true")],
        Rule::Admin,
    ),
    (
        "create_next_wave",
        &[("pilot_id", "999999"), ("choices[t999999]", "pilot")],
        Rule::Admin,
    ),
    ("list_teams", &[], Rule::AdminOrExecutive),
    ("list_departments", &[], Rule::AdminOrExecutive),
    ("save_department", &[("name", "")], Rule::Admin),
    (
        "set_department_active",
        &[("id", "999999"), ("active", "false")],
        Rule::Admin,
    ),
    ("list_team_choices", &[], Rule::Admin),
    ("create_pilot", PROTOCOL, Rule::Admin),
    (
        "update_protocol",
        &[
            ("id", "999999"),
            ("protocol[name]", ""),
            ("protocol[hypothesis]", ""),
            ("protocol[primary_metric]", ""),
            ("protocol[guardrail_metrics]", ""),
            ("protocol[plan][baseline_start]", ""),
            ("protocol[plan][baseline_days]", ""),
            ("protocol[plan][intervention_days]", ""),
            ("protocol[plan][follow_up_days]", ""),
            ("protocol[privacy_k]", ""),
            ("reason", ""),
        ],
        Rule::Admin,
    ),
    (
        "add_pilot_team",
        &[("pilot_id", "999999"), ("team_id", "1"), ("arm", "pilot")],
        Rule::Admin,
    ),
    (
        "renew_pilot_team_link",
        &[("pilot_team_id", "999999")],
        Rule::Admin,
    ),
    (
        "remove_pilot_team",
        &[("pilot_team_id", "999999")],
        Rule::Admin,
    ),
    (
        "advance_pilot",
        &[("id", "999999"), ("stage", "baseline")],
        Rule::Admin,
    ),
    (
        "save_team",
        &[
            ("team[name]", ""),
            ("team[department]", ""),
            ("team[manager_email]", ""),
            ("team[time_zone]", ""),
        ],
        Rule::Admin,
    ),
    (
        "set_team_active",
        &[("id", "999999"), ("active", "false")],
        Rule::Admin,
    ),
    (
        "edit_person",
        &[
            ("person_id", "999999"),
            ("person[name]", "X"),
            ("person[team]", ""),
            ("person[manager_email]", ""),
            ("person[time_zone]", ""),
            ("person[working_pattern]", ""),
        ],
        Rule::Admin,
    ),
    ("get_join_info", &[("token", "made-up")], Rule::SignedIn),
    ("join_pilot", &[("token", "made-up")], Rule::SignedIn),
    (
        "withdraw_consent",
        &[("pilot_id", "999999")],
        Rule::SignedIn,
    ),
    ("list_my_enrollments", &[], Rule::SignedIn),
    ("list_my_teams", &[], Rule::SignedIn),
    ("get_team_charter", &[("team_id", "999999")], Rule::SignedIn),
    (
        "save_team_charter",
        &[("team_id", "999999"), ("charter[effective_from]", "")],
        Rule::NotExecutive,
    ),
    (
        "get_team_decisions",
        &[("team_id", "999999")],
        Rule::SignedIn,
    ),
    (
        "log_decision",
        &[
            ("team_id", "999999"),
            ("decision[title]", ""),
            ("decision[process_type]", ""),
            ("decision[raised_at]", ""),
        ],
        Rule::NotExecutive,
    ),
    (
        "mark_decision_decided",
        &[("id", "999999"), ("decided[decided_at]", "")],
        Rule::NotExecutive,
    ),
    ("list_process_types", &[], Rule::SignedIn),
    (
        "create_process_type",
        &[("process_type[key]", ""), ("process_type[label]", "")],
        Rule::Admin,
    ),
    ("get_checkin_overview", &[], Rule::SignedIn),
    (
        "submit_checkin",
        &[("form[energy]", "9")],
        Rule::NotExecutive,
    ),
    ("list_my_entries", &[], Rule::SignedIn),
    ("delete_my_entry", &[("id", "999999")], Rule::NotExecutive),
    (
        "save_checkin_reminder",
        &[("local_time", "soon")],
        Rule::NotExecutive,
    ),
    (
        "unsubscribe_checkin_reminder",
        &[("token", "made-up")],
        Rule::Public,
    ),
    (
        "list_pulses",
        &[("pilot_id", "999999")],
        Rule::AdminOrExecutive,
    ),
    ("open_pulse", OPEN_PULSE, Rule::Admin),
    ("close_pulse", &[("id", "999999")], Rule::Admin),
    ("list_my_pulses", &[], Rule::SignedIn),
    ("answer_pulse", PULSE_ANSWERS, Rule::NotExecutive),
    (
        "rate_member",
        &[
            ("pulse_id", "999999"),
            ("person_id", "999998"),
            ("rating", "3"),
        ],
        Rule::NotExecutive,
    ),
    (
        "get_participation",
        &[("pilot_id", "999999")],
        Rule::AdminOrExecutive,
    ),
    ("get_working_days", &[], Rule::SignedIn),
    ("set_working_days", &[("mon", "on")], Rule::SignedIn),
    // An empty file: 422 for those who may import their calendar.
    (
        "import_calendar",
        &[("ics", ""), ("dry_run", "true")],
        Rule::NotExecutive,
    ),
    ("get_meeting_overview", &[], Rule::SignedIn),
    // A series the caller does not have: 404.
    (
        "audit_meeting_series",
        &[("key", "no-such-series"), ("answer", "yes")],
        Rule::NotExecutive,
    ),
    ("get_team_meeting_series", &[], Rule::SignedIn),
    // Champions and manager training.
    ("get_my_champion", &[], Rule::SignedIn),
    (
        "set_champion_opt_in",
        &[("opted_in", "false")],
        Rule::SignedIn,
    ),
    ("step_down_as_champion", &[], Rule::SignedIn),
    (
        "nominate_colleague",
        &[
            ("nomination[email]", "nobody@example.org"),
            ("nomination[reason]", "writes great hand-overs"),
        ],
        Rule::NotExecutive,
    ),
    ("list_champion_candidates", &[], Rule::Admin),
    (
        "decide_champion_candidate",
        &[("person_id", "999999"), ("decision[decision]", "confirm")],
        Rule::Admin,
    ),
    ("list_champions", &[], Rule::SignedIn),
    ("get_champion_coverage", &[], Rule::AdminOrExecutive),
    (
        "get_team_champions",
        &[("team_id", "999999")],
        Rule::SignedIn,
    ),
    ("list_training_modules", &[], Rule::SignedIn),
    (
        "add_training_module",
        &[("module[key]", ""), ("module[title]", "")],
        Rule::Admin,
    ),
    ("list_manager_training", &[], Rule::Admin),
    ("get_my_training", &[], Rule::SignedIn),
    (
        "record_training",
        &[
            ("person_id", "999999"),
            ("record[module]", "psychological_safety"),
            ("record[status]", "in_progress"),
        ],
        Rule::NotExecutive,
    ),
    (
        "import_training",
        &[("csv", "email,module,status\n"), ("dry_run", "true")],
        Rule::Admin,
    ),
    ("get_training_coverage", &[], Rule::AdminOrExecutive),
];

/// A pulse of a pilot that does not exist: admins get 404.
const OPEN_PULSE: Form = &[
    ("pilot_id", "999999"),
    ("input[phase]", "baseline"),
    ("input[opens_on]", "2026-01-05"),
    ("input[closes_on]", "2026-01-09"),
];

/// A complete answer to a pulse that does not exist: 404 for whoever may answer.
const PULSE_ANSWERS: Form = &[
    ("pulse_id", "999999"),
    ("answers[quality]", "3"),
    ("answers[statements][0]", "3"),
    ("answers[statements][1]", "3"),
    ("answers[statements][2]", "3"),
    ("answers[statements][3]", "3"),
    ("answers[statements][4]", "3"),
    ("answers[statements][5]", "3"),
    ("answers[satisfaction]", "5"),
    ("answers[burnout]", "false"),
];

/// API routes: method, path, JSON body, rule.
const API_ROUTES: &[(&str, &str, Option<&str>, Rule)] = &[
    ("GET", "/api/v1/openapi.json", None, Rule::Public),
    (
        "POST",
        "/api/v1/session",
        Some(r#"{"email":"nobody@example.org","password":"x"}"#),
        Rule::Public,
    ),
    ("DELETE", "/api/v1/session", None, Rule::Public),
    ("GET", "/api/v1/me", None, Rule::SignedIn),
    (
        "PUT",
        "/api/v1/me/password",
        Some(r#"{"current_password":"wrong","new_password":"a long enough passphrase"}"#),
        Rule::SignedIn,
    ),
    ("DELETE", "/api/v1/me/sessions", None, Rule::SignedIn),
    ("GET", "/api/v1/people", None, Rule::Admin),
    (
        "POST",
        "/api/v1/people",
        Some(r#"{"email":"not an email","name":"X","role":"participant"}"#),
        Rule::Admin,
    ),
    (
        "POST",
        "/api/v1/people/{id}/password-link",
        None,
        Rule::Admin,
    ),
    ("GET", "/api/v1/tokens", None, Rule::Admin),
    (
        "POST",
        "/api/v1/tokens",
        Some(r#"{"name":"","scope":"read"}"#),
        Rule::Admin,
    ),
    ("DELETE", "/api/v1/tokens/{id}", None, Rule::Admin),
    ("GET", "/api/v1/outgoing-mail", None, Rule::Admin),
    ("GET", "/api/v1/instance", None, Rule::Admin),
    ("GET", "/api/v1/settings/retention", None, Rule::Admin),
    (
        "PUT",
        "/api/v1/settings/retention",
        Some(r#"{"months": 24}"#),
        Rule::Admin,
    ),
    ("GET", "/api/v1/audit-events", None, Rule::Admin),
    ("POST", "/api/v1/audit-events/export", None, Rule::Admin),
    ("GET", "/api/v1/departments", None, Rule::AdminOrExecutive),
    ("GET", "/api/v1/teams", None, Rule::AdminOrExecutive),
    ("GET", "/api/v1/pilots", None, Rule::AdminOrExecutive),
    ("GET", "/api/v1/pilots/{id}", None, Rule::AdminOrExecutive),
    ("POST", "/api/v1/roster/export", None, Rule::Admin),
    (
        "POST",
        "/api/v1/roster/import",
        Some("email,name\n"),
        Rule::Admin,
    ),
    (
        "POST",
        "/api/v1/roster/imports",
        Some("email,name\n"),
        Rule::Admin,
    ),
    ("GET", "/api/v1/roster/imports/{id}", None, Rule::Admin),
    (
        "POST",
        "/api/v1/pilots/{id}/imports",
        Some("email,date,measure,value\n"),
        Rule::Admin,
    ),
    (
        "GET",
        "/api/v1/pilots/{id}/imports/{import_id}",
        None,
        Rule::Admin,
    ),
    (
        "GET",
        "/api/v1/custom-metrics",
        None,
        Rule::AdminOrExecutive,
    ),
    (
        "POST",
        "/api/v1/custom-metrics",
        Some(r#"{"key":"","label":"","direction":"","min_value":"","max_value":""}"#),
        Rule::Admin,
    ),
    (
        "POST",
        "/api/v1/departments",
        Some(r#"{"name":""}"#),
        Rule::Admin,
    ),
    (
        "PUT",
        "/api/v1/departments/{id}",
        Some(r#"{"name":"X"}"#),
        Rule::Admin,
    ),
    (
        "PUT",
        "/api/v1/departments/{id}/active",
        Some(ACTIVE),
        Rule::Admin,
    ),
    ("POST", "/api/v1/teams", Some(TEAM_JSON), Rule::Admin),
    ("PUT", "/api/v1/teams/{id}", Some(TEAM_JSON), Rule::Admin),
    (
        "PUT",
        "/api/v1/teams/{id}/active",
        Some(ACTIVE),
        Rule::Admin,
    ),
    ("PUT", "/api/v1/people/{id}", Some(PERSON_JSON), Rule::Admin),
    (
        "PUT",
        "/api/v1/people/{id}/role",
        Some(r#"{"role":"participant"}"#),
        Rule::Admin,
    ),
    (
        "PUT",
        "/api/v1/people/{id}/active",
        Some(ACTIVE),
        Rule::Admin,
    ),
    (
        "POST",
        "/api/v1/people/{id}/erase",
        Some(r#"{"confirm":"nobody@example.org"}"#),
        Rule::Admin,
    ),
    ("POST", "/api/v1/pilots", Some(PROTOCOL_JSON), Rule::Admin),
    (
        "PUT",
        "/api/v1/pilots/{id}/protocol",
        Some(PROTOCOL_CHANGE_JSON),
        Rule::Admin,
    ),
    (
        "POST",
        "/api/v1/pilots/{id}/stage",
        Some(r#"{"stage":"baseline"}"#),
        Rule::Admin,
    ),
    (
        "POST",
        "/api/v1/pilots/{id}/teams",
        Some(r#"{"team_id":1,"arm":"comparison"}"#),
        Rule::Admin,
    ),
    ("POST", "/api/v1/pilot-teams/{id}/link", None, Rule::Admin),
    ("DELETE", "/api/v1/pilot-teams/{id}", None, Rule::Admin),
    ("GET", "/api/v1/join/{token}", None, Rule::SignedIn),
    ("POST", "/api/v1/join/{token}", None, Rule::SignedIn),
    ("GET", "/api/v1/me/pilots", None, Rule::SignedIn),
    ("DELETE", "/api/v1/me/pilots/{id}", None, Rule::SignedIn),
    (
        "POST",
        "/api/v1/checkins",
        Some(r#"{"energy":9}"#),
        Rule::NotExecutive,
    ),
    ("GET", "/api/v1/me/entries", None, Rule::SignedIn),
    ("GET", "/api/v1/me/entries.csv", None, Rule::SignedIn),
    ("GET", "/api/v1/me/data.zip", None, Rule::SignedIn),
    (
        "DELETE",
        "/api/v1/me/entries/{id}",
        None,
        Rule::NotExecutive,
    ),
    ("GET", "/api/v1/me/reminder", None, Rule::SignedIn),
    (
        "PUT",
        "/api/v1/me/reminder",
        Some(r#"{"enabled":true,"local_time":"soon"}"#),
        Rule::NotExecutive,
    ),
    (
        "GET",
        "/api/v1/pilots/{id}/pulses",
        None,
        Rule::AdminOrExecutive,
    ),
    (
        "POST",
        "/api/v1/pilots/{id}/pulses",
        Some(r#"{"phase":"baseline","opens_on":"2026-01-05","closes_on":"2026-01-09"}"#),
        Rule::Admin,
    ),
    ("POST", "/api/v1/pulses/{id}/close", None, Rule::Admin),
    ("GET", "/api/v1/me/pulses", None, Rule::SignedIn),
    (
        "PUT",
        "/api/v1/pulses/{id}/response",
        Some(r#"{"quality":3,"statements":[3,3,3,3,3,3],"satisfaction":5,"burnout":false}"#),
        Rule::NotExecutive,
    ),
    (
        "PUT",
        "/api/v1/pulses/{id}/ratings/{person_id}",
        Some(r#"{"rating":3}"#),
        Rule::NotExecutive,
    ),
    (
        "GET",
        "/api/v1/pilots/{id}/participation",
        None,
        Rule::AdminOrExecutive,
    ),
    ("GET", "/api/v1/me/working-days", None, Rule::SignedIn),
    (
        "POST",
        "/api/v1/me/calendar",
        Some("{}"),
        Rule::NotExecutive,
    ),
    (
        "POST",
        "/api/v1/people/{id}/calendar",
        Some("{}"),
        Rule::Admin,
    ),
    ("GET", "/api/v1/me/meetings", None, Rule::SignedIn),
    (
        "PUT",
        "/api/v1/me/meetings/audit",
        Some(r#"{"key":"no-such-series","answer":"yes"}"#),
        Rule::NotExecutive,
    ),
    ("GET", "/api/v1/me/team/meetings", None, Rule::SignedIn),
    ("GET", "/api/v1/pilots/{id}/report", None, Rule::SignedIn),
    (
        "GET",
        "/api/v1/pilots/{id}/report/csv",
        None,
        Rule::SignedIn,
    ),
    (
        "PUT",
        "/api/v1/pilots/{id}/report/publication",
        Some(r#"{"published":true}"#),
        Rule::Admin,
    ),
    ("GET", "/api/v1/readiness", None, Rule::AdminOrExecutive),
    ("GET", "/api/v1/readiness/csv", None, Rule::AdminOrExecutive),
    (
        "GET",
        "/api/v1/pilots/{id}/readiness",
        None,
        Rule::AdminOrExecutive,
    ),
    (
        "PUT",
        "/api/v1/pilots/{id}/readiness/thresholds",
        Some(r#"{"primary_p":0.05,"guardrail_q":0.05,"participation":0.6,"training":0.8}"#),
        Rule::Admin,
    ),
    (
        "POST",
        "/api/v1/pilots/{id}/decision",
        Some(r#"{"decision":"expand","rationale":""}"#),
        Rule::Admin,
    ),
    (
        "POST",
        "/api/v1/pilots/{id}/extension",
        Some(r#"{"follow_up_days":30}"#),
        Rule::Admin,
    ),
    (
        "PUT",
        "/api/v1/teams/{id}/volunteering",
        Some(r#"{"volunteered":true}"#),
        Rule::Admin,
    ),
    (
        "POST",
        "/api/v1/pilots/{id}/next-wave",
        Some(r#"{"pilot_team_ids":[1]}"#),
        Rule::Admin,
    ),
    (
        "PUT",
        "/api/v1/me/working-days",
        Some(r#"{"days":["mon"]}"#),
        Rule::SignedIn,
    ),
    ("GET", "/api/v1/teams/{id}/charter", None, Rule::SignedIn),
    (
        "PUT",
        "/api/v1/teams/{id}/charter",
        Some(CHARTER_JSON),
        Rule::NotExecutive,
    ),
    (
        "GET",
        "/api/v1/teams/{id}/charter/versions",
        None,
        Rule::SignedIn,
    ),
    ("GET", "/api/v1/teams/{id}/decisions", None, Rule::SignedIn),
    (
        "POST",
        "/api/v1/teams/{id}/decisions",
        Some(DECISION_JSON),
        Rule::NotExecutive,
    ),
    (
        "PATCH",
        "/api/v1/decisions/{id}",
        Some(r#"{"decided_at":"2026-12-01"}"#),
        Rule::NotExecutive,
    ),
    ("GET", "/api/v1/process-types", None, Rule::SignedIn),
    (
        "POST",
        "/api/v1/process-types",
        Some(r#"{"key":"","label":""}"#),
        Rule::Admin,
    ),
    ("GET", "/api/v1/me/champion", None, Rule::SignedIn),
    (
        "PUT",
        "/api/v1/me/champion/opt-in",
        Some(r#"{"opted_in":false}"#),
        Rule::SignedIn,
    ),
    (
        "POST",
        "/api/v1/me/champion/step-down",
        None,
        Rule::SignedIn,
    ),
    (
        "POST",
        "/api/v1/nominations",
        Some(r#"{"email":"nobody@example.org","reason":"writes well"}"#),
        Rule::NotExecutive,
    ),
    ("GET", "/api/v1/champions/candidates", None, Rule::Admin),
    (
        "PUT",
        "/api/v1/people/{id}/champion",
        Some(r#"{"decision":"confirm"}"#),
        Rule::Admin,
    ),
    ("GET", "/api/v1/champions", None, Rule::SignedIn),
    (
        "GET",
        "/api/v1/champions/coverage",
        None,
        Rule::AdminOrExecutive,
    ),
    ("GET", "/api/v1/teams/{id}/champions", None, Rule::SignedIn),
    ("GET", "/api/v1/training/modules", None, Rule::SignedIn),
    (
        "POST",
        "/api/v1/training/modules",
        Some(r#"{"key":"","title":""}"#),
        Rule::Admin,
    ),
    ("GET", "/api/v1/training/managers", None, Rule::Admin),
    ("GET", "/api/v1/me/training", None, Rule::SignedIn),
    (
        "PUT",
        "/api/v1/people/{id}/training",
        Some(r#"{"module":"psychological_safety","status":"in_progress"}"#),
        Rule::NotExecutive,
    ),
    (
        "POST",
        "/api/v1/training/import",
        Some(r#"{"csv":"email,module,status\n","dry_run":true}"#),
        Rule::Admin,
    ),
    (
        "GET",
        "/api/v1/training/coverage",
        None,
        Rule::AdminOrExecutive,
    ),
];

const ACTIVE: &str = r#"{"active":true}"#;
const CHARTER_JSON: &str = r#"{"effective_from":"2026-12-01","channels":[]}"#;
const DECISION_JSON: &str = r#"{"title":"","process_type":"other","raised_at":"2026-12-01"}"#;
const TEAM_JSON: &str = r#"{"name":"","department":"","manager_email":"","time_zone":""}"#;
const PERSON_JSON: &str =
    r#"{"name":"X","team":"","manager_email":"","time_zone":"","working_pattern":""}"#;
/// Well-formed but invalid (an empty name): numbers as numbers, guardrails as a list.
const PROTOCOL_JSON: &str = r#"{"name":"","hypothesis":"","primary_metric":"meeting_load","guardrail_metrics":[],"baseline_start":"2026-12-01","baseline_days":28,"intervention_days":28,"follow_up_days":28,"privacy_k":5}"#;
const PROTOCOL_CHANGE_JSON: &str = r#"{"protocol":{"name":"","hypothesis":"","primary_metric":"meeting_load","guardrail_metrics":[],"baseline_start":"2026-12-01","baseline_days":28,"intervention_days":28,"follow_up_days":28,"privacy_k":5},"reason":""}"#;

#[test]
fn every_endpoint_has_a_rule() {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/fn/").to_string())
        .collect();
    let listed: BTreeSet<String> = SERVER_FUNCTIONS
        .iter()
        .map(|(name, ..)| name.to_string())
        .collect();
    assert_eq!(
        registered.difference(&listed).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "server functions without an access rule in tests/api/access.rs"
    );
    assert_eq!(
        listed.difference(&registered).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "access rules for server functions that do not exist"
    );

    let (_, document) = async_pilot::api::routes();
    let mut documented = BTreeSet::new();
    for (path, item) in &document.paths.paths {
        for (method, present) in [
            ("GET", item.get.is_some()),
            ("POST", item.post.is_some()),
            ("PUT", item.put.is_some()),
            ("PATCH", item.patch.is_some()),
            ("DELETE", item.delete.is_some()),
        ] {
            if present {
                documented.insert(format!("{method} {path}"));
            }
        }
    }
    documented.insert("GET /api/v1/openapi.json".to_string());
    let listed: BTreeSet<String> = API_ROUTES
        .iter()
        .map(|(method, path, ..)| format!("{method} {path}"))
        .collect();
    assert_eq!(documented, listed, "API routes and access rules differ");
}

on_both_databases!(
    each_role_gets_exactly_the_access_its_rule_gives,
    a_read_only_token_reads_and_never_writes,
);

/// An admin's read-only token: every API read an admin may make answers, every write other than
/// signing in or out is refused with 403, whatever the body.
async fn a_read_only_token_reads_and_never_writes(db: TestDb) {
    let admin = person(&db, "hr@example.org", Role::Admin, None).await;
    let app = TestApp::spawn(&db).await;
    let (_, read) =
        crate::accounts::create_token(&app, &session_cookie(&db, admin).await, "read").await;
    let mut failures = Vec::new();
    for (method, path, body, rule) in API_ROUTES {
        let mut request = app
            .client
            .request(
                reqwest::Method::from_bytes(method.as_bytes()).expect("method"),
                app.url(
                    &path
                        .replace("{id}", "999999")
                        .replace("{token}", "made-up")
                        .replace("{person_id}", "999998")
                        .replace("{import_id}", "999999"),
                ),
            )
            .bearer_auth(&read);
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(*body);
        }
        let status = request.send().await.expect("request").status().as_u16();
        // Exports are POSTs only because they record themselves in the audit log: reading.
        let writes = *method != "GET" && !path.ends_with("/export");
        let problem = match rule {
            Rule::Public => (status >= 500).then_some("server error"),
            _ if writes && status != 403 => Some("a read-only token must get 403"),
            _ if !writes && (status == 401 || status == 403 || status >= 500) => {
                Some("a read-only admin token may read this")
            }
            _ => None,
        };
        if let Some(problem) = problem {
            failures.push(format!("{method} {path}: {status} ({problem})"));
        }
    }
    app.stop().await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

async fn each_role_gets_exactly_the_access_its_rule_gives(db: TestDb) {
    let mut people = Vec::new();
    for role in Role::ALL {
        let id = person(&db, &format!("{}@example.org", role.as_str()), role, None).await;
        people.push((Some(role), id));
    }
    let app = TestApp::spawn(&db).await;
    let mut failures = Vec::new();

    for (name, form, rule) in SERVER_FUNCTIONS {
        let mut statuses = Vec::new();
        for who in std::iter::once(None).chain(people.iter().map(|(role, id)| Some((*role, *id)))) {
            // A fresh session per call: sign-out calls must not end the next call's session.
            let cookie = match who {
                Some((_, id)) => Some(session_cookie(&db, id).await),
                None => None,
            };
            let status = app
                .call(name, form, cookie.as_deref())
                .await
                .status()
                .as_u16();
            let role = who.and_then(|(role, _)| role);
            statuses.push(status);
            if let Some(problem) = judge(*rule, role, status) {
                failures.push(format!("/fn/{name} as {role:?}: {status} ({problem})"));
            }
        }
        if *rule == Rule::Public && statuses.windows(2).any(|pair| pair[0] != pair[1]) {
            failures.push(format!(
                "/fn/{name}: public but answers differ by role: {statuses:?}"
            ));
        }
    }

    for (method, path, body, rule) in API_ROUTES {
        for who in std::iter::once(None).chain(people.iter().map(|(role, id)| Some((*role, *id)))) {
            let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
            let mut request = app.client.request(
                method.clone(),
                app.url(
                    &path
                        .replace("{id}", "999999")
                        .replace("{token}", "made-up")
                        .replace("{person_id}", "999998")
                        .replace("{import_id}", "999999"),
                ),
            );
            if let Some((_, id)) = who {
                request = request.header("cookie", session_cookie(&db, id).await);
            }
            if let Some(body) = body {
                request = request
                    .header("content-type", "application/json")
                    .body(*body);
            }
            let status = request.send().await.expect("request").status().as_u16();
            let role = who.and_then(|(role, _)| role);
            if let Some(problem) = judge(*rule, role, status) {
                failures.push(format!("{method} {path} as {role:?}: {status} ({problem})"));
            }
        }
    }
    app.stop().await;
    assert!(
        failures.is_empty(),
        "access rules broken:\n{}",
        failures.join("\n")
    );
}

/// What is wrong with `status` for this rule and caller, if anything.
fn judge(rule: Rule, role: Option<Role>, status: u16) -> Option<&'static str> {
    let refused = status == 401 || status == 403;
    match (rule, role) {
        (_, _) if status >= 500 => Some("server error"),
        (Rule::Public, _) if status == 403 => Some("public endpoints never answer 403"),
        (Rule::Public, _) => None,
        (_, None) if status != 401 => Some("anonymous callers must get 401"),
        (_, None) => None,
        (Rule::SignedIn, Some(_)) if refused => Some("any signed-in role may call this"),
        (Rule::Admin, Some(Role::Admin)) if refused => Some("admins may call this"),
        (Rule::Admin, Some(Role::Admin)) => None,
        (Rule::Admin, Some(_)) if status != 403 => Some("only admins may call this: expected 403"),
        (Rule::AdminOrExecutive, Some(Role::Admin | Role::Executive)) if refused => {
            Some("admins and executives may call this")
        }
        (Rule::AdminOrExecutive, Some(Role::Participant)) if status != 403 => {
            Some("participants may not call this: expected 403")
        }
        (Rule::NotExecutive, Some(Role::Executive)) if status != 403 => {
            Some("executives write nothing: expected 403")
        }
        (Rule::NotExecutive, Some(Role::Admin | Role::Participant)) if refused => {
            Some("admins and participants may call this")
        }
        _ => None,
    }
}
