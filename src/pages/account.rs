//! `/manage/account`: change one's password, sign out of every browser.

use fluent_templates::fluent_bundle::FluentValue;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::account::{Account, load_account};
use crate::components::form::PasswordField;
use crate::components::loaded::{loaded, route_key};
use crate::forms::use_form_echo;
use crate::i18n::{Lang, use_lang};

#[component]
pub fn AccountPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t("account-title") />
        {loaded(
            route_key([]),
            |(_, _)| load_account(),
            move |a| view! { <AccountView a=a lang=lang /> },
        )}
    }
}

#[component]
fn AccountView(a: Account, lang: Lang) -> impl IntoView {
    let echo = use_form_echo();
    let t = move |k: &str| lang.t(k);
    let done = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("done"))
        .filter(|d| d == "password")
        .map(|_| t("account-password-done"));
    let field = |name: &'static str, label: String, autocomplete: &'static str| {
        view! { <PasswordField name=name label=label autocomplete=autocomplete echo=echo.clone() /> }
    };
    let sessions = lang.digits(&lang.t_with(
        "account-sessions",
        &[("count", FluentValue::from(a.sessions))],
    ));
    view! {
        <section class="account narrow planning">
            <p class="breadcrumb"><a href="/manage">{t("workspace-title")}</a></p>
            <h1>{t("account-title")}</h1>
            <p><bdi>{a.name.clone()}</bdi>" · "<bdi dir="ltr">{a.email.clone()}</bdi></p>
            {done.map(|d| view! { <p class="form-done" role="status">{d}</p> })}
            {echo.error_for("form").map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <h2>{t("account-password-title")}</h2>
            <form method="post" action="/manage/account" class="plan-form">
                <input type="hidden" name="action" value="password" />
                {field("current_password", t("account-password-current"), "current-password")}
                {field("new_password", t("account-password-new"), "new-password")}
                {field("new_password_again", t("account-password-again"), "new-password")}
                <p><button type="submit">{t("account-password-button")}</button></p>
            </form>
            <h2>{t("account-everywhere-title")}</h2>
            <p>{sessions}</p>
            <form method="post" action="/manage/account" class="plan-form">
                <input type="hidden" name="action" value="sign-out-everywhere" />
                <p><button type="submit">{t("account-everywhere-button")}</button></p>
            </form>
        </section>
    }
}
