//! A gathering's public programme: `/o/:org/:slug/programme` (the day × room grid, a
//! time-ordered list on narrow screens, printable), `/o/:org/:slug/sessions/:uid` (one
//! session) and `/o/:org/:slug/my?s=…` ("my programme": the sessions a visitor starred,
//! kept in the address, with a calendar of just those). All complete without JavaScript.

use fluent_templates::fluent_bundle::FluentValue;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::programme::{
    ChangesPage, ProgrammePage as Programme, public_changes, public_programme, public_session,
};
use crate::components::loaded::{loaded, route_key};
use crate::components::when::YourTime;
use crate::domain::links::webcal;
use crate::i18n::{Lang, language_name, use_lang};
use crate::responses::{GatheringPage, SegmentView};

/// Where a gathering's pages live.
fn base(page: &GatheringPage) -> String {
    format!("/o/{}/{}", page.org_slug, page.slug)
}

/// A lane's heading: its room, its name, or its number.
fn lane_label(lang: Lang, page: &GatheringPage, lane: i32) -> String {
    let l = page.lane(lane);
    l.and_then(|l| l.name.clone()).unwrap_or_else(|| {
        lang.t_with(
            "programme-lane",
            &[("number", FluentValue::from(l.map_or(1, |l| l.number)))],
        )
    })
}

fn span(lang: Lang, s: &SegmentView) -> String {
    format!(
        "{}–{}",
        lang.format_reading(s.start_local, s.start_offset.as_deref()),
        lang.format_reading(s.end_local, s.end_offset.as_deref())
    )
}

#[component]
pub fn ProgrammePage() -> impl IntoView {
    let lang = use_lang();
    loaded(
        route_key(["org", "slug"]),
        |([org, slug], lang)| public_programme(org, slug, lang),
        move |p| view! { <ProgrammeView p=p lang=lang /> },
    )
}

#[component]
fn ProgrammeView(p: Programme, lang: Lang) -> impl IntoView {
    let page = p.page;
    let path = base(&page);
    let texts = crate::i18n::texts_lang();
    let feed = format!("{path}/programme.ics?lang={texts}");
    let zone_note = lang.t_with(
        "gathering-times-in",
        &[("zone", FluentValue::from(page.time_zone.clone()))],
    );
    let lanes: Vec<(i32, String)> = if page.lanes.is_empty() {
        vec![(0, lane_label(lang, &page, 0))]
    } else {
        page.lanes
            .iter()
            .map(|l| (l.id, lane_label(lang, &page, l.id)))
            .collect()
    };
    let many_days = p.days.len() > 1;
    view! {
        <Title text=format!("{} · {}", lang.t("programme-title"), page.title) />
        <article class="programme" data-status=page.status.as_str()>
            <p class="breadcrumb">
                <a href=format!("/o/{}", page.org_slug)><bdi>{page.org_name.clone()}</bdi></a>" › "
                <a href=path.clone()><bdi lang=page.title_lang.clone()>{page.title.clone()}</bdi></a>
            </p>
            <h1>{lang.t("programme-title")}" · "<bdi lang=page.title_lang.clone()>{page.title.clone()}</bdi></h1>
            <p class="zone-note">{zone_note}" · "<bdi>{lang.digits(&lang.t_with("programme-count", &[
                ("sessions", FluentValue::from(page.agenda.len())),
                ("rooms", FluentValue::from(lanes.len())),
            ]))}</bdi></p>
            {page.releases.last().cloned().map(|r| {
                let since = if r.number > 1 { r.number - 1 } else { r.number };
                view! {
                    <p class="programme-release">
                        {lang.digits(&lang.t_with("programme-version", &[
                            ("number", FluentValue::from(r.number)),
                            ("date", FluentValue::from(lang.format_date(r.released_local.date()))),
                        ]))}
                        {(!r.note.is_empty()).then(|| view! { " · "<span dir="auto">{r.note.clone()}</span> })}
                        " · "<a class="changes-link" href=format!("{path}/programme/changes?since={since}")>{lang.digits(&lang.t_with("programme-changes-link", &[("number", FluentValue::from(since))]))}</a>
                    </p>
                }
            })}
            <nav class="programme-links" aria-label=lang.t("programme-links")>
                <a class="subscribe" href=webcal(&format!("{}{feed}", page.origin))>{lang.t("programme-subscribe")}</a>" · "
                <a class="download" href=feed.clone() download="">{lang.t("calendar-download")}</a>" · "
                <a class="frab" href=format!("{path}/schedule.xml")>{lang.t("programme-frab-xml")}</a>" · "
                <a class="frab" href=format!("{path}/schedule.json")>{lang.t("programme-frab-json")}</a>
            </nav>
            {many_days.then(|| view! {
                <nav class="programme-days" aria-label=lang.t("programme-days")>
                    <ul>{p.days.iter().map(|d| view! {
                        <li><a href=format!("#day-{}", d.date)>{lang.format_date(d.date)}</a></li>
                    }).collect_view()}</ul>
                </nav>
            })}
            {(!p.tracks.is_empty()).then(|| view! {
                <p class="programme-tracks">{lang.t("programme-tracks")}": "
                    {p.tracks.iter().enumerate().map(|(i, t)| view! {
                        {(i > 0).then(|| lang.comma())}
                        <a href=format!("{path}/tracks/{}/calendar.ics?lang={texts}", urlencode(t)) title=lang.t("programme-track-feed")><bdi>{t.clone()}</bdi></a>
                    }).collect_view()}
                </p>
            })}
            <form id="my-programme" class="my-programme-form" action=format!("{path}/my") method="get">
                <p>{lang.t("programme-star-hint")}" "<button type="submit">{lang.t("programme-show-mine")}</button></p>
            </form>
            {if page.agenda.is_empty() {
                view! { <p class="empty">{lang.t("gathering-programme-empty")}</p> }.into_any()
            } else {
                p.days.iter().map(|d| {
                    let heading = format!("day-{}", d.date);
                    let labelled = heading.clone();
                    view! {
                        <section class="programme-day" aria-labelledby=labelled>
                            <h2 id=heading>{lang.format_date(d.date)}</h2>
                            <table class="programme-grid">
                                <thead><tr>
                                    <th scope="col" class="time"><span class="visually-hidden">{lang.t("programme-time")}</span></th>
                                    {lanes.iter().zip(d.columns.iter()).map(|((id, name), cols)| view! {
                                        <th scope="col" colspan=*cols>
                                            <bdi>{name.clone()}</bdi>" "
                                            <a class="room-feed" href=format!("{path}/rooms/{id}/calendar.ics?lang={texts}") title=lang.t("programme-room-feed")>{lang.t("programme-feed-short")}</a>
                                        </th>
                                    }).collect_view()}
                                </tr></thead>
                                <tbody>
                                    {d.rows.iter().map(|r| view! {
                                        <tr>
                                            <th scope="row" class="time"><time datetime=r.at.format("%Y-%m-%dT%H:%M").to_string()>{lang.format_time(r.at)}</time></th>
                                            {r.cells.iter().map(|c| match c.session.and_then(|i| page.agenda.get(i)) {
                                                Some(s) => view! {
                                                    <td rowspan=c.rows class="session" data-kind=s.kind.as_str()>
                                                        {card(lang, &page, &path, s)}
                                                    </td>
                                                }.into_any(),
                                                None => view! { <td rowspan=c.rows class="free"></td> }.into_any(),
                                            }).collect_view()}
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </section>
                    }
                }).collect_view().into_any()
            }}
        </article>
    }
}

/// One session in the grid: time and room (shown when the grid becomes a list), title,
/// speakers, track and language, and the box that stars it.
fn card(lang: Lang, page: &GatheringPage, path: &str, s: &SegmentView) -> impl IntoView + use<> {
    let speakers = s.speakers().join(lang.comma());
    let mut meta = Vec::new();
    if !s.track.is_empty() {
        meta.push(s.track.clone());
    }
    if !s.languages.is_empty() {
        meta.push(
            s.languages
                .iter()
                .map(|c| language_name(lang, c))
                .collect::<Vec<_>>()
                .join(lang.comma()),
        );
    }
    if !s.may_record {
        meta.push(lang.t("session-not-recorded"));
    }
    let room = lane_label(lang, page, s.lane);
    let star = lang.t_with(
        "programme-star",
        &[("title", FluentValue::from(s.title.clone()))],
    );
    view! {
        <p class="when"><time datetime=s.start_local.format("%Y-%m-%dT%H:%M").to_string()>{span(lang, s)}</time>
            <span class="room">" · "<bdi>{room}</bdi></span></p>
        <h3 dir="auto" lang=s.title_lang.clone()><a href=format!("{path}/sessions/{}", s.uid)>{s.title.clone()}</a></h3>
        {(!speakers.is_empty()).then(|| view! { <p class="speakers"><bdi>{speakers}</bdi></p> })}
        {(!meta.is_empty()).then(|| view! { <p class="meta">{meta.join(" · ")}</p> })}
        <label class="star"><input type="checkbox" name="s" value=s.uid.clone() form="my-programme" /><span class="visually-hidden">{star}</span></label>
    }
}

/// Percent-encodes a path segment (a track's name).
fn urlencode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

#[component]
pub fn SessionPage() -> impl IntoView {
    let lang = use_lang();
    loaded(
        route_key(["org", "slug", "uid"]),
        |([org, slug, uid], lang)| public_session(org, slug, uid, lang),
        move |p| view! { <SessionView page=p lang=lang /> },
    )
}

#[component]
fn SessionView(page: GatheringPage, lang: Lang) -> impl IntoView {
    let path = base(&page);
    let Some(s) = page.agenda.first().cloned() else {
        return ().into_any();
    };
    let texts = crate::i18n::texts_lang();
    let feed = format!("{path}/sessions/{}/calendar.ics?lang={texts}", s.uid);
    let lane = page.lane(s.lane).cloned();
    let room = s.room.clone();
    let venue = page.venue.as_ref().map(|v| v.name.clone());
    let place = match (room, venue) {
        (Some(r), Some(v)) => format!("{r}, {v}"),
        (Some(r), None) => r,
        (None, Some(v)) => v,
        (None, None) => lang.t("gathering-no-venue"),
    };
    let languages = s
        .languages
        .iter()
        .map(|c| language_name(lang, c))
        .collect::<Vec<_>>()
        .join(lang.comma());
    let consent = [
        (s.may_record, "session-may-record", "session-not-recorded"),
        (s.may_stream, "session-may-stream", "session-not-streamed"),
        (
            s.may_photograph,
            "session-may-photograph",
            "session-no-photos",
        ),
    ]
    .map(|(yes, y, n)| lang.t(if yes { y } else { n }))
    .join(" · ");
    let paragraphs: Vec<String> = s
        .abstract_text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    let starts = s.start_utc.timestamp();
    view! {
        <Title text=format!("{} · {}", s.title, page.title) />
        <article class="session-page" data-status=page.status.as_str()>
            <p class="breadcrumb">
                <a href=format!("/o/{}", page.org_slug)><bdi>{page.org_name.clone()}</bdi></a>" › "
                <a href=path.clone()><bdi lang=page.title_lang.clone()>{page.title.clone()}</bdi></a>" › "
                <a href=format!("{path}/programme")>{lang.t("programme-title")}</a>
            </p>
            <p class="kind">{lang.t(&format!("segment-{}", s.kind.as_str()))}
                {(!s.track.is_empty()).then(|| view! { " · "<bdi>{s.track.clone()}</bdi> })}</p>
            <h1 dir="auto" lang=s.title_lang.clone()>{s.title.clone()}</h1>
            <dl class="facts">
                <div>
                    <dt>{lang.t("gathering-when")}</dt>
                    <dd>
                        <time datetime=s.start_local.format("%Y-%m-%dT%H:%M").to_string()>{lang.format_date(s.start_local.date())}{lang.comma()}{span(lang, &s)}</time>
                        " "<span class="zone">"("<bdi dir="ltr">{page.time_zone.clone()}</bdi>")"</span>
                        <YourTime starts_utc=starts label=lang.t("your-time") locale=lang.code().to_owned() />
                    </dd>
                </div>
                <div>
                    <dt>{lang.t("gathering-where")}</dt>
                    <dd><bdi>{place}</bdi>
                        {lane.as_ref().filter(|l| !l.directions.is_empty()).map(|l| view! {
                            <p class="directions" dir="auto">{l.directions.clone()}</p>
                        })}
                        {lane.as_ref().filter(|l| !l.accessibility.is_empty()).map(|l| view! {
                            <p class="accessibility"><span class="label">{lang.t("room-accessibility")}": "</span><span dir="auto">{l.accessibility.clone()}</span></p>
                        })}
                    </dd>
                </div>
                {(!languages.is_empty()).then(|| view! {
                    <div><dt>{lang.t("gathering-languages")}</dt><dd>{languages}</dd></div>
                })}
                <div><dt>{lang.t("session-recording")}</dt><dd>{consent}</dd></div>
            </dl>
            {(!s.appearances.is_empty()).then(|| view! {
                <section aria-labelledby="speakers">
                    <h2 id="speakers">{lang.t("session-people")}</h2>
                    <ul class="appearances">
                        {s.appearances.iter().map(|a| {
                            let name = a.name.clone().unwrap_or_else(|| lang.t("appearance-unlisted"));
                            let role = lang.t(&format!("role-{}", a.role.as_str()));
                            let mode = lang.t(&format!("mode-{}", a.mode.as_str()));
                            view! {
                                <li class="appearance" data-role=a.role.as_str() data-mode=a.mode.as_str()>
                                    <span class="role">{role}": "</span>
                                    {match a.person_id {
                                        Some(id) => view! { <a href=format!("/o/{}/people/{id}", page.org_slug)><bdi class="name">{name}</bdi></a> }.into_any(),
                                        None => view! { <bdi class="name">{name}</bdi> }.into_any(),
                                    }}
                                    " "<span class="how">"("{mode}")"</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {(!paragraphs.is_empty()).then(|| view! {
                <section class="abstract" aria-labelledby="abstract" lang=s.abstract_lang.clone()>
                    <h2 id="abstract">{lang.t("session-abstract")}</h2>
                    {paragraphs.into_iter().map(|p| view! { <p dir="auto">{p}</p> }).collect_view()}
                </section>
            })}
            <p class="calendar-links">
                <a class="subscribe" href=webcal(&format!("{}{feed}", page.origin))>{lang.t("calendar-subscribe")}</a>" · "
                <a class="download" href=feed download="">{lang.t("calendar-download")}</a>
            </p>
        </article>
    }
    .into_any()
}

#[component]
pub fn MyProgrammePage() -> impl IntoView {
    let lang = use_lang();
    loaded(
        route_key(["org", "slug"]),
        |([org, slug], lang)| public_programme(org, slug, lang),
        move |p| view! { <MyProgrammeView p=p lang=lang /> },
    )
}

#[component]
fn MyProgrammeView(p: Programme, lang: Lang) -> impl IntoView {
    let page = p.page;
    let path = base(&page);
    let query = leptos_router::hooks::use_query_map().read_untracked();
    let mut chosen: Vec<String> = query
        .get_all("s")
        .unwrap_or_default()
        .iter()
        .flat_map(|v| {
            v.split(',')
                .map(|u| u.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|u| !u.is_empty())
        .collect();
    chosen.sort_unstable();
    chosen.dedup();
    let sessions: Vec<SegmentView> = page
        .agenda
        .iter()
        .filter(|s| chosen.contains(&s.uid))
        .cloned()
        .collect();
    let uids: Vec<String> = sessions.iter().map(|s| s.uid.clone()).collect();
    let texts = crate::i18n::texts_lang();
    let feed = format!("{path}/my.ics?lang={texts}&s={}", uids.join(","));
    view! {
        <Title text=format!("{} · {}", lang.t("programme-mine"), page.title) />
        <article class="my-programme">
            <p class="breadcrumb">
                <a href=path.clone()><bdi lang=page.title_lang.clone()>{page.title.clone()}</bdi></a>" › "
                <a href=format!("{path}/programme")>{lang.t("programme-title")}</a>
            </p>
            <h1>{lang.t("programme-mine")}</h1>
            {if sessions.is_empty() {
                view! { <p class="empty">{lang.t("programme-mine-empty")}" "<a href=format!("{path}/programme")>{lang.t("programme-title")}</a></p> }.into_any()
            } else {
                view! {
                    <p class="calendar-links">
                        <a class="subscribe" href=webcal(&format!("{}{feed}", page.origin))>{lang.t("programme-mine-subscribe")}</a>" · "
                        <a class="download" href=feed.clone() download="">{lang.t("calendar-download")}</a>
                    </p>
                    <p class="hint">{lang.t("programme-mine-keep")}</p>
                    <ol class="agenda">
                        {sessions.iter().map(|s| view! {
                            <li class="segment">
                                <p class="slot"><time datetime=s.start_local.format("%Y-%m-%dT%H:%M").to_string()>{lang.format_date(s.start_local.date())}{lang.comma()}{span(lang, s)}</time></p>
                                <div class="what">
                                    <h3 dir="auto" lang=s.title_lang.clone()><a href=format!("{path}/sessions/{}", s.uid)>{s.title.clone()}</a></h3>
                                    <p class="room"><bdi>{lane_label(lang, &page, s.lane)}</bdi></p>
                                    {(!s.speakers().is_empty()).then(|| view! { <p class="speakers"><bdi>{s.speakers().join(lang.comma())}</bdi></p> })}
                                </div>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </article>
    }
}

/// `/o/:org/:slug/programme/changes?since=N`: what changed since version N (the one
/// before the latest when not given): moved, added, renamed and cancelled sessions.
#[component]
pub fn ProgrammeChangesPage() -> impl IntoView {
    let lang = use_lang();
    let since = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("since")
        .and_then(|s| s.parse::<u32>().ok())
        .unwrap_or(0);
    let ([org, slug], texts) = route_key(["org", "slug"]);
    loaded(
        (org, slug, texts, since),
        |(org, slug, texts, since)| public_changes(org, slug, texts, since),
        move |c| view! { <ChangesView c=c lang=lang /> },
    )
}

#[component]
fn ChangesView(c: ChangesPage, lang: Lang) -> impl IntoView {
    let path = format!("/o/{}/{}", c.org_slug, c.slug);
    let when = |t: &(chrono::NaiveDateTime, chrono::NaiveDateTime, String)| {
        let mut text = format!(
            "{}{}{}–{}",
            lang.format_date(t.0.date()),
            lang.comma(),
            lang.format_time(t.0),
            lang.format_time(t.1)
        );
        if !t.2.is_empty() {
            text.push_str(" · ");
            text.push_str(&t.2);
        }
        text
    };
    let heading = lang.digits(&lang.t_with(
        "changes-title",
        &[("number", FluentValue::from(c.since.number))],
    ));
    view! {
        <Title text=format!("{heading} · {}", c.title) />
        <article class="programme-changes">
            <p class="breadcrumb">
                <a href=path.clone()><bdi lang=c.title_lang.clone()>{c.title.clone()}</bdi></a>" › "
                <a href=format!("{path}/programme")>{lang.t("programme-title")}</a>
            </p>
            <h1>{heading}</h1>
            <p class="zone-note">{lang.digits(&lang.t_with("changes-released", &[("date", FluentValue::from(lang.format_date(c.since.released_local.date())))]))}
                {c.latest.clone().map(|l| view! { " · "{lang.digits(&lang.t_with("programme-version", &[
                    ("number", FluentValue::from(l.number)),
                    ("date", FluentValue::from(lang.format_date(l.released_local.date()))),
                ]))}})}
                " · "{lang.t_with("gathering-times-in", &[("zone", FluentValue::from(c.time_zone.clone()))])}</p>
            {if c.changes.is_empty() {
                view! { <p class="empty">{lang.t("change-none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="changes">
                        {c.changes.iter().map(|ch| view! {
                            <li class="change" data-kind=ch.kind.clone()>
                                <span class="change-kind">{lang.t(&format!("change-{}", ch.kind))}": "</span>
                                {if ch.kind == "cancelled" {
                                    view! { <s dir="auto">{ch.title.clone()}</s> }.into_any()
                                } else {
                                    view! { <a dir="auto" href=format!("{path}/sessions/{}", ch.uid)>{ch.title.clone()}</a> }.into_any()
                                }}
                                {ch.was_called.clone().map(|w| view! { " "<span class="was">"("{lang.t("change-was")}" "<bdi>{w}</bdi>")"</span> })}
                                <br />
                                {ch.before.as_ref().filter(|_| ch.kind == "moved" || ch.kind == "cancelled").map(|b| view! { <span class="before"><s>{when(b)}</s></span> })}
                                {(ch.kind == "moved").then_some(" → ")}
                                {ch.now.as_ref().map(|n| view! { <span class="now">{when(n)}</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(c.releases.len() > 1).then(|| view! {
                <p class="other-versions">{lang.t("changes-other")}" "
                    {c.releases.iter().map(|r| view! {
                        " "<a href=format!("{path}/programme/changes?since={}", r.number) aria-current=(r.number == c.since.number).then_some("true")>{lang.number(i64::from(r.number))}</a>
                    }).collect_view()}
                </p>
            })}
        </article>
    }
}
