use fluent_templates::fluent_bundle::FluentValue;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::workspace::load_run_sheet;
use crate::components::live::LiveUpdates;
use crate::components::loaded::{loaded, route_key};
use crate::components::print::PrintButton;
use crate::components::when::DateRange;
use crate::domain::AppearanceRole;
use crate::i18n::language_name;
use crate::i18n::{Lang, use_lang};
use crate::pages::live::{attendance, lateness};
use crate::responses::run_sheet::{
    RunPerson, RunRow, RunSheet, how_text, interpreting_text, readers,
};

/// The host's printable run-sheet (members only): every segment with its time, who
/// appears and how, cues, then the statement in full and the day's contacts.
#[component]
pub fn RunSheetPage() -> impl IntoView {
    let lang = use_lang();
    loaded(
        route_key(["org", "slug"]),
        |([org, slug], lang)| load_run_sheet(org, slug, lang),
        move |s| view! { <RunSheetView s=s lang=lang /> },
    )
}

#[component]
fn RunSheetView(mut s: RunSheet, lang: Lang) -> impl IntoView {
    // A conference of parallel rooms: one room's sheet (`?room=` a lane), in time order,
    // each row naming its room when all rooms are shown.
    let room: Option<i32> = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("room")
        .and_then(|r| r.parse().ok())
        .filter(|r| s.lanes.iter().any(|(id, _)| id == r));
    let parallel = !s.lanes.is_empty();
    if parallel {
        s.rows.retain(|r| room.is_none_or(|l| r.lane == l));
        s.rows.sort_by_key(|r| (r.start_utc, r.lane, r.number));
    }
    let room_name = room.and_then(|l| {
        s.lanes
            .iter()
            .find(|(id, _)| *id == l)
            .map(|(_, n)| n.clone())
    });
    let several_days = s.ends_local.date() > s.starts_local.date();
    let sheet_path = format!("/manage/o/{}/{}/run-sheet", s.org_slug, s.slug);
    let hosts = (!s.hosts.is_empty()).then(|| {
        lang.t_with(
            "runsheet-host",
            &[("names", FluentValue::from(s.hosts.join(lang.comma())))],
        )
    });
    let events = format!("/manage/o/{}/{}/live/events", s.org_slug, s.slug);
    let day = on_the_day(lang, &s.rows, s.expected_attendance, s.actual_attendance);
    let overrun = s.overrun_minutes.map(|m| {
        lang.digits(&lang.t_with("runsheet-overrun", &[("minutes", FluentValue::from(m))]))
    });
    view! {
        <Title text=format!("{} · {}", lang.t("runsheet-title"), s.title) />
        <PrintButton label=lang.t("print-button") />
        <article class="run-sheet" id="run-sheet-board" data-status=s.status.as_str()>
            <header class="sheet-header">
                <p class="kind">{lang.t("runsheet-title")}" · "<bdi>{s.org_name.clone()}</bdi>
                    <span class="no-print">" · "<a class="call-sheets-link" href=format!("/manage/o/{}/{}/call-sheets", s.org_slug, s.slug)>{lang.t("call-sheets-link")}</a>
                    " · "<a class="live-link" href=format!("/manage/o/{}/{}/live", s.org_slug, s.slug)>{lang.t("live-link")}</a></span></p>
                <h1><bdi>{s.title.clone()}</bdi></h1>
                <p class="when"><DateRange start=s.starts_local end=s.ends_local zone=s.time_zone.clone() /></p>
                {s.venue.clone().map(|v| view! {
                    <p class="where"><bdi>{v.name}</bdi>{(!v.address.is_empty()).then(|| view! { ", "<bdi>{v.address}</bdi> })}</p>
                    {(!v.access_notes.is_empty()).then(|| view! {
                        <p class="access"><strong>{lang.t("runsheet-venue-access")}": "</strong><span dir="auto">{v.access_notes}</span></p>
                    })}
                })}
                {hosts.map(|h| view! { <p class="hosts">{h}</p> })}
                {(!s.internal_notes.is_empty()).then(|| view! {
                    <p class="notes"><strong>{lang.t("runsheet-notes")}": "</strong><span dir="auto">{s.internal_notes.clone()}</span></p>
                })}
                {overrun.map(|o| view! { <p class="warning" role="status">{o}</p> })}
                {parallel.then(|| view! {
                    <nav class="sheet-rooms no-print" aria-label=lang.t("runsheet-rooms")>
                        {lang.t("runsheet-rooms")}": "
                        <a href=sheet_path.clone() aria-current=room.is_none().then_some("page")>{lang.t("runsheet-all-rooms")}</a>
                        {s.lanes.iter().map(|(id, name)| view! {
                            " · "<a href=format!("{sheet_path}?room={id}") aria-current=(room == Some(*id)).then_some("page")><bdi>{name.clone()}</bdi></a>
                        }).collect_view()}
                    </nav>
                })}
            </header>
            <table class="sheet">
                // Column widths live on the columns: printed, the first row is the running
                // title across all four.
                <colgroup>
                    <col class="col-time" />
                    <col class="col-segment" />
                    <col class="col-who" />
                    <col class="col-cues" />
                </colgroup>
                <thead>
                    <tr class="sheet-caption">
                        <th colspan="4">
                            <bdi>{s.title.clone()}</bdi>" · "{lang.format_date(s.starts_local.date())}
                            {room_name.clone().map(|n| view! { " · "<bdi>{n}</bdi> })}
                            " · "<bdi dir="ltr">{s.time_zone.clone()}</bdi>
                        </th>
                    </tr>
                    <tr>
                        <th scope="col">{lang.t("runsheet-time")}</th>
                        <th scope="col">{lang.t("runsheet-segment")}</th>
                        <th scope="col">{lang.t("runsheet-who")}</th>
                        <th scope="col">{lang.t("runsheet-cues")}</th>
                    </tr>
                </thead>
                <tbody>
                    {
                        // A gathering of several days: each day opens with its date.
                        let mut last_day = None;
                        let show_room = parallel && room.is_none();
                        s.rows.into_iter().map(|r| {
                            let day = r.start_local.date();
                            let heading = (several_days && last_day != Some(day)).then(|| view! {
                                <tr class="sheet-day"><th colspan="4" scope="rowgroup">{lang.format_date(day)}</th></tr>
                            });
                            last_day = Some(day);
                            view! { {heading}{row(lang, r, show_room)} }
                        }).collect_view()
                    }
                </tbody>
            </table>
            {s.statements.into_iter().map(|st| view! {
                <section class="sheet-statement" lang=st.language.clone() dir="auto">
                    <h2>{lang.t("runsheet-statement")}</h2>
                    <h3><bdi>{st.title}</bdi></h3>
                    <ol>{st.points.into_iter().map(|p| view! { <li dir="auto">{p}</li> }).collect_view()}</ol>
                    <p class="signing">{lang.t("runsheet-signing")}</p>
                </section>
            }).collect_view()}
            {(!s.contacts.is_empty()).then(|| view! {
                <section class="sheet-contacts">
                    <h2>{lang.t("runsheet-contacts")}</h2>
                    <ul>
                        {s.contacts.into_iter().map(|c| view! {
                            <li><bdi>{c.name}</bdi>": "<bdi dir="ltr">{c.contact}</bdi>
                                {c.home_zone.map(|z| view! { " ("<bdi dir="ltr">{z}</bdi>")" })}</li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {day}
        </article>
        <LiveUpdates events=events board="run-sheet-board".to_owned() />
    }
}

/// After (or during) the day: each segment planned against what happened, and the
/// attendance. Nothing when the day has not begun; on screen only (the printed sheet is
/// the plan for the day).
fn on_the_day(
    lang: Lang,
    rows: &[RunRow],
    expected: Option<i32>,
    actual: Option<i32>,
) -> Option<impl IntoView + use<>> {
    let happened = rows.iter().any(|r| r.actual_start.is_some() || r.skipped);
    if !happened && actual.is_none() {
        return None;
    }
    let span = |a: chrono::NaiveDateTime, b: Option<chrono::NaiveDateTime>| match b {
        Some(b) => format!("{}–{}", lang.format_time(a), lang.format_time(b)),
        None => format!("{}–", lang.format_time(a)),
    };
    let lines = rows
        .iter()
        .map(|r| {
            let planned = span(r.start_local, Some(r.end_local));
            let actual = match (r.skipped, r.actual_start) {
                (true, _) => lang.t("live-phase-skipped"),
                (false, Some(a)) => span(a, r.actual_end),
                (false, None) => "—".to_owned(),
            };
            let late = r.actual_start.map(|a| (a - r.start_local).num_minutes());
            view! {
                <tr data-skipped=r.skipped.to_string()>
                    <td>{lang.number(i64::from(r.number))}". "<bdi>{r.title.clone()}</bdi></td>
                    <td class="planned">{planned}</td>
                    <td class="actual">{actual}</td>
                    <td class="difference">{late.filter(|m| *m != 0).map(|m| lateness(lang, m))}</td>
                </tr>
            }
        })
        .collect_view();
    Some(view! {
        <section class="on-the-day no-print">
            <h2>{lang.t("runsheet-on-the-day")}</h2>
            {attendance(lang, expected, actual)}
            {happened.then(|| view! {
                <table class="sheet day">
                    <thead><tr>
                        <th scope="col">{lang.t("runsheet-segment")}</th>
                        <th scope="col">{lang.t("runsheet-planned")}</th>
                        <th scope="col">{lang.t("runsheet-actual")}</th>
                        <th scope="col">{lang.t("runsheet-difference")}</th>
                    </tr></thead>
                    <tbody>{lines}</tbody>
                </table>
            })}
        </section>
    })
}

fn row(lang: Lang, r: RunRow, show_room: bool) -> impl IntoView {
    // A reading the clock shows twice carries its UTC offset, in small type.
    let offset = |o: Option<String>| {
        o.map(|o| view! { " "<small class="offset">{lang.digits(&format!("({o})"))}</small> })
    };
    let (start, start_offset) = (
        lang.format_time(r.start_local),
        offset(r.start_offset.clone()),
    );
    let (end, end_offset) = (lang.format_time(r.end_local), offset(r.end_offset.clone()));
    let minutes = lang.digits(&lang.t_with(
        "segment-minutes",
        &[("minutes", FluentValue::from(r.minutes))],
    ));
    let readers = readers(&r);
    view! {
        <tr class="segment-row" data-public=r.public.to_string()>
            <td class="time">
                // Start and end each stay whole; the line may break after the dash.
                <span class="start-end"><span class="at">{start}</span>{start_offset}"–"<wbr /><span class="at">{end}</span>{end_offset}</span><br />
                <span class="minutes">{minutes}</span>
                {r.hard_start.then(|| view! { <br /><span class="hard">{lang.t("runsheet-hard-start")}</span> })}
            </td>
            <td class="what">
                <span class="number">{lang.number(i64::from(r.number))}". "</span>
                <strong dir="auto">{r.title}</strong><br />
                <span class="kind">{lang.t(&format!("segment-{}", r.kind.as_str()))}</span>
                {r.room.clone().filter(|_| show_room).map(|n| view! { " · "<span class="room"><bdi>{n}</bdi></span> })}
                {(!r.public).then(|| view! { " · "<span class="internal">{lang.t("runsheet-internal")}</span> })}
                {r.film.map(|f| view! { <br /><span class="film">{lang.t("runsheet-film")}": "<bdi>{f}</bdi></span> })}
            </td>
            <td class="who">
                <ul>{r.people.into_iter().map(|p| person(lang, p, &readers)).collect_view()}</ul>
            </td>
            <td class="cues" dir="auto">{r.cues}</td>
        </tr>
    }
}

fn person(lang: Lang, p: RunPerson, readers: &[String]) -> impl IntoView + use<> {
    let how = how_text(lang, &p, readers);
    let interpreting = interpreting_text(lang, &p);
    let spoken = (p.role == AppearanceRole::Interpreter)
        .then(|| p.language.as_deref().map(|c| language_name(lang, c)))
        .flatten();
    view! {
        <li data-mode=p.mode.as_str() data-role=p.role.as_str()>
            <span class="role">{lang.t(&format!("role-{}", p.role.as_str())).to_uppercase()}</span>" "
            <bdi class="name">{p.name}</bdi>" — "
            <span class="how">{how}</span>
            {interpreting.map(|i| view! { " · "<span class="interpreting">{i}</span> })}
            {spoken.map(|l| view! { " → "<span class="interpreting">{l}</span> })}
            {(!p.link.is_empty()).then(|| view! { <br /><span class="link">{lang.t("runsheet-link")}": "<bdi dir="ltr">{p.link}</bdi></span> })}
        </li>
    }
}
