use fluent_templates::fluent_bundle::FluentValue;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::gathering::{preview_gathering, public_gathering};
use crate::components::agenda::AgendaTable;
use crate::components::loaded::{loaded, route_key};
use crate::components::subscribe::GatheringCalendarLinks;
use crate::components::when::{DateRange, YourTime};
use crate::domain::{GatheringStatus, VenueSetting};
use crate::i18n::{Lang, language_name, use_lang};
use crate::responses::GatheringPage as Page;

/// A gathering's public page: when, where, what, and the programme with its times.
#[component]
pub fn GatheringPage() -> impl IntoView {
    let lang = use_lang();
    loaded(
        route_key(["org", "slug"]),
        |([org, slug], lang)| public_gathering(org, slug, lang),
        move |p| view! { <GatheringView page=p lang=lang /> },
    )
}

/// `/manage/o/:org/:slug/preview`: the public page as it is or will be, for members.
#[component]
pub fn PreviewPage() -> impl IntoView {
    let lang = use_lang();
    loaded(
        route_key(["org", "slug"]),
        |([org, slug], lang)| preview_gathering(org, slug, lang),
        move |p| view! { <GatheringView page=p lang=lang /> },
    )
}

#[component]
fn GatheringView(page: Page, lang: Lang) -> impl IntoView {
    let notice = match page.status {
        GatheringStatus::Cancelled => Some(("cancelled", lang.t("gathering-status-cancelled"))),
        GatheringStatus::Postponed => Some(("postponed", lang.t("gathering-status-postponed"))),
        _ => None,
    };
    let zone_note = lang.t_with(
        "gathering-times-in",
        &[("zone", FluentValue::from(page.time_zone.clone()))],
    );
    let languages = page
        .languages
        .iter()
        .map(|code| language_name(lang, code))
        .collect::<Vec<_>>()
        .join(lang.comma());
    view! {
        <Title text=page.title.clone() />
        <article class="gathering" data-status=page.status.as_str()>
            {page.preview.then(|| {
                let back = format!("/manage/o/{}/{}/edit", page.org_slug, page.slug);
                let note = if page.status.is_public() { "gathering-preview-public" } else { "gathering-preview-draft" };
                view! {
                    <p class="notice preview" role="status">
                        <strong>{lang.t("gathering-preview")}</strong>" "{lang.t(note)}" "
                        <a href=back>{lang.t("plan-edit-title")}</a>" · "
                        <a class="preview-feed" href=format!("/manage/o/{}/{}/preview.ics?lang={}", page.org_slug, page.slug, page.title_lang) download="">{lang.t("gathering-preview-feed")}</a>" · "
                        <a class="preview-poster" href=format!("/manage/o/{}/{}/preview/poster", page.org_slug, page.slug)>{lang.t("gathering-preview-poster")}</a>
                    </p>
                }
            })}
            {notice.map(|(class, text)| view! { <p class=format!("notice {class}") role="status">{text}</p> })}
            <p class="breadcrumb"><a href=format!("/o/{}", page.org_slug)><bdi>{page.org_name.clone()}</bdi></a></p>
            <p class="kind">{lang.t(&format!("kind-{}", page.kind.as_str()))}</p>
            <h1><bdi lang=page.title_lang.clone()>{page.title.clone()}</bdi></h1>
            <dl class="facts">
                <div>
                    <dt>{lang.t("gathering-when")}</dt>
                    <dd>
                        <DateRange start=page.starts_local end=page.ends_local zone=page.time_zone.clone() />
                        <YourTime starts_utc=page.starts_utc label=lang.t("your-time") locale=lang.code().to_owned() />
                    </dd>
                </div>
                <div>
                    <dt>{lang.t("gathering-where")}</dt>
                    <dd>{venue_view(lang, &page)}</dd>
                </div>
                {(!languages.is_empty()).then(|| view! {
                    <div><dt>{lang.t("gathering-languages")}</dt><dd>{languages}</dd></div>
                })}
            </dl>
            {(!page.description.is_empty()).then(|| view! { <p class="description" dir="auto" lang=page.title_lang.clone()>{page.description.clone()}</p> })}
            <section aria-labelledby="programme">
                <h2 id="programme">{lang.t("gathering-programme")}</h2>
                <p class="zone-note">{zone_note}</p>
                {if page.agenda.is_empty() {
                    view! { <p class="empty">{lang.t("gathering-programme-empty")}</p> }.into_any()
                } else if page.parallel() {
                    // Parallel rooms: the grid has its own page.
                    let summary = lang.digits(&lang.t_with("programme-summary", &[
                        ("sessions", FluentValue::from(page.agenda.len())),
                        ("rooms", FluentValue::from(page.lanes.len())),
                    ]));
                    let href = format!("/o/{}/{}/programme", page.org_slug, page.slug);
                    view! {
                        <p class="programme-summary">{summary}" "<a class="programme-link" href=href>{lang.t("programme-see")}</a></p>
                    }.into_any()
                } else {
                    view! { <AgendaTable segments=page.agenda.clone() lang=lang org=page.org_slug.clone() /> }.into_any()
                }}
            </section>
            {page.campaign.clone().map(|(slug, title)| view! {
                <p class="campaign-link">{lang.t("gathering-part-of-campaign")}" "
                    <a href=format!("/o/{}/campaigns/{slug}", page.org_slug)><bdi>{title}</bdi></a></p>
            })}
            {(!page.other_dates.is_empty()).then(|| view! {
                <section class="other-dates" aria-labelledby="other-dates">
                    <h2 id="other-dates">{lang.t("gathering-other-dates")}</h2>
                    <ul>
                        {page.other_dates.iter().map(|(slug, start)| view! {
                            // A preview leads to the other dates' previews (drafts among them).
                            <li><a href=if page.preview {
                                format!("/manage/o/{}/{slug}/preview", page.org_slug)
                            } else {
                                format!("/o/{}/{slug}", page.org_slug)
                            }>
                                <time datetime=start.format("%Y-%m-%dT%H:%M").to_string()>{lang.format_date(start.date())}</time></a></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {page.statements.clone().into_iter().enumerate().map(|(i, s)| statement_view(lang, i, s)).collect_view()}
            // A draft has no feeds yet; a preview never offers them.
            {(!page.preview).then(|| view! { <GatheringCalendarLinks page=page.clone() lang=lang /> })}
        </article>
    }
}

/// The `i`-th public statement (the first is `#statement`, the next `#statement-2` ...).
fn statement_view(lang: Lang, i: usize, s: crate::responses::StatementView) -> impl IntoView {
    let anchor = if i == 0 {
        "statement".to_owned()
    } else {
        format!("statement-{}", i + 1)
    };
    let labelled_by = anchor.clone();
    let signatures = (s.signature_count > 0).then(|| {
        lang.t_with(
            "statement-signatures",
            &[("count", FluentValue::from(s.signature_count))],
        )
    });
    view! {
        <section class="statement" aria-labelledby=labelled_by lang=s.language.clone() dir="auto">
            <h2 id=anchor>{lang.t("statement-heading")}</h2>
            <h3><bdi>{s.title}</bdi></h3>
            <ol class="points">
                {s.points.into_iter().map(|p| view! { <li dir="auto">{p}</li> }).collect_view()}
            </ol>
            {signatures.map(|t| view! { <p class="signatures">{lang.digits(&t)}</p> })}
        </section>
    }
}

fn venue_view(lang: Lang, page: &Page) -> AnyView {
    match &page.venue {
        None => view! { <span>{lang.t("gathering-no-venue")}</span> }.into_any(),
        Some(v) if v.setting == VenueSetting::Online => {
            view! { <span>{lang.t("gathering-online-venue")}</span> }.into_any()
        }
        Some(v) => {
            let line = v.address_line();
            view! {
                <span class="venue-name"><bdi>{v.name.clone()}</bdi></span>
                {(!line.is_empty()).then(|| view! { <br /><span class="venue-address"><bdi>{line}</bdi></span> })}
                {(!v.directions.is_empty()).then(|| view! {
                    <p class="directions"><span class="label">{lang.t("gathering-directions")}": "</span><span dir="auto">{v.directions.clone()}</span></p>
                })}
                {v.map_url.clone().map(|u| view! { <p><a href=u rel="noopener">{lang.t("gathering-map")}</a></p> })}
            }
            .into_any()
        }
    }
}
