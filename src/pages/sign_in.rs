use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::i18n::use_lang;

/// The sign-in form: a plain form post, so it works without JavaScript.
#[component]
pub fn SignInPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map().read_untracked();
    let error = match query.get("error").as_deref() {
        Some("invalid") => Some(lang.t("sign-in-invalid")),
        Some("too-many") => {
            let minutes = query
                .get("wait")
                .and_then(|m| m.parse::<u32>().ok())
                .unwrap_or(15)
                .clamp(1, 15);
            Some(lang.t_with("sign-in-too-many", &[("minutes", minutes.into())]))
        }
        Some("origin") => Some(lang.t("sign-in-forbidden-origin")),
        _ => None,
    };
    let next = query.get("next").unwrap_or_else(|| "/manage".to_owned());
    view! {
        <Title text=lang.t("sign-in-title") />
        <section class="sign-in narrow">
            <h1>{lang.t("sign-in-title")}</h1>
            {error.map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <form method="post" action="/sign-in">
                <input type="hidden" name="next" value=next />
                <p>
                    <label for="email">{lang.t("sign-in-email")}</label>
                    <input id="email" name="email" type="email" autocomplete="username" required dir="ltr" />
                </p>
                <p>
                    <label for="password">{lang.t("sign-in-password")}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required dir="ltr" />
                </p>
                <p><button type="submit">{lang.t("sign-in-submit")}</button></p>
            </form>
        </section>
    }
}
