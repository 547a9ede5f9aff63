//! `/manage/o/:org/settings`: the organisation, and its whole export to download.

use fluent_templates::fluent_bundle::FluentValue;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::settings::{Settings, load_settings};
use crate::components::loaded::{loaded, route_key};
use crate::forms::{textarea_text, use_form_echo};
use crate::i18n::{Lang, use_lang};

#[component]
pub fn SettingsPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t("settings-title") />
        {loaded(
            route_key(["org"]),
            |([org], _)| load_settings(org),
            move |s| view! { <SettingsView s=s lang=lang /> },
        )}
    }
}

#[component]
fn SettingsView(s: Settings, lang: Lang) -> impl IntoView {
    let holds = lang.t_with(
        "settings-export-holds",
        &[
            ("gatherings", FluentValue::from(s.gatherings)),
            ("venues", FluentValue::from(s.venues)),
            ("people", FluentValue::from(s.people)),
            ("films", FluentValue::from(s.films)),
        ],
    );
    let language = crate::i18n::language_name(lang, &s.default_language);
    let offered_names = s
        .offered
        .iter()
        .map(|l| crate::i18n::content_language_name(lang, l))
        .collect::<Vec<_>>()
        .join(lang.comma());
    let offered_typed = crate::domain::content::format_offered(&s.offered);
    let echo = use_form_echo();
    let value = |name: &str, stored: &str| echo.value(name, stored);
    let form = s.can_edit.then(|| {
        let field = |name: &'static str, label: &str, stored: &str, dir: &'static str| {
            let bad = echo.error_for(name);
            let invalid = bad.is_some();
            view! {
                <p class="field" class:has-error=invalid>
                    <label for=format!("org-{name}")>{label.to_owned()}</label>
                    <input id=format!("org-{name}") name=name type="text" dir=dir value=value(name, stored)
                        aria-invalid=invalid.then_some("true") />
                    {bad.map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                </p>
            }
        };
        let description_error = echo.error_for("public_description");
        let offered_error = echo.error_for("content_languages");
        let offered_bad = offered_error.is_some();
        view! {
            <form method="post" action=format!("/manage/o/{}/settings", s.org_slug) class="plan-form">
                {echo.error_for("form").map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                {field("name", &lang.t("settings-name"), &s.org_name, "auto")}
                <p class="field">
                    <label for="org-public_description">{lang.t("settings-description")}</label>
                    <textarea id="org-public_description" name="public_description" rows="4" dir="auto">{textarea_text(&value("public_description", &s.public_description))}</textarea>
                    {description_error.map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                </p>
                {field("default_language", &lang.t("settings-language-code"), &s.default_language, "ltr")}
                {field("contact_email", &lang.t("settings-contact"), &s.contact_email, "ltr")}
                <p class="field" class:has-error=offered_bad>
                    <label for="org-content_languages">{lang.t("settings-content-languages")}</label>
                    <textarea id="org-content_languages" name="content_languages" rows="4" dir="ltr"
                        aria-describedby="org-content_languages-hint"
                        aria-invalid=offered_bad.then_some("true")>{textarea_text(&value("content_languages", &offered_typed))}</textarea>
                    <span class="hint" id="org-content_languages-hint">{lang.t("settings-content-languages-hint")}</span>
                    {offered_error.clone().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                </p>
                <p><button type="submit">{lang.t("plan-save")}</button></p>
            </form>
        }
    });
    view! {
        <section class="settings">
            <p class="breadcrumb"><a href="/manage">{lang.t("workspace-title")}</a>" · "<bdi>{s.org_name.clone()}</bdi></p>
            <h1>{lang.t("settings-title")}</h1>
            <dl class="facts">
                <dt>{lang.t("settings-name")}</dt><dd><bdi>{s.org_name.clone()}</bdi></dd>
                <dt>{lang.t("settings-address")}</dt><dd><code>{format!("/o/{}", s.org_slug)}</code></dd>
                <dt>{lang.t("settings-language")}</dt><dd>{language}</dd>
                <dt>{lang.t("settings-content-languages-offered")}</dt>
                <dd>{if offered_names.is_empty() { lang.t("settings-content-languages-none") } else { offered_names }}</dd>
                {(!s.contact_email.is_empty()).then(|| view! {
                    <dt>{lang.t("settings-contact")}</dt><dd><bdi>{s.contact_email.clone()}</bdi></dd>
                })}
            </dl>
            {form.map(|f| view! { <h2>{lang.t("settings-change")}</h2>{f} })}
            <h2>{lang.t("settings-export")}</h2>
            <p>{holds}</p>
            <p class="warning">{lang.t("settings-export-private")}</p>
            <p><a class="button export" href=format!("/manage/o/{}/export.json", s.org_slug) download="">
                {lang.t("settings-export-download")}
            </a></p>
            <p>{lang.t("settings-export-import")}" "<code>"convene import FILE.json"</code></p>
        </section>
    }
}
