//! The document shell, the router and the routes.

use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos_meta::MetaTags;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::components::layout::{Footer, Header};
use crate::i18n::use_lang;
use crate::pages::{
    account::AccountPage,
    audit::AuditPage,
    call_sheets::CallSheetsPage,
    campaign::CampaignPublicPage,
    crew_feeds::CrewFeedsPage,
    deleted::{DeleteGatheringPage, RecentlyDeletedPage},
    digest::{DigestEditorPage, DigestIndexPage, DigestPublicPage},
    directory::{DirectoryItemPage, DirectoryPage},
    gathering::{GatheringPage, PreviewPage},
    groups::GroupEditorPage,
    home::HomePage,
    issued::{IssuedEditorPage, IssuedIndexPage, IssuedListPage, IssuedPublicPage},
    live::LivePage,
    members::{InvitationPage, MembersPage},
    new_organisation::NewOrganisationPage,
    not_found::NotFound,
    organisation::OrganisationPage,
    person::PersonPage,
    planning::{AgendaEditorPage, EditGatheringPage, NewGatheringPage},
    poster::{PosterPage, PreviewPosterPage},
    programme::{MyProgrammePage, ProgrammeChangesPage, ProgrammePage, SessionPage},
    reset::ResetPage,
    run_sheet::RunSheetPage,
    settings::SettingsPage,
    setup::SetupPage,
    sign_in::SignInPage,
    venue::VenuePage,
    workspace::WorkspacePage,
};

/// The HTML document around every page, in the visitor's language and direction.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = crate::server::lang::negotiate_for_request();
    provide_context(lang);
    crate::server::policy::for_this_page();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code() dir=lang.dir()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <HydrationScripts options=options.clone() islands=true />
                <link rel="stylesheet" id="leptos" href="/pkg/convene.css" />
                <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
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
    let lang = use_lang();
    view! {
        <Title formatter=move |text: String| {
            if text.is_empty() { lang.t("site-name") } else { format!("{text} · {}", lang.t("site-name")) }
        } />
        <Router>
            <a class="skip-link" href="#main">{lang.t("skip-to-content")}</a>
            <Header />
            <main id="main">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/o/:org") view=OrganisationPage ssr=SsrMode::Async />
                    // Before `/o/:org/:slug`, which would take "digest" for a gathering.
                    <Route path=path!("/o/:org/digest") view=DigestIndexPage ssr=SsrMode::Async />
                    <Route path=path!("/o/:org/statements") view=IssuedIndexPage ssr=SsrMode::Async />
                    <Route path=path!("/o/:org/statements/:slug") view=IssuedPublicPage ssr=SsrMode::Async />
                    <Route path=path!("/o/:org/:slug") view=GatheringPage ssr=SsrMode::Async />
                    <Route path=path!("/o/:org/:slug/poster") view=PosterPage ssr=SsrMode::Async />
                    <Route path=path!("/o/:org/:slug/programme") view=ProgrammePage ssr=SsrMode::Async />
                    <Route path=path!("/o/:org/:slug/programme/changes") view=ProgrammeChangesPage ssr=SsrMode::Async />
                    <Route path=path!("/o/:org/:slug/sessions/:uid") view=SessionPage ssr=SsrMode::Async />
                    <Route path=path!("/o/:org/:slug/my") view=MyProgrammePage ssr=SsrMode::Async />
                    <Route path=path!("/o/:org/venues/:id") view=VenuePage ssr=SsrMode::Async />
                    <Route path=path!("/o/:org/campaigns/:slug") view=CampaignPublicPage ssr=SsrMode::Async />
                    <Route path=path!("/o/:org/digest/:month") view=DigestPublicPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/o/:org/digest/:month") view=DigestEditorPage ssr=SsrMode::Async />
                    <Route path=path!("/o/:org/people/:id") view=PersonPage ssr=SsrMode::Async />
                    <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/setup") view=SetupPage ssr=SsrMode::Async />
                    <Route path=path!("/manage") view=WorkspacePage ssr=SsrMode::Async />
                    <Route path=path!("/manage/account") view=AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/organisations/new") view=NewOrganisationPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/o/:org/:slug/run-sheet") view=RunSheetPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/o/:org/:slug/call-sheets") view=CallSheetsPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/o/:org/:slug/live") view=LivePage ssr=SsrMode::Async />
                    <Route path=path!("/manage/o/:org/new") view=NewGatheringPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/o/:org/directory") view=DirectoryPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/o/:org/directory/:kind/:id") view=DirectoryItemPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/o/:org/crew-feeds") view=CrewFeedsPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/o/:org/audit") view=AuditPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/o/:org/deleted") view=RecentlyDeletedPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/o/:org/groups/:kind/:id") view=GroupEditorPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/o/:org/:slug/delete") view=DeleteGatheringPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/o/:org/:slug/preview") view=PreviewPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/o/:org/:slug/preview/poster") view=PreviewPosterPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/o/:org/settings") view=SettingsPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/o/:org/statements") view=IssuedListPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/o/:org/statements/:id") view=IssuedEditorPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/o/:org/members") view=MembersPage ssr=SsrMode::Async />
                    <Route path=path!("/invite/:token") view=InvitationPage ssr=SsrMode::Async />
                    <Route path=path!("/reset/:token") view=ResetPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/o/:org/:slug/agenda") view=AgendaEditorPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/o/:org/:slug/edit") view=EditGatheringPage ssr=SsrMode::Async />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}
