//! `/manage/o/:org/settings`: the organisation, and its whole export to download.

use fluent_templates::fluent_bundle::FluentValue;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::settings::{Settings, load_settings};
use crate::components::loaded::{loaded, route_key};
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
    view! {
        <section class="settings">
            <p class="breadcrumb"><a href="/manage">{lang.t("workspace-title")}</a>" · "<bdi>{s.org_name.clone()}</bdi></p>
            <h1>{lang.t("settings-title")}</h1>
            <dl class="facts">
                <dt>{lang.t("settings-name")}</dt><dd><bdi>{s.org_name.clone()}</bdi></dd>
                <dt>{lang.t("settings-address")}</dt><dd><code>{format!("/o/{}", s.org_slug)}</code></dd>
                <dt>{lang.t("settings-language")}</dt><dd>{language}</dd>
            </dl>
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
