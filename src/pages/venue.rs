use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::organisations::public_venue;
use crate::components::loaded::{loaded, route_key};
use crate::components::subscribe::FeedLinks;
use crate::i18n::{Lang, use_lang};
use crate::pages::organisation::{card_list, list_pager, list_pages};
use crate::responses::VenuePage as Page;

/// `/o/:org/venues/:id`: where a venue is, how to get there, and its public gatherings.
#[component]
pub fn VenuePage() -> impl IntoView {
    let lang = use_lang();
    let (key, pages) = (route_key(["org", "id"]), list_pages());
    loaded(
        (key, pages),
        |(([org, id], lang), (upcoming, past))| {
            public_venue(org, id.parse().unwrap_or(-1), lang, upcoming, past)
        },
        move |p| view! { <VenueView p=p lang=lang /> },
    )
}

#[component]
fn VenueView(p: Page, lang: Lang) -> impl IntoView {
    let v = p.venue.clone();
    let line = v.address_line();
    let feed = format!("/o/{}/venues/{}/calendar.ics", p.org_slug, p.id);
    let path = format!("/o/{}/venues/{}", p.org_slug, p.id);
    view! {
        <Title text=v.name.clone() />
        <article class="venue">
            <p class="breadcrumb"><a href=format!("/o/{}", p.org_slug)><bdi>{p.org_name.clone()}</bdi></a></p>
            <h1><bdi>{v.name.clone()}</bdi></h1>
            {(!line.is_empty()).then(|| view! { <p class="venue-address"><bdi>{line}</bdi></p> })}
            <p class="zone-note">{lang.t("venue-zone")}": "<bdi dir="ltr">{p.time_zone.clone()}</bdi></p>
            {(!v.directions.is_empty()).then(|| view! {
                <p class="directions"><span class="label">{lang.t("gathering-directions")}": "</span><span dir="auto">{v.directions.clone()}</span></p>
            })}
            {v.map_url.clone().map(|u| view! { <p><a href=u rel="noopener">{lang.t("gathering-map")}</a></p> })}
            <FeedLinks path=feed origin=p.origin.clone() lang=lang />
            <section aria-labelledby="upcoming">
                <h2 id="upcoming">{lang.t("org-upcoming")}</h2>
                {card_list(lang, &p.org_slug, p.upcoming.items.clone(), "org-none-upcoming")}
                {list_pager(lang, &path, &[], (&p.upcoming, &p.past), "upcoming")}
            </section>
            <section aria-labelledby="past">
                <h2 id="past">{lang.t("org-past")}</h2>
                {card_list(lang, &p.org_slug, p.past.items.clone(), "org-none-past")}
                {list_pager(lang, &path, &[], (&p.upcoming, &p.past), "past")}
            </section>
        </article>
    }
}
