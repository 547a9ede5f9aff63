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
    view! {
        <Title text=lang.t("workspace-title") />
        {loaded(
            lang.code().to_owned(),
            load_workspace,
            move |w| view! { <WorkspaceView w=w lang=lang /> },
        )}
    }
}

#[component]
fn WorkspaceView(w: Workspace, lang: Lang) -> impl IntoView {
    let signed_in = lang.t_with(
        "workspace-signed-in-as",
        &[("name", FluentValue::from(w.user_name.clone()))],
    );
    view! {
        <section class="workspace">
            <h1>{lang.t("workspace-title")}</h1>
            <form method="post" action="/sign-out" class="sign-out">
                <span>{signed_in}</span>" "
                <button type="submit">{lang.t("sign-out")}</button>
            </form>
            {w.organisations.is_empty().then(|| view! { <p class="empty">{lang.t("workspace-none")}</p> })}
            {w.organisations.into_iter().map(|o| {
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
                            {o.role.allows(Permission::Export).then(|| view! {
                                " · "<a class="settings" href=format!("/manage/o/{}/settings", o.slug)>{lang.t("settings-link")}</a>
                            })}
                            {o.role.allows(Permission::ManageMembers).then(|| view! {
                                " · "<a class="members" href=format!("/manage/o/{}/members", o.slug)>{lang.t("members-link")}</a>
                                " · "<a class="audit" href=format!("/manage/o/{}/audit", o.slug)>{lang.t("audit-link")}</a>
                            })}
                        </p>
                        <h3>{lang.t("workspace-gatherings")}</h3>
                        <ul class="cards">
                            {o.gatherings.into_iter().map(|g| {
                                let sheet = format!("/manage/o/{}/{}/run-sheet", o.slug, g.slug);
                                let public = format!("/o/{}/{}", o.slug, g.slug);
                                let agenda = format!("/manage/o/{}/{}/agenda", o.slug, g.slug);
                                view! {
                                    <li class="card" data-status=g.status.as_str()>
                                        <p class="kind">{lang.t(&format!("status-{}", g.status.as_str()))}</p>
                                        <h4><a href=public><bdi lang=g.title_lang>{g.title}</bdi></a></h4>
                                        <p><DateRange start=g.starts_local end=g.ends_local zone=g.time_zone /></p>
                                        <p><a class="run-sheet" href=sheet.clone()>{lang.t("workspace-run-sheet")}</a>
                                            " · "<a class="live" href=sheet.replace("/run-sheet", "/live")>{lang.t("live-link")}</a>
                                            {can_plan.then(|| view! { " · "<a class="agenda" href=agenda.clone()>{lang.t("plan-agenda-link")}</a> })}</p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                }
            }).collect_view()}
        </section>
    }
}
