use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::AppError;
use crate::i18n::use_lang;

/// An error page body; on the server it also sets the response status.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    let lang = use_lang();
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(
            http::StatusCode::from_u16(error.status())
                .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
        );
    }
    let (title, body) = match error {
        AppError::NotFound => ("error-not-found-title", "error-not-found-body"),
        AppError::SignInRequired => ("error-sign-in-title", "error-sign-in-body"),
        AppError::Forbidden => ("error-forbidden-title", "error-forbidden-body"),
        _ => ("error-internal-title", "error-internal-body"),
    };
    view! {
        <Title text=lang.t(title) />
        <section class="error-page" data-status=error.status()>
            <h1>{lang.t(title)}</h1>
            <p>{lang.t(body)}</p>
            {(error == AppError::SignInRequired).then(|| view! {
                <p><a class="button" href="/sign-in">{lang.t("sign-in-title")}</a></p>
            })}
            <p><a href="/">{lang.t("error-back-home")}</a></p>
        </section>
    }
}
