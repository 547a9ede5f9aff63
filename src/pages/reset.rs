//! `/reset/:token`: the page a password-reset link opens, where a member who forgot
//! their password sets a new one.

use fluent_templates::fluent_bundle::FluentValue;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::account::{ResetLink, load_reset_link};
use crate::components::form::{PasswordField, form_error};
use crate::components::loaded::{loaded, route_key};
use crate::forms::use_form_echo;
use crate::i18n::{Lang, use_lang};

#[component]
pub fn ResetPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t("reset-title") />
        {loaded(
            route_key(["token"]),
            |([token], _)| load_reset_link(token),
            move |r| view! { <ResetView link=r lang=lang /> },
        )}
    }
}

#[component]
fn ResetView(link: ResetLink, lang: Lang) -> impl IntoView {
    let t = move |k: &str| lang.t(k);
    let (name, email, org_name) = match link {
        ResetLink::Open {
            name,
            email,
            org_name,
        } => (name, email, org_name),
        ResetLink::Gone => {
            #[cfg(feature = "ssr")]
            if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
                res.set_status(http::StatusCode::GONE);
            }
            return view! {
                <section class="reset narrow">
                    <h1>{t("reset-title")}</h1>
                    <p class="warning" role="status">{t("reset-gone")}</p>
                    <p><a href="/sign-in">{t("sign-in-title")}</a></p>
                </section>
            }
            .into_any();
        }
    };
    let echo = use_form_echo();
    let field = |name: &'static str, label: String| {
        view! { <PasswordField name=name label=label autocomplete="new-password" echo=echo.clone() /> }
    };
    let intro = lang.t_with(
        "reset-intro",
        &[("organisation", FluentValue::from(org_name))],
    );
    view! {
        <section class="reset narrow planning">
            <h1>{t("reset-title")}</h1>
            <p>{intro}</p>
            <p><bdi>{name}</bdi>" · "<bdi dir="ltr">{email.clone()}</bdi></p>
            {form_error(&echo)}
            <form method="post" class="plan-form">
                // For password managers: whose password this is.
                <input type="email" name="username" autocomplete="username" value=email hidden=true readonly=true />
                {field("password", t("account-password-new"))}
                {field("password_again", t("account-password-again"))}
                <p class="hint">{t("reset-hint")}</p>
                <p><button type="submit">{t("reset-button")}</button></p>
            </form>
        </section>
    }
    .into_any()
}
