//! `/manage/o/:org/groups/:kind/:id`: a campaign or a series kept by its organisers:
//! renamed, its text changed, gatherings added or taken out, or deleted (its gatherings
//! stay, unlinked).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::groups::{GroupPage, load_group};
use crate::components::form::{echo_for, field_error, form_error};
use crate::components::loaded::{loaded, route_key};
use crate::forms::{textarea_text, use_form_echo};
use crate::i18n::{Lang, use_lang};

#[component]
pub fn GroupEditorPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t("group-title") />
        {loaded(
            route_key(["org", "kind", "id"]),
            |([org, kind, id], _)| load_group(org, kind, id.parse().unwrap_or(-1)),
            move |g| view! { <GroupView g=g lang=lang /> },
        )}
    }
}

#[component]
fn GroupView(g: GroupPage, lang: Lang) -> impl IntoView {
    let posted = use_form_echo();
    let t = move |k: &str| lang.t(k);
    let action = format!("/manage/o/{}/groups/{}/{}", g.org_slug, g.kind, g.id);
    let campaign = g.kind == "campaign";
    let save = echo_for(&posted, "save");
    let add = echo_for(&posted, "add");
    let other = (!posted.is_for("save") && !posted.is_for("add")).then(|| form_error(&posted));
    let title = save.value("title", &g.title);
    let description = save.value("description", &g.description);
    let heading = if campaign {
        t("group-campaign")
    } else {
        t("group-series")
    };
    let org = g.org_slug.clone();
    view! {
        <section class="planning group-editor">
            <p class="breadcrumb"><a href="/manage">{t("workspace-title")}</a>" · "<bdi>{g.org_name.clone()}</bdi></p>
            <p class="kind">{heading}</p>
            <h1><bdi>{g.title.clone()}</bdi></h1>
            {g.public_slug.clone().map(|s| view! {
                <p><a href=format!("/o/{}/campaigns/{s}", g.org_slug)>{t("group-public-page")}</a></p>
            })}
            {other}
            <form method="post" action=action.clone() class="plan-form">
                <input type="hidden" name="action" value="save" />
                {form_error(&save)}
                <p class="field">
                    <label for="group-title">{t("group-name")}</label>
                    <input id="group-title" name="title" type="text" dir="auto" required=true maxlength="200" value=title />
                    {field_error(&save, "title")}
                </p>
                {campaign.then(|| view! {
                    <p class="field">
                        <label for="group-description">{t("group-description")}</label>
                        <textarea id="group-description" name="description" rows="4" dir="auto">{textarea_text(&description)}</textarea>
                        {field_error(&save, "description")}
                    </p>
                })}
                <p><button type="submit">{t("group-save")}</button></p>
            </form>

            <h2>{t("group-gatherings")}</h2>
            {if g.gatherings.is_empty() {
                view! { <p class="empty">{t("group-none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="group-gatherings">
                        {g.gatherings.into_iter().map(|x| view! {
                            <li data-gathering=x.slug.clone()>
                                <a href=format!("/manage/o/{org}/{}/edit", x.slug)><bdi>{x.title}</bdi></a>
                                " · "{lang.format_date(x.starts_local.date())}" "{lang.format_time(x.starts_local)}
                                " "<span class="zone">"("{x.time_zone}")"</span>
                                {(!x.public).then(|| view! { " · "<span class="status">{t("status-draft")}</span> })}
                                <form method="post" action=action.clone() class="inline">
                                    <input type="hidden" name="action" value="remove" />
                                    <input type="hidden" name="gathering" value=x.id.to_string() />
                                    <button type="submit">{t("group-remove")}</button>
                                </form>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(!g.candidates.is_empty()).then(|| view! {
                <form method="post" action=action.clone() class="plan-form">
                    <input type="hidden" name="action" value="add" />
                    {form_error(&add)}
                    <p class="field">
                        <label for="group-add">{t("group-add")}</label>
                        <select id="group-add" name="gathering">
                            {g.candidates.into_iter().map(|x| view! {
                                <option value=x.id.to_string()>{format!("{} · {}", x.title, x.starts_local.format("%Y-%m-%d"))}</option>
                            }).collect_view()}
                        </select>
                        {field_error(&add, "gathering")}
                    </p>
                    <p><button type="submit">{t("group-add-button")}</button></p>
                </form>
            })}

            <h2>{t("group-delete")}</h2>
            <p>{t("group-delete-intro")}</p>
            <form method="post" action=action class="inline">
                <input type="hidden" name="action" value="delete" />
                <button type="submit" class="danger">{t("group-delete-button")}</button>
            </form>
        </section>
    }
}
