//! `/o/:org/:slug/poster`: a gathering's A4 poster for printing and pinning up, with a QR
//! code that puts it into a phone's calendar. Public: it shows only what the public
//! page shows.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::gathering::{Poster, preview_poster, public_poster};
use crate::components::loaded::{loaded, route_key};
use crate::components::print::PrintButton;
use crate::components::when::DateRange;
use crate::domain::{GatheringStatus, VenueSetting};
use crate::i18n::{Lang, use_lang};

#[component]
pub fn PosterPage() -> impl IntoView {
    let lang = use_lang();
    loaded(
        route_key(["org", "slug"]),
        |([org, slug], lang)| public_poster(org, slug, lang),
        move |p| view! { <PosterView p=p lang=lang /> },
    )
}

/// `/manage/o/:org/:slug/preview/poster`: the poster as it is or will be, for members.
#[component]
pub fn PreviewPosterPage() -> impl IntoView {
    let lang = use_lang();
    loaded(
        route_key(["org", "slug"]),
        |([org, slug], lang)| preview_poster(org, slug, lang),
        move |p| view! { <PosterView p=p lang=lang /> },
    )
}

#[component]
fn PosterView(p: Poster, lang: Lang) -> impl IntoView {
    let page = p.page;
    let notice = match page.status {
        GatheringStatus::Cancelled => Some(lang.t("gathering-status-cancelled")),
        GatheringStatus::Postponed => Some(lang.t("gathering-status-postponed")),
        _ => None,
    };
    let place = page.venue.as_ref().map(|v| match v.setting {
        VenueSetting::Online => lang.t("gathering-online-venue"),
        _ => v.location(),
    });
    let page_url = format!("{}/o/{}/{}", page.origin, page.org_slug, page.slug);
    let back = if page.preview {
        format!("/manage/o/{}/{}/preview", page.org_slug, page.slug)
    } else {
        format!("/o/{}/{}", page.org_slug, page.slug)
    };
    view! {
        <Title text=format!("{} · {}", lang.t("poster-title"), page.title) />
        {page.preview.then(|| view! {
            <p class="notice preview poster-screen-note" role="status">
                <strong>{lang.t("gathering-preview")}</strong>" "{lang.t("poster-preview-note")}
            </p>
        })}
        <p class="poster-screen-note">
            <a href=back>{lang.t("poster-back")}</a>
            " · "{lang.t("poster-print-hint")}" "
            <PrintButton label=lang.t("print-button") />
        </p>
        <article class="poster" data-status=page.status.as_str()>
            <p class="poster-org"><bdi>{page.org_name.clone()}</bdi>" · "{lang.t(&format!("kind-{}", page.kind.as_str()))}</p>
            {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <h1 dir="auto" lang=page.title_lang.clone()>{page.title.clone()}</h1>
            <p class="poster-when"><DateRange start=page.starts_local end=page.ends_local zone=page.time_zone.clone() /></p>
            <p class="poster-where"><bdi>{place.unwrap_or_else(|| lang.t("gathering-no-venue"))}</bdi></p>
            {(!page.description.is_empty()).then(|| view! {
                <p class="poster-description" dir="auto" lang=page.title_lang.clone()>{page.description.clone()}</p>
            })}
            {(page.parallel() && !page.agenda.is_empty()).then(|| view! {
                <p class="poster-programme-summary">{lang.digits(&lang.t_with("programme-summary", &[
                    ("sessions", fluent_templates::fluent_bundle::FluentValue::from(page.agenda.len())),
                    ("rooms", fluent_templates::fluent_bundle::FluentValue::from(page.lanes.len())),
                ]))}</p>
            })}
            {(!page.parallel() && !page.agenda.is_empty()).then(|| view! {
                <ol class="poster-programme">
                    {page.agenda.iter().map(|s| view! {
                        <li><span class="start">{lang.format_time(s.start_local)}</span>" "<bdi lang=s.title_lang.clone()>{s.title.clone()}</bdi></li>
                    }).collect_view()}
                </ol>
            })}
            <figure class="poster-qr">
                <div class="qr" inner_html=p.qr_svg role="img" aria-label=lang.t("poster-qr-label")></div>
                <figcaption>
                    <strong>{lang.t("poster-qr-caption")}</strong><br />
                    <span class="url" dir="ltr">{page_url}</span>
                </figcaption>
            </figure>
        </article>
    }
}
