use fluent_templates::fluent_bundle::FluentValue;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::workspace::{Workspace, load_workspace};
use crate::components::loaded::loaded;
use crate::components::when::DateRange;
use crate::domain::access::Permission;
use crate::i18n::{Lang, use_lang};

/// A member's start page: their organisations and every gathering, drafts included.
#[component]
pub fn WorkspacePage() -> impl IntoView {
    let lang = use_lang();
    let params = leptos_router::hooks::use_query_map()
        .read_untracked()
        .clone();
    let query = ["q", "page"].map(|k| params.get(k).unwrap_or_default());
    view! {
        <Title text=lang.t("workspace-title") />
        {loaded(
            (lang.code().to_owned(), query),
            |(lang, [q, page])| load_workspace(lang, q, page),
            move |w| view! { <WorkspaceView w=w lang=lang /> },
        )}
    }
}

#[component]
fn WorkspaceView(w: Workspace, lang: Lang) -> impl IntoView {
    // The page is rendered on the server: its month is the server's.
    let this_month = crate::domain::digest::Month::of(chrono::Utc::now().date_naive()).key();
    let signed_in = lang.t_with(
        "workspace-signed-in-as",
        &[("name", FluentValue::from(w.user_name.clone()))],
    );
    let owner = w
        .organisations
        .iter()
        .any(|o| o.role.allows(Permission::ManageMembers));
    view! {
        <section class="workspace">
            <h1>{lang.t("workspace-title")}</h1>
            <form method="post" action="/sign-out" class="sign-out">
                <span>{signed_in}</span>" "
                <a href="/manage/account">{lang.t("account-title")}</a>" "
                <button type="submit">{lang.t("sign-out")}</button>
            </form>
            {owner.then(|| view! {
                <p class="new-organisation-link"><a href="/manage/organisations/new">{lang.t("org-new-title")}</a></p>
            })}
            {w.organisations.is_empty().then(|| view! { <p class="empty">{lang.t("workspace-none")}</p> })}
            {(!w.organisations.is_empty()).then(|| view! {
                <form method="get" class="list-search" role="search">
                    <p class="field">
                        <label for="list-q">{lang.t("workspace-search")}</label>
                        <input id="list-q" name="q" type="search" dir="auto" value=w.search.clone() />
                    </p>
                    <p><button type="submit">{lang.t("list-search-button")}</button></p>
                </form>
            })}
            {w.organisations.into_iter().map(|o| {
                let search = w.search.clone();
                let listed = &o.gatherings;
                let empty = if listed.total == 0 {
                    Some(lang.t(if can_plan_of(o.role) { "workspace-no-gatherings-plan" } else { "workspace-no-gatherings" }))
                } else if listed.matched == 0 {
                    Some(lang.t("list-nothing-found"))
                } else {
                    None
                };
                let link = |page: usize| {
                    let mut q = form_urlencoded::Serializer::new(String::new());
                    if !search.is_empty() {
                        q.append_pair("q", &search);
                    }
                    if page > 1 {
                        q.append_pair("page", &page.to_string());
                    }
                    let q = q.finish();
                    if q.is_empty() { format!("/manage#org-{}", o.slug) } else { format!("/manage?{q}#org-{}", o.slug) }
                };
                let pager = crate::components::pager::pager(
                    lang,
                    listed.page,
                    listed.pages,
                    lang.t("workspace-gathering-pages"),
                    &link,
                );
                let can_plan = o.role.allows(Permission::Plan);
                let role = lang.t_with(
                    "workspace-role",
                    &[("role", FluentValue::from(lang.t(&format!("role-name-{}", o.role.as_str()))))],
                );
                view! {
                    <section class="workspace-org" id=format!("org-{}", o.slug)>
                        <h2><bdi>{o.name.clone()}</bdi></h2>
                        <p class="role">{role}</p>
                        <p>
                            {o.role.allows(Permission::Plan).then(|| view! {
                                <a class="button" href=format!("/manage/o/{}/new", o.slug)>{lang.t("plan-new-link")}</a>" "
                            })}
                            <a href=format!("/manage/o/{}/directory", o.slug)>{lang.t("directory-link")}</a>" · "
                            <a class="crew-feeds" href=format!("/manage/o/{}/crew-feeds", o.slug)>{lang.t("crew-feeds-link")}</a>
                            {can_plan.then(|| view! {
                                " · "<a class="digest" href=format!("/manage/o/{}/digest/{}", o.slug, this_month)>{lang.t("digest-link")}</a>
                                " · "<a class="statements" href=format!("/manage/o/{}/statements", o.slug)>{lang.t("issued-title")}</a>
                            })}
                            {o.role.allows(Permission::Export).then(|| view! {
                                " · "<a class="settings" href=format!("/manage/o/{}/settings", o.slug)>{lang.t("settings-link")}</a>
                            })}
                            {o.role.allows(Permission::ManageMembers).then(|| view! {
                                " · "<a class="members" href=format!("/manage/o/{}/members", o.slug)>{lang.t("members-link")}</a>
                                " · "<a class="audit" href=format!("/manage/o/{}/audit", o.slug)>{lang.t("audit-link")}</a>
                                " · "<a class="deleted" href=format!("/manage/o/{}/deleted", o.slug)>{lang.t("deleted-link")}</a>
                            })}
                        </p>
                        <h3>{lang.t("workspace-gatherings")}</h3>
                        {empty.map(|e| view! { <p class="empty">{e}</p> })}
                        <ul class="cards">
                            {o.gatherings.items.into_iter().map(|g| {
                                let sheet = format!("/manage/o/{}/{}/run-sheet", o.slug, g.slug);
                                // A draft has no public page yet: its title leads to its preview.
                                let title_href = if g.status.is_public() {
                                    format!("/o/{}/{}", o.slug, g.slug)
                                } else {
                                    format!("/manage/o/{}/{}/preview", o.slug, g.slug)
                                };
                                let agenda = format!("/manage/o/{}/{}/agenda", o.slug, g.slug);
                                view! {
                                    <li class="card" data-status=g.status.as_str()>
                                        <p class="kind">{lang.t(&format!("status-{}", g.status.as_str()))}</p>
                                        <h4><a href=title_href><bdi lang=g.title_lang>{g.title}</bdi></a></h4>
                                        <p><DateRange start=g.starts_local end=g.ends_local zone=g.time_zone /></p>
                                        <p><a class="run-sheet" href=sheet.clone()>{lang.t("workspace-run-sheet")}</a>
                                            " · "<a class="live" href=sheet.replace("/run-sheet", "/live")>{lang.t("live-link")}</a>
                                            {can_plan.then(|| view! { " · "<a class="agenda" href=agenda.clone()>{lang.t("plan-agenda-link")}</a> })}</p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {pager}
                    </section>
                }
            }).collect_view()}
        </section>
    }
}

fn can_plan_of(role: crate::domain::MemberRole) -> bool {
    role.allows(Permission::Plan)
}
