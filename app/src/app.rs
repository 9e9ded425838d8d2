//! The HTML shell, the application root and its routes.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use crate::components::layout::Layout;
use crate::pages::checkin::{entries::MyEntriesPage, unsubscribe::UnsubscribePage, CheckinPage};
// The check-in pages answer a plain form post before the WebAssembly loads: they render with
// their data in place (async SSR), since streamed placeholders need scripts to fill in.
use crate::pages::admin::{custom_metrics::CustomMetricsPage, pilot::import::PilotImportPage};
use crate::pages::{
    account::AccountPage,
    admin::{
        audit::AuditPage, departments::DepartmentsPage, mail::MailPage, people::PeoplePage,
        pilot::PilotPage, pilots::PilotsPage, roster::RosterPage, teams::TeamsPage,
        tokens::TokensPage,
    },
    home::HomePage,
    join::JoinPage,
    not_found::NotFound,
    plan::PlanPage,
    pulse::PulsePage,
    set_password::SetPasswordPage,
    sign_in::SignInPage,
    status::StatusPage,
};
use crate::pages::{admin::process_types::ProcessTypesPage, team::TeamRecordsPage};
use leptos_router::SsrMode;

/// The document around every server-rendered page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/async-pilot.css" />
        <Title formatter=|page: String| format!("{page} · Async Pilot") />
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/plan") view=PlanPage />
                    <Route path=path!("/status") view=StatusPage />
                    <Route path=path!("/sign-in") view=SignInPage />
                    <Route path=path!("/set-password") view=SetPasswordPage />
                    <Route path=path!("/account") view=AccountPage />
                    <Route path=path!("/admin/people") view=PeoplePage />
                    <Route path=path!("/admin/tokens") view=TokensPage />
                    <Route path=path!("/admin/audit") view=AuditPage />
                    <Route path=path!("/admin/roster") view=RosterPage />
                    <Route path=path!("/admin/departments") view=DepartmentsPage />
                    <Route path=path!("/admin/mail") view=MailPage />
                    <Route path=path!("/admin/teams") view=TeamsPage />
                    <Route path=path!("/admin/pilots") view=PilotsPage />
                    <Route path=path!("/admin/pilots/:id") view=PilotPage />
                    <Route path=path!("/admin/pilots/:id/import") view=PilotImportPage />
                    <Route path=path!("/admin/custom-metrics") view=CustomMetricsPage />
                    <Route path=path!("/join/:token") view=JoinPage />
                    <Route path=path!("/checkin") view=CheckinPage ssr=SsrMode::Async />
                    <Route path=path!("/checkin/unsubscribe") view=UnsubscribePage ssr=SsrMode::Async />
                    <Route path=path!("/me/entries") view=MyEntriesPage ssr=SsrMode::Async />
                    <Route path=path!("/pulse") view=PulsePage />
                    <Route path=path!("/team") view=TeamRecordsPage />
                    <Route path=path!("/admin/process-types") view=ProcessTypesPage />
                </Routes>
            </Layout>
        </Router>
    }
}
