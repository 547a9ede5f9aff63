//! "Add to calendar" and "subscribe" links; plain links, so they work without JavaScript.
//! A feed is asked in the language the page's texts are read in.

use chrono::DateTime;
use leptos::prelude::*;

use crate::domain::links::{EventLink, google, outlook, webcal};
use crate::i18n::Lang;
use crate::responses::GatheringPage;

/// The calendar links of one gathering.
#[component]
pub fn GatheringCalendarLinks(page: GatheringPage, lang: Lang) -> impl IntoView {
    let path = format!("/o/{}/{}", page.org_slug, page.slug);
    let feed = format!("{path}/calendar.ics?lang={}", crate::i18n::texts_lang());
    let absolute = format!("{}{feed}", page.origin);
    let page_url = format!("{}{path}", page.origin);
    let location = page
        .venue
        .as_ref()
        .map(|v| v.location())
        .unwrap_or_default();
    let start = DateTime::from_timestamp(page.starts_utc, 0).unwrap_or_default();
    let end = DateTime::from_timestamp(page.ends_utc, 0).unwrap_or_default();
    let link = EventLink {
        title: &page.title,
        start,
        end,
        details: &page_url,
        location: &location,
        zone: &page.time_zone,
    };
    let (google, outlook) = (google(&link), outlook(&link));
    view! {
        <section class="calendar-links" aria-labelledby="add-to-calendar">
            <h2 id="add-to-calendar">{lang.t("calendar-heading")}</h2>
            <ul>
                <li><a class="subscribe" href=webcal(&absolute)>{lang.t("calendar-subscribe")}</a></li>
                <li><a class="download" href=feed.clone() download="">{lang.t("calendar-download")}</a></li>
                <li><a class="google" href=google rel="noopener" target="_blank">{lang.t("calendar-google")}</a></li>
                <li><a class="outlook" href=outlook rel="noopener" target="_blank">{lang.t("calendar-outlook")}</a></li>
                <li><a class="segments" href=format!("{feed}&segments=1")>{lang.t("calendar-segments")}</a></li>
                <li><a class="poster" href=format!("{path}/poster")>{lang.t("poster-link")}</a></li>
            </ul>
        </section>
    }
}

/// The subscribe links of an organisation's whole calendar.
#[component]
pub fn OrganisationCalendarLinks(org: String, origin: String, lang: Lang) -> impl IntoView {
    let feed = format!("/o/{org}/calendar.ics?lang={}", crate::i18n::texts_lang());
    let absolute = format!("{origin}{feed}");
    view! {
        <p class="calendar-links">
            <a class="subscribe" href=webcal(&absolute)>{lang.t("calendar-subscribe-all")}</a>
            " · "
            <a class="download" href=feed>{lang.t("calendar-feed-address")}</a>
        </p>
    }
}

/// Subscribe links for any feed path (a venue's, a kind's).
#[component]
pub fn FeedLinks(path: String, origin: String, lang: Lang) -> impl IntoView {
    let feed = format!("{path}?lang={}", crate::i18n::texts_lang());
    let absolute = format!("{origin}{feed}");
    view! {
        <p class="calendar-links">
            <a class="subscribe" href=webcal(&absolute)>{lang.t("calendar-subscribe-all")}</a>
            " · "
            <a class="download" href=feed>{lang.t("calendar-feed-address")}</a>
        </p>
    }
}
