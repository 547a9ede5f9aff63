use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::{Lang, use_lang};

/// The site header with the language switcher.
#[component]
pub fn Header() -> impl IntoView {
    let lang = use_lang();
    let path = use_location().pathname.get_untracked();
    view! {
        <header class="site-header">
            <a class="brand" href="/">{lang.t("site-name")}</a>
            <nav aria-label=lang.t("lang-label") class="lang-switch">
                <ul>
                    {Lang::ALL.into_iter().map(|l| {
                        let href = format!("{path}?lang={}", l.code());
                        let current = (l == lang).then_some("true");
                        view! {
                            <li><a href=href hreflang=l.code() lang=l.code() aria-current=current>{l.native_name()}</a></li>
                        }
                    }).collect_view()}
                </ul>
            </nav>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let lang = use_lang();
    view! {
        <footer class="site-footer">
            <p>{lang.t("site-name")}" · "{lang.t("site-tagline")}</p>
            <p><a href="/manage">{lang.t("nav-organisers")}</a></p>
        </footer>
    }
}
