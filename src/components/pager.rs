//! Links between the pages of a long list: previous, "page 2 of 5", next.

use fluent_templates::fluent_bundle::FluentValue;
use leptos::prelude::*;

use crate::i18n::Lang;

/// The pager of a list on page `page` of `pages` (nothing when it has one page); `href`
/// makes the address of a page, `label` names the list for screen readers.
pub fn pager(
    lang: Lang,
    page: usize,
    pages: usize,
    label: String,
    href: &dyn Fn(usize) -> String,
) -> Option<impl IntoView + use<>> {
    (pages > 1).then(|| {
        let of = lang.digits(&lang.t_with(
            "list-page-of",
            &[
                ("page", FluentValue::from(page)),
                ("pages", FluentValue::from(pages)),
            ],
        ));
        let previous = (page > 1).then(|| href(page - 1));
        let next = (page < pages).then(|| href(page + 1));
        view! {
            <nav class="pager" aria-label=label>
                {previous.map(|href| view! { <a rel="prev" href=href>{lang.t("list-previous")}</a>" " })}
                <span class="page-of">{of}</span>
                {next.map(|href| view! { " "<a rel="next" href=href>{lang.t("list-next")}</a> })}
            </nav>
        }
    })
}
