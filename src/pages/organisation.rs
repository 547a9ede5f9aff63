use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::organisations::organisation_home;
use crate::components::error::ErrorView;
use crate::components::subscribe::OrganisationCalendarLinks;
use crate::components::when::DateRange;
use crate::domain::listing::Listed;
use crate::i18n::{Lang, use_lang};
use crate::responses::GatheringCard;

/// An organisation's public home: upcoming gatherings first, then the past ones.
#[component]
pub fn OrganisationPage() -> impl IntoView {
    let lang = use_lang();
    let texts = crate::i18n::texts_lang();
    let org = use_params_map()
        .read_untracked()
        .get("org")
        .unwrap_or_default();
    let query = use_query_map().read_untracked();
    let kind = query.get("kind").filter(|k| !k.is_empty());
    let venue = query.get("venue").and_then(|v| v.parse::<i32>().ok());
    let page = |k: &str| {
        query
            .get(k)
            .and_then(|p| p.parse::<usize>().ok())
            .unwrap_or(1)
    };
    let pages = (page("upcoming_page"), page("past_page"));
    let home = Resource::new(
        move || (org.clone(), texts.clone(), kind.clone(), venue, pages),
        |(org, lang, kind, venue, (upcoming, past))| {
            organisation_home(org, lang, kind, venue, upcoming, past)
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(h) => view! {
                        <Title text=h.name.clone() />
                        <h1>{h.name.clone()}</h1>
                        <p class="lede">{h.description.clone()}</p>
                        {(!h.contact_email.is_empty()).then(|| view! {
                            <p class="contact">{lang.t("settings-contact")}": "
                                <a href=format!("mailto:{}", h.contact_email) dir="ltr">{h.contact_email.clone()}</a></p>
                        })}
                        <OrganisationCalendarLinks org=h.slug.clone() origin=h.origin.clone() lang=lang />
                        <p class="news-links">
                            <a class="atom" href=format!("/o/{}/feed.atom", h.slug) type="application/atom+xml">{lang.t("atom-link")}</a>
                            " · "<a class="digest-index" href=format!("/o/{}/digest", h.slug)>{lang.t("digest-index")}</a>
                            " · "<a class="statements" href=format!("/o/{}/statements", h.slug)>{lang.t("issued-title")}</a>
                            " · "<a class="digests" href=format!("/o/{}/digest.atom", h.slug) type="application/atom+xml">{lang.t("digest-atom")}</a>
                        </p>
                        {filter_form(lang, &h)}
                        <section aria-labelledby="upcoming">
                            <h2 id="upcoming">{lang.t("org-upcoming")}</h2>
                            {card_list(lang, &h.slug, h.upcoming.items.clone(), "org-none-upcoming")}
                            {list_pager(lang, &format!("/o/{}", h.slug), &filters(&h), (&h.upcoming, &h.past), "upcoming")}
                        </section>
                        <section aria-labelledby="past">
                            <h2 id="past">{lang.t("org-past")}</h2>
                            {card_list(lang, &h.slug, h.past.items.clone(), "org-none-past")}
                            {list_pager(lang, &format!("/o/{}", h.slug), &filters(&h), (&h.upcoming, &h.past), "past")}
                        </section>
                    }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The pages asked for of a page's upcoming and past lists (`upcoming_page`, `past_page`).
pub fn list_pages() -> (usize, usize) {
    let query = use_query_map().read_untracked();
    let page = |k: &str| {
        query
            .get(k)
            .and_then(|p| p.parse::<usize>().ok())
            .unwrap_or(1)
    };
    (page("upcoming_page"), page("past_page"))
}

/// The pager of the upcoming or the past list (`which`) of the page at `path`; its links
/// keep `keep` (filters) and the other list's page.
pub fn list_pager(
    lang: Lang,
    path: &str,
    keep: &[(&'static str, String)],
    lists: (&Listed<GatheringCard>, &Listed<GatheringCard>),
    which: &'static str,
) -> impl IntoView + use<> {
    let (upcoming, past) = lists;
    let (this, other, other_key) = match which {
        "upcoming" => (upcoming, past.page, "past_page"),
        _ => (past, upcoming.page, "upcoming_page"),
    };
    let path = path.to_owned();
    let keep = keep.to_vec();
    let href = move |page: usize| {
        let mut q = form_urlencoded::Serializer::new(String::new());
        q.extend_pairs(keep.iter().map(|(k, v)| (*k, v.as_str())));
        if other > 1 {
            q.append_pair(other_key, &other.to_string());
        }
        if page > 1 {
            q.append_pair(&format!("{which}_page"), &page.to_string());
        }
        let q = q.finish();
        let at = if q.is_empty() {
            String::new()
        } else {
            format!("?{q}")
        };
        format!("{path}{at}#{which}")
    };
    crate::components::pager::pager(
        lang,
        this.page,
        this.pages,
        lang.t(&format!("org-{which}")),
        &href,
    )
}

/// What the organisation page's pager links keep: its filters.
fn filters(h: &crate::responses::OrgHome) -> Vec<(&'static str, String)> {
    let mut keep = Vec::new();
    if let Some(k) = h.filter_kind {
        keep.push(("kind", k.as_str().to_owned()));
    }
    if let Some(v) = h.filter_venue {
        keep.push(("venue", v.to_string()));
    }
    keep
}

/// Filters by kind and venue: a plain GET form, so it works without JavaScript.
fn filter_form(lang: Lang, h: &crate::responses::OrgHome) -> impl IntoView + use<> {
    let kind = h
        .filter_kind
        .map(|k| k.as_str().to_owned())
        .unwrap_or_default();
    let venue = h.filter_venue.map(|v| v.to_string()).unwrap_or_default();
    view! {
        <form method="get" action=format!("/o/{}", h.slug) class="filters">
            <label for="filter-kind">{lang.t("org-filter-kind")}</label>
            <select id="filter-kind" name="kind">
                <option value="">{lang.t("org-filter-all")}</option>
                {h.kinds.iter().map(|k| view! {
                    <option value=k.as_str() selected={kind == k.as_str()}>{lang.t(&format!("kind-{}", k.as_str()))}</option>
                }).collect_view()}
            </select>
            <label for="filter-venue">{lang.t("org-filter-venue")}</label>
            <select id="filter-venue" name="venue">
                <option value="">{lang.t("org-filter-all")}</option>
                {h.venues.iter().map(|(id, name)| view! {
                    <option value=id.to_string() selected={venue == id.to_string()}>{name.clone()}</option>
                }).collect_view()}
            </select>
            <button type="submit">{lang.t("org-filter-apply")}</button>
        </form>
    }
}

pub fn card_list(lang: Lang, org: &str, cards: Vec<GatheringCard>, empty: &str) -> AnyView {
    if cards.is_empty() {
        return view! { <p class="empty">{lang.t(empty)}</p> }.into_any();
    }
    let org = org.to_owned();
    view! {
        <ul class="cards gatherings">
            {cards.into_iter().map(|c| {
                let href = format!("/o/{org}/{}", c.slug);
                view! {
                    <li class="card" data-status=c.status.as_str()>
                        <p class="kind">{lang.t(&format!("kind-{}", c.kind.as_str()))}
                            {(!matches!(c.status, crate::domain::GatheringStatus::Published)).then(|| view! {
                                " · " <strong class="status">{lang.t(&format!("status-{}", c.status.as_str()))}</strong>
                            })}
                        </p>
                        <h3><a href=href><bdi lang=c.title_lang>{c.title}</bdi></a></h3>
                        <p class="when"><DateRange start=c.starts_local end=c.ends_local zone=c.time_zone /></p>
                        {c.place.map(|p| match c.venue_id {
                            Some(id) => view! { <p class="place"><a href=format!("/o/{org}/venues/{id}")><bdi>{p}</bdi></a></p> }.into_any(),
                            None => view! { <p class="place"><bdi>{p}</bdi></p> }.into_any(),
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
