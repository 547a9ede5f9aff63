//! `/manage/organisations/new`: an owner makes another organisation, and owns it.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::settings::load_new_organisation;
use crate::components::loaded::{loaded, route_key};
use crate::forms::use_form_echo;
use crate::i18n::use_lang;
use crate::pages::setup::new_organisation_fields;

#[component]
pub fn NewOrganisationPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t("org-new-title") />
        {loaded(
            route_key::<0>([]),
            |(_, _)| load_new_organisation(),
            move |_| {
                let echo = use_form_echo();
                let name_error = echo.error_for("org_name");
                let bad = name_error.is_some();
                view! {
                    <section class="planning narrow new-organisation">
                        <p class="breadcrumb"><a href="/manage">{lang.t("workspace-title")}</a></p>
                        <h1>{lang.t("org-new-title")}</h1>
                        <p>{lang.t("org-new-intro")}</p>
                        {echo.error_for("form").map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                        <form method="post" action="/manage/organisations/new" class="plan-form">
                            <p class="field" class:has-error=bad>
                                <label for="setup-org_name">{lang.t("setup-org-name")}</label>
                                <input id="setup-org_name" name="org_name" type="text" dir="auto" required=true
                                    value=echo.value("org_name", "") aria-invalid=bad.then_some("true") />
                                {name_error.map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                            </p>
                            {new_organisation_fields(lang, &echo)}
                            <p><button type="submit">{lang.t("org-new-button")}</button></p>
                        </form>
                    </section>
                }
            },
        )}
    }
}
