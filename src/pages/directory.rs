//! `/manage/o/:org/directory`: venues, people and films, with forms to add them.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::directory::{Directory, DirectoryEntry, load_directory};
use crate::components::loaded::{loaded, route_key};
use crate::domain::VenueSetting;
use crate::domain::access::Permission;
use crate::forms::{FormEcho, use_form_echo};
use crate::i18n::{Lang, use_lang};

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t("directory-title") />
        {loaded(
            route_key(["org"]),
            |([org], _)| load_directory(org),
            move |d| view! { <DirectoryView d=d lang=lang /> },
        )}
    }
}

fn entries(lang: Lang, kind: &'static str, list: Vec<DirectoryEntry>) -> impl IntoView {
    view! {
        {list.is_empty().then(|| view! { <p class="empty">{lang.t(&format!("directory-empty-{kind}"))}</p> })}
        <ul class="directory-list">
            {list.into_iter().map(|e| view! {
                <li id=format!("{kind}-{}", e.id)>
                    <strong dir="auto">{e.name}</strong>
                    {(!e.listed).then(|| view! { " · "<span class="internal">{lang.t("directory-unlisted")}</span> })}
                    {(!e.facts.is_empty()).then(|| view! { " · "<span class="facts">{e.facts.join(" · ")}</span> })}
                    {(!e.internal.is_empty()).then(|| view! { <br /><span class="internal-note" dir="auto">{e.internal}</span> })}
                </li>
            }).collect_view()}
        </ul>
    }
}

/// A labelled input of a directory form that keeps its typed value and shows its error.
fn input(
    echo: &FormEcho,
    kind: &str,
    name: &'static str,
    label: String,
    input_type: &'static str,
) -> impl IntoView + use<> {
    let id = format!("{kind}-{name}");
    let error = echo.error_for(name);
    let bad = error.is_some();
    view! {
        <p class="field" class:has-error=bad>
            <label for=id.clone()>{label}</label>
            <input id=id name=name type=input_type value=echo.value(name, "") dir="auto" aria-invalid=bad.then_some("true") />
            {error.map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </p>
    }
}

#[component]
fn DirectoryView(d: Directory, lang: Lang) -> impl IntoView {
    let echo = use_form_echo();
    let can_plan = d.role.allows(Permission::Plan);
    let action = format!("/manage/o/{}/directory", d.org_slug);
    let for_kind = |kind: &str| {
        if echo.is_for(kind) {
            echo.clone()
        } else {
            FormEcho::default()
        }
    };
    let (ve, pe, fe) = (for_kind("venue"), for_kind("person"), for_kind("film"));
    let t = move |k: &str| lang.t(k);
    view! {
        <section class="directory planning">
            <p class="breadcrumb"><a href="/manage">{t("workspace-title")}</a>" · "<bdi>{d.org_name.clone()}</bdi></p>
            <h1>{t("directory-title")}</h1>

            <h2 id="venues">{t("directory-venues")}</h2>
            {entries(lang, "venue", d.venues)}
            {can_plan.then(|| view! {
                <details class="add" open=ve.message.is_some()>
                    <summary>{t("directory-add-venue")}</summary>
                    {ve.error_for("form").map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                    <form method="post" action=action.clone() class="plan-form">
                        <input type="hidden" name="action" value="venue" />
                        {input(&ve, "venue", "name", t("directory-name"), "text")}
                        {input(&ve, "venue", "address", t("directory-address"), "text")}
                        <div class="row">
                            {input(&ve, "venue", "city", t("directory-city"), "text")}
                            {input(&ve, "venue", "country", t("directory-country"), "text")}
                        </div>
                        {input(&ve, "venue", "time_zone", t("plan-time-zone"), "text")}
                        <div class="row">
                            {input(&ve, "venue", "latitude", t("directory-latitude"), "text")}
                            {input(&ve, "venue", "longitude", t("directory-longitude"), "text")}
                            {input(&ve, "venue", "capacity", t("directory-capacity"), "number")}
                        </div>
                        <p class="field">
                            <label for="venue-setting">{t("directory-setting")}</label>
                            <select id="venue-setting" name="setting">
                                {VenueSetting::ALL.iter().map(|s| view! {
                                    <option value=s.as_str() selected={ve.value("setting", "outdoor") == s.as_str()}>{lang.t(&format!("setting-{}", s.as_str()))}</option>
                                }).collect_view()}
                            </select>
                        </p>
                        {input(&ve, "venue", "public_directions", t("directory-directions"), "text")}
                        {input(&ve, "venue", "access_notes", t("directory-access"), "text")}
                        <p><button type="submit">{t("directory-add-venue")}</button></p>
                    </form>
                </details>
            })}

            <h2 id="people">{t("directory-people")}</h2>
            {entries(lang, "person", d.people)}
            {can_plan.then(|| view! {
                <details class="add" open=pe.message.is_some()>
                    <summary>{t("directory-add-person")}</summary>
                    {pe.error_for("form").map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                    <form method="post" action=action.clone() class="plan-form">
                        <input type="hidden" name="action" value="person" />
                        {input(&pe, "person", "name", t("directory-name"), "text")}
                        {input(&pe, "person", "languages", t("plan-languages"), "text")}
                        {input(&pe, "person", "home_time_zone", t("directory-home-zone"), "text")}
                        {input(&pe, "person", "public_bio", t("directory-bio"), "text")}
                        {input(&pe, "person", "contact", t("directory-contact"), "text")}
                        <p class="field checkbox">
                            <input id="person-listed" type="checkbox" name="listed_publicly" value="on" checked={pe.values.is_empty() || pe.values.contains_key("listed_publicly")} />
                            <label for="person-listed">{t("directory-listed")}</label>
                        </p>
                        <p><button type="submit">{t("directory-add-person")}</button></p>
                    </form>
                </details>
            })}

            <h2 id="films">{t("directory-films")}</h2>
            {entries(lang, "film", d.films)}
            {can_plan.then(|| view! {
                <details class="add" open=fe.message.is_some()>
                    <summary>{t("directory-add-film")}</summary>
                    {fe.error_for("form").map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                    <form method="post" action=action.clone() class="plan-form">
                        <input type="hidden" name="action" value="film" />
                        {input(&fe, "film", "title", t("plan-title"), "text")}
                        <div class="row">
                            {input(&fe, "film", "runtime", t("directory-runtime"), "text")}
                            {input(&fe, "film", "year", t("directory-year"), "number")}
                        </div>
                        <div class="row">
                            {input(&fe, "film", "director", t("directory-director"), "text")}
                            {input(&fe, "film", "producer", t("directory-producer"), "text")}
                        </div>
                        <div class="row">
                            {input(&fe, "film", "audio_language", t("directory-audio"), "text")}
                            {input(&fe, "film", "subtitle_languages", t("directory-subtitles"), "text")}
                        </div>
                        {input(&fe, "film", "trailer_url", t("directory-trailer"), "url")}
                        {input(&fe, "film", "rights_notes", t("directory-rights"), "text")}
                        <p><button type="submit">{t("directory-add-film")}</button></p>
                    </form>
                </details>
            })}
        </section>
    }
}
