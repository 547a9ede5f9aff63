use fluent_templates::fluent_bundle::FluentValue;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::organisations::public_person;
use crate::components::loaded::{loaded, route_key};
use crate::components::subscribe::FeedLinks;
use crate::i18n::{Lang, use_lang};
use crate::responses::PersonPage as Page;

/// `/o/:org/people/:id`: a publicly listed person and their public appearances.
#[component]
pub fn PersonPage() -> impl IntoView {
    let lang = use_lang();
    let page = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("page")
        .and_then(|p| p.parse::<usize>().ok())
        .unwrap_or(1);
    loaded(
        (route_key(["org", "id"]), page),
        |(([org, id], lang), page)| public_person(org, id.parse().unwrap_or(-1), lang, page),
        move |p| view! { <PersonView p=p lang=lang /> },
    )
}

#[component]
fn PersonView(p: Page, lang: Lang) -> impl IntoView {
    let feed = format!("/o/{}/people/{}/calendar.ics", p.org_slug, p.id);
    let org = p.org_slug.clone();
    let path = format!("/o/{}/people/{}", p.org_slug, p.id);
    let href = move |page: usize| {
        if page > 1 {
            format!("{path}?page={page}")
        } else {
            path.clone()
        }
    };
    let pager = crate::components::pager::pager(
        lang,
        p.appearances.page,
        p.appearances.pages,
        lang.t("person-appearances"),
        &href,
    );
    view! {
        <Title text=p.name.clone() />
        <article class="person">
            <p class="breadcrumb"><a href=format!("/o/{}", p.org_slug)><bdi>{p.org_name.clone()}</bdi></a></p>
            <h1><bdi>{p.name.clone()}</bdi></h1>
            {(!p.bio.is_empty()).then(|| view! { <p class="bio" dir="auto">{p.bio.clone()}</p> })}
            <FeedLinks path=feed origin=p.origin.clone() lang=lang />
            <h2>{lang.t("person-appearances")}</h2>
            <ul class="cards">
                {p.appearances.items.into_iter().map(|a| {
                    let how = lang.t_with(
                        "person-appears-as",
                        &[
                            ("role", FluentValue::from(lang.t(&format!("role-{}", a.role.as_str())))),
                            ("mode", FluentValue::from(lang.t(&format!("mode-{}", a.mode.as_str())))),
                        ],
                    );
                    view! {
                        <li class="card">
                            <h3><a href=format!("/o/{org}/{}", a.gathering_slug)><bdi lang=a.title_lang>{a.gathering_title}</bdi></a></h3>
                            <p class="when">{lang.format_date(a.start_local.date())}", "
                                {format!("{}–{}", lang.format_time(a.start_local), lang.format_time(a.end_local))}
                                " ("<bdi dir="ltr">{a.time_zone}</bdi>")"</p>
                            <p>{match a.session_uid.clone() {
                                Some(uid) => view! { <a href=format!("/o/{org}/{}/sessions/{uid}", a.gathering_slug)><strong dir="auto">{a.segment_title.clone()}</strong></a> }.into_any(),
                                None => view! { <strong dir="auto">{a.segment_title.clone()}</strong> }.into_any(),
                            }}" · "{how}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {pager}
        </article>
    }
}
