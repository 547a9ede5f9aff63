use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::{Lang, use_lang};

/// The site header with the language switcher.
#[component]
pub fn Header() -> impl IntoView {
    let lang = use_lang();
    let path = use_location().pathname.get_untracked();
    // An organisation's texts in languages the interface does not speak (`sv`).
    let texts = use_context::<crate::i18n::Texts>().unwrap_or_default();
    let more = (!texts.more.is_empty()).then(|| {
        let path = path.clone();
        view! {
            <nav aria-label=lang.t("lang-texts-label") class="lang-switch texts-switch">
                <span class="label">{lang.t("lang-texts-label")}</span>
                <ul>
                    {texts.more.iter().map(|l| {
                        let href = format!("{path}?lang={}", l.tag);
                        let current = (l.tag == texts.current).then_some("true");
                        let name = crate::i18n::content_language_name(lang, l);
                        view! {
                            <li><a href=href hreflang=l.tag.clone() lang=l.tag.clone() aria-current=current>{name}</a></li>
                        }
                    }).collect_view()}
                </ul>
            </nav>
        }
    });
    let reading_more = texts.more.iter().any(|l| l.tag == texts.current);
    view! {
        <header class="site-header">
            <a class="brand" href="/">{lang.t("site-name")}</a>
            <nav aria-label=lang.t("lang-label") class="lang-switch">
                <ul>
                    {Lang::ALL.into_iter().map(|l| {
                        let href = format!("{path}?lang={}", l.code());
                        let current = (l == lang && !reading_more).then_some("true");
                        view! {
                            <li><a href=href hreflang=l.code() lang=l.code() aria-current=current>{l.native_name()}</a></li>
                        }
                    }).collect_view()}
                </ul>
            </nav>
            {more}
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
