//! `/setup`: make the first owner, once, on a new installation.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::setup::{SetupChoices, load_setup};
use crate::components::loaded::{loaded, route_key};
use crate::forms::{FormEcho, use_form_echo};
use crate::i18n::{Lang, use_lang};

#[component]
pub fn SetupPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t("setup-title") />
        {loaded(
            route_key([]),
            |(_, _)| load_setup(),
            move |c| view! { <SetupView c=c lang=lang /> },
        )}
    }
}

#[component]
fn SetupView(c: SetupChoices, lang: Lang) -> impl IntoView {
    let echo = use_form_echo();
    let t = move |k: &str| lang.t(k);
    let field = |name: &'static str,
                 label: String,
                 kind: &'static str,
                 autocomplete: &'static str| {
        let error = echo.error_for(name);
        let bad = error.is_some();
        let value = if kind == "password" {
            String::new()
        } else {
            echo.value(name, "")
        };
        view! {
            <p class="field" class:has-error=bad>
                <label for=format!("setup-{name}")>{label}</label>
                <input id=format!("setup-{name}") name=name type=kind value=value autocomplete=autocomplete
                    aria-invalid=bad.then_some("true") dir="auto" />
                {error.map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
            </p>
        }
    };
    // The setup link the server prints carries the code.
    let from_link = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("token"))
        .unwrap_or_default();
    let token_error = echo.error_for("token");
    let token_bad = token_error.is_some();
    let token = echo.value("token", &from_link);
    let chosen = echo.value(
        "organisation",
        c.organisations
            .first()
            .map_or("", |(slug, _)| slug.as_str()),
    );
    let org_error = echo.error_for("organisation");
    let org_bad = org_error.is_some();
    view! {
        <section class="setup narrow planning">
            <h1>{t("setup-title")}</h1>
            <p>{t("setup-intro")}</p>
            {echo.error_for("form").map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <form method="post" action="/setup" class="plan-form">
                <p class="field" class:has-error=token_bad>
                    <label for="setup-token">{t("setup-token")}</label>
                    <input id="setup-token" name="token" type="text" value=token autocomplete="off"
                        spellcheck="false" dir="ltr" aria-invalid=token_bad.then_some("true") />
                    {token_error.map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                </p>
                {field("display_name", t("setup-name"), "text", "name")}
                {field("email", t("sign-in-email"), "email", "username")}
                {field("password", t("sign-in-password"), "password", "new-password")}
                {field("password_again", t("setup-password-again"), "password", "new-password")}
                <p class="field" class:has-error=org_bad>
                    <label for="setup-organisation">{t("setup-organisation")}</label>
                    <select id="setup-organisation" name="organisation">
                        {c.organisations.iter().map(|(slug, name)| view! {
                            <option value=slug.clone() selected={chosen == *slug}>{name.clone()}</option>
                        }).collect_view()}
                        <option value="" selected=chosen.is_empty()>{t("setup-new-organisation")}</option>
                    </select>
                    {org_error.map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                </p>
                {field("org_name", t("setup-org-name"), "text", "organization")}
                {new_organisation_fields(lang, &echo)}
                <p><button type="submit">{t("setup-button")}</button></p>
            </form>
        </section>
    }
}

/// The description, main language and content languages of a new organisation (its
/// name is asked above): on the setup page and on the page that makes another
/// organisation.
pub fn new_organisation_fields(lang: Lang, echo: &FormEcho) -> impl IntoView + use<> {
    let description_error = echo.error_for("org_description");
    let language_error = echo.error_for("org_language");
    let language_bad = language_error.is_some();
    let description = crate::forms::textarea_text(&echo.value("org_description", ""));
    let language = echo.value("org_language", lang.code());
    let offered_error = echo.error_for("org_content_languages");
    let offered_bad = offered_error.is_some();
    let offered = crate::forms::textarea_text(&echo.value("org_content_languages", ""));
    view! {
        <p class="field">
            <label for="setup-org_description">{lang.t("settings-description")}</label>
            <textarea id="setup-org_description" name="org_description" rows="3" dir="auto">{description}</textarea>
            {description_error.map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </p>
        <p class="field" class:has-error=language_bad>
            <label for="setup-org_language">{lang.t("settings-language-code")}</label>
            <input id="setup-org_language" name="org_language" type="text" dir="ltr" value=language
                aria-invalid=language_bad.then_some("true") />
            {language_error.map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </p>
        <p class="field" class:has-error=offered_bad>
            <label for="setup-org_content_languages">{lang.t("settings-content-languages")}</label>
            <textarea id="setup-org_content_languages" name="org_content_languages" rows="3" dir="ltr"
                aria-describedby="setup-org_content_languages-hint">{offered}</textarea>
            <span class="hint" id="setup-org_content_languages-hint">{lang.t("settings-content-languages-new-hint")}</span>
            {offered_error.map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </p>
    }
}
