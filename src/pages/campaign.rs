//! `/o/:org/campaigns/:slug`: one action in several cities, side by side. Each row gives
//! the city's own local time with its zone, the same instant in UTC, and (with
//! JavaScript) in the visitor's zone; one feed subscribes to all of them.

use chrono::DateTime;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::campaigns::{CampaignPage, public_campaign};
use crate::components::loaded::{loaded, route_key};
use crate::components::subscribe::FeedLinks;
use crate::components::when::{DateRange, YourTime};
use crate::i18n::{Lang, use_lang};

#[component]
pub fn CampaignPublicPage() -> impl IntoView {
    let lang = use_lang();
    loaded(
        route_key(["org", "slug"]),
        |([org, slug], lang)| public_campaign(org, slug, lang),
        move |c| view! { <CampaignView c=c lang=lang /> },
    )
}

#[component]
fn CampaignView(c: CampaignPage, lang: Lang) -> impl IntoView {
    let feed = format!("/o/{}/campaigns/{}/calendar.ics", c.org_slug, c.slug);
    let utc = |seconds: i64| {
        DateTime::from_timestamp(seconds, 0).map(|t| {
            format!(
                "{}{}{} UTC",
                lang.format_date(t.date_naive()),
                lang.comma(),
                lang.format_time(t.naive_utc())
            )
        })
    };
    view! {
        <Title text=c.title.clone() />
        <article class="campaign-page">
            <p class="breadcrumb"><a href=format!("/o/{}", c.org_slug)><bdi>{c.org_name.clone()}</bdi></a></p>
            <h1><bdi>{c.title.clone()}</bdi></h1>
            {(!c.description.is_empty()).then(|| view! { <p class="description" dir="auto">{c.description.clone()}</p> })}
            <p class="zone-note">{lang.t("campaign-times")}</p>
            <table class="campaign-cities">
                <thead><tr>
                    <th scope="col">{lang.t("campaign-where")}</th>
                    <th scope="col">{lang.t("campaign-local")}</th>
                    <th scope="col">{lang.t("campaign-utc")}</th>
                </tr></thead>
                <tbody>
                    {c.gatherings.iter().map(|g| {
                        let place = g.venue.as_ref().map(|v| {
                            if v.city.is_empty() { v.name.clone() } else { format!("{}, {}", v.name, v.city) }
                        }).unwrap_or_else(|| lang.t("gathering-no-venue"));
                        view! {
                            <tr data-zone=g.time_zone.clone()>
                                <th scope="row"><a href=format!("/o/{}/{}", g.org_slug, g.slug)><bdi>{place}</bdi></a>
                                    <br /><span class="title"><bdi lang=g.title_lang.clone()>{g.title.clone()}</bdi></span></th>
                                <td class="local"><DateRange start=g.starts_local end=g.ends_local zone=g.time_zone.clone() />
                                    <YourTime starts_utc=g.starts_utc label=lang.t("your-time") locale=lang.code().to_owned() /></td>
                                <td class="utc"><bdi dir="ltr">{utc(g.starts_utc)}</bdi></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <h2>{lang.t("campaign-subscribe")}</h2>
            <FeedLinks path=feed origin=c.origin.clone() lang=lang />
        </article>
    }
}
